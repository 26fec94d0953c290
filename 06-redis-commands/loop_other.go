//go:build !linux

package main

import "errors"

// The event loop is written against Linux's epoll. Other systems have the
// same idea under other names (kqueue on macOS and BSD, IOCP on Windows),
// but this chapter does not pretend to run there.
var errNeedsLinux = errors.New("06-redis-commands needs Linux's epoll: run it in a Linux VM, a container, or WSL2 on Windows")

type poller struct{}

// Linux's EPOLLIN and EPOLLOUT, so that CLIENT LIST builds everywhere.
const (
	readable = 0x1
	writable = 0x4
)

func newServer(config) (*server, error) { return nil, errNeedsLinux }

func (*server) Addr() string { return "" }

func (*server) Serve() error { return errNeedsLinux }

func (*server) Stop() {}

func (*server) peerAddr(*client) string { return "" }
