//go:build darwin || freebsd || netbsd || openbsd

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// openWakeup makes the descriptors that Stop uses to wake the loop: a
// pipe, non-blocking at both ends (the self-pipe trick; the BSDs have no
// eventfd). The loop watches the read end, and Stop writes a byte to the
// other.
func openWakeup() (watched, written int, err error) {
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		return -1, -1, os.NewSyscallError("pipe", err)
	}
	for _, fd := range p {
		unix.CloseOnExec(fd)
		if err := unix.SetNonblock(fd, true); err != nil {
			unix.Close(p[0])
			unix.Close(p[1])
			return -1, -1, os.NewSyscallError("fcntl", err)
		}
	}
	return p[0], p[1], nil
}

// wakeMessage is what Stop writes: any byte makes the pipe readable.
var wakeMessage = []byte{1}
