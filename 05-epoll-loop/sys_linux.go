package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// openWakeup makes the descriptor that Stop uses to wake the loop: an
// eventfd (eventfd(2)), a counter in the kernel that is readable while it
// is not zero. The loop watches it and Stop writes to it: one descriptor
// does for both ends.
func openWakeup() (watched, written int, err error) {
	fd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
	if err != nil {
		return -1, -1, os.NewSyscallError("eventfd", err)
	}
	return fd, fd, nil
}

// wakeMessage is what Stop writes: an eventfd takes an 8-byte number, and
// any number but 0 makes it readable.
var wakeMessage = []byte{1, 0, 0, 0, 0, 0, 0, 0}
