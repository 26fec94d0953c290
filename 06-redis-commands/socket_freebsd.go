package main

import "golang.org/x/sys/unix"

const acceptCall = "accept4"

// newSocket makes a TCP socket that is non-blocking and close-on-exec
// from birth.
func newSocket(family int) (int, error) {
	return unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
}

// accept takes one connection from the listener's queue, non-blocking and
// close-on-exec from birth, as on Linux. x/sys's Accept4 returns the
// peer's address too (garbage that Linux's raw accept4 avoids).
func accept(listenFd int) (int, error) {
	fd, _, err := unix.Accept4(listenFd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
	return fd, err
}
