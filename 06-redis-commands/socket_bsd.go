//go:build darwin || netbsd || openbsd

package main

import (
	"syscall"

	"golang.org/x/sys/unix"
)

const acceptCall = "accept"

// newSocket makes a TCP socket that is non-blocking and close-on-exec.
// macOS's socket(2) takes no SOCK_NONBLOCK or SOCK_CLOEXEC (and x/sys
// has no accept4 for NetBSD and OpenBSD), so both are set after, under
// syscall.ForkLock as Go's net package does (net/sys_cloexec.go), lest a
// fork+exec elsewhere inherit the descriptor in between.
func newSocket(family int) (int, error) {
	syscall.ForkLock.RLock()
	fd, err := unix.Socket(family, unix.SOCK_STREAM, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// accept takes one connection from the listener's queue. With no
// accept4, the new descriptor is made non-blocking and close-on-exec
// after, as in newSocket. x/sys returns the peer's address too, some
// garbage per connection that Linux and FreeBSD avoid; here it is put
// up with.
func accept(listenFd int) (int, error) {
	syscall.ForkLock.RLock()
	fd, _, err := unix.Accept(listenFd)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}
