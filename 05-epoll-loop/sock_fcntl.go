//go:build darwin || netbsd || openbsd

package main

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// acceptCall names the system call acceptConn makes, for -trace.
const acceptCall = "accept"

// newSocket opens a TCP socket, then makes it non-blocking and closed on
// exec: macOS has no SOCK_NONBLOCK flag for socket(2), and x/sys has no
// accept4 here, so both take an fcntl of their own.
func newSocket(family int) (int, error) {
	// Held while the descriptor is not yet closed on exec, as Go's net
	// package does, so a fork elsewhere in the program cannot inherit it.
	syscall.ForkLock.RLock()
	fd, err := unix.Socket(family, unix.SOCK_STREAM, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, os.NewSyscallError("socket", err)
	}
	return fd, setNonblock(fd)
}

// acceptConn takes one queued connection and makes it non-blocking and
// closed on exec, as accept4 does in one call where it exists.
func acceptConn(listenFd int) (int, unix.Sockaddr, error) {
	syscall.ForkLock.RLock()
	fd, sa, err := unix.Accept(listenFd)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, nil, err
	}
	if err := setNonblock(fd); err != nil {
		return -1, nil, err
	}
	return fd, sa, nil
}

func setNonblock(fd int) error {
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return os.NewSyscallError("fcntl", err)
	}
	return nil
}
