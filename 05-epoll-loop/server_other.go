//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

import "errors"

// The loop needs a way to ask the kernel which of many sockets are ready:
// epoll on Linux, kqueue on macOS and the BSDs. Windows has another model
// (I/O completion ports) that this chapter does not cover.
var errUnsupported = errors.New("05-epoll-loop needs Linux (epoll) or macOS/BSD (kqueue); on Windows, run it in WSL2")

const pollerName = "none"

type server struct{}

func newServer(config) (*server, error) { return nil, errUnsupported }

func (*server) Addr() string { return "" }

func (*server) Serve() error { return errUnsupported }

func (*server) Stop() {}
