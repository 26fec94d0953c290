//go:build darwin || freebsd || netbsd || openbsd

package main

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// openWakeup makes the descriptors Stop writes to and the loop watches: a
// pipe, the portable form of Linux's eventfd. Both ends are non-blocking,
// so that Stop never blocks on a full pipe (one byte is enough to wake the
// loop), and close-on-exec. syscall.ForkLock keeps a concurrent fork+exec
// from inheriting them between pipe and fcntl, as Go's os package does.
func openWakeup() (watch, write int, err error) {
	var p [2]int
	syscall.ForkLock.RLock()
	err = unix.Pipe(p[:])
	if err == nil {
		unix.CloseOnExec(p[0])
		unix.CloseOnExec(p[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, -1, err
	}
	for _, fd := range p {
		if err := unix.SetNonblock(fd, true); err != nil {
			unix.Close(p[0])
			unix.Close(p[1])
			return -1, -1, err
		}
	}
	return p[0], p[1], nil
}

var wakeupMessage = []byte{1}

// rusageThread: these kernels count CPU time per process only, so INFO
// CPU leaves out the loop thread's lines, as Redis does without RUSAGE_THREAD.
const rusageThread = -1

// readSocket and writeSocket are read(2) and write(2) on a client's
// socket. (Linux's use raw system calls; on macOS system calls go through
// libc, and on every BSD the plain ones are kept for simplicity.)
func readSocket(fd int, p []byte) (int, error)  { return unix.Read(fd, p) }
func writeSocket(fd int, p []byte) (int, error) { return unix.Write(fd, p) }
