//go:build linux || darwin || freebsd || netbsd || openbsd

package main

// The loop asks the kernel which sockets are ready through a poller, in
// the shape of Redis's ae.c: newPoller, add, modify, remove, wait, close.
// Each system has its own way to ask, chosen at build time as Redis picks
// ae_epoll.c or ae_kqueue.c: poller_epoll.go on Linux, poller_kqueue.go on
// macOS and the BSDs. Only those two files name epoll or kqueue; the loop
// sees the events below.

// eventMask is what the loop wants to hear about one descriptor.
type eventMask uint8

const (
	readable eventMask = 1 << iota
	writable
)

// event is one ready descriptor, in the loop's words, not epoll's or
// kqueue's.
type event struct {
	fd       int
	readable bool
	writable bool
	hangup   bool // the connection is reset or shut both ways, or has an error: nothing more will arrive
}
