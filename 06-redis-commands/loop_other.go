//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

import "errors"

// The event loop needs a readiness poller: Linux's epoll, or kqueue on
// macOS and the BSDs. Windows has a completion model instead (IOCP), which
// this chapter does not pretend to be.
var errUnsupported = errors.New("06-redis-commands needs Linux (epoll) or macOS/BSD (kqueue); on Windows, run it under WSL2")

type poller struct{}

const pollerName = "none"

func newServer(config) (*server, error) { return nil, errUnsupported }

func (*server) Addr() string { return "" }

func (*server) Serve() error { return errUnsupported }

func (*server) Stop() {}

func (*server) peerAddr(*client) string { return "" }

func (*server) localAddr(*client) string { return "" }

func (*server) kill(*client) {}

func infoCPU(*server, *infoBuilder) {}

// What blocked.go, pubsub.go and multi.go call on the loop, never run here.
func (*server) tracef(string, ...any)  {}
func (*server) resumeInput(*client)    {}
func (*server) flush(*client)          {}
func (*server) updateInterest(*client) {}
