//go:build linux || freebsd

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// acceptCall names the system call acceptConn makes, for -trace.
const acceptCall = "accept4"

// newSocket opens a TCP socket that is non-blocking and closed on exec
// from its first instant: the flags ride along with socket(2).
func newSocket(family int) (int, error) {
	fd, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	return fd, os.NewSyscallError("socket", err)
}

// acceptConn takes one queued connection, non-blocking and closed on exec
// in one call (accept4(2)).
func acceptConn(listenFd int) (int, unix.Sockaddr, error) {
	return unix.Accept4(listenFd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
}
