package main

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

// A scenario is one way of serving a socket: how it is registered and how
// much the handler reads each time epoll_wait reports the socket.
type scenario struct {
	name        string
	events      uint32 // EPOLLIN, plus EPOLLET or EPOLLONESHOT
	readToEnd   bool   // read until EAGAIN, or read once
	readSize    int    // bytes asked for by each read call
	burstBefore bool   // all writes land before the first epoll_wait
}

// result counts what the loop did for one scenario.
type result struct {
	wakeups  int // epoll_wait calls that returned the socket
	reads    int // read calls, including the ones that returned EAGAIN
	bytesIn  int // bytes the handler got
	leftOver int // bytes still in the kernel when epoll_wait stopped reporting
}

// The traffic every scenario gets: chunks messages of chunkSize bytes.
const (
	chunks    = 10
	chunkSize = 100
)

// run sends the traffic to a fresh socketpair watched by a fresh epoll
// instance and serves it the scenario's way. Between writes, and after the
// last one until epoll_wait returns nothing, the loop does one turn:
// epoll_wait with a zero timeout, then the handler for each ready socket.
func run(s scenario) (result, error) {
	var r result
	pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return r, err
	}
	writer, reader := pair[0], pair[1]
	defer unix.Close(writer)
	defer unix.Close(reader)

	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return r, err
	}
	defer unix.Close(epfd)
	ev := unix.EpollEvent{Events: s.events, Fd: int32(reader)}
	if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, reader, &ev); err != nil {
		return r, err
	}

	chunk := make([]byte, chunkSize)
	buf := make([]byte, s.readSize)
	ready := make([]unix.EpollEvent, 8)

	// turn is one pass of an event loop; it reports whether epoll_wait
	// returned anything.
	turn := func() (bool, error) {
		n, err := unix.EpollWait(epfd, ready, 0)
		if err != nil || n == 0 {
			return false, err
		}
		r.wakeups++
		for {
			r.reads++
			got, err := unix.Read(reader, buf)
			if errors.Is(err, unix.EAGAIN) {
				return true, nil
			}
			if err != nil {
				return true, err
			}
			r.bytesIn += got
			if !s.readToEnd {
				return true, nil
			}
		}
	}

	for i := 0; i < chunks; i++ {
		if _, err := unix.Write(writer, chunk); err != nil {
			return r, err
		}
		if s.burstBefore {
			continue
		}
		if _, err := turn(); err != nil {
			return r, err
		}
	}
	// Drain: keep turning while epoll_wait still reports the socket. The
	// bound only guards against a kernel that reports it for ever.
	for i := 0; i < chunks*chunkSize; i++ {
		woke, err := turn()
		if err != nil {
			return r, err
		}
		if !woke {
			break
		}
	}

	// What the handler never got is still queued in the kernel: FIONREAD
	// (SIOCINQ) says how much.
	left, err := unix.IoctlGetInt(reader, unix.SIOCINQ)
	if err != nil {
		return r, err
	}
	r.leftOver = left
	return r, nil
}

// scenarios are the rows of the table, in the order docs/epoll-internals.md
// discusses them.
var scenarios = []scenario{
	{name: "level, one 64-byte read per wake-up", events: unix.EPOLLIN, readSize: 64},
	{name: "edge, one 64-byte read per wake-up", events: unix.EPOLLIN | unix.EPOLLET, readSize: 64},
	{name: "level, read until EAGAIN", events: unix.EPOLLIN, readToEnd: true, readSize: 64},
	{name: "edge, read until EAGAIN", events: unix.EPOLLIN | unix.EPOLLET, readToEnd: true, readSize: 64},
	{name: "level, 10 writes before one wait, read once", events: unix.EPOLLIN, readSize: 4096, burstBefore: true},
	{name: "edge, 10 writes before one wait, read once", events: unix.EPOLLIN | unix.EPOLLET, readSize: 4096, burstBefore: true},
	{name: "one-shot, never re-armed, read once", events: unix.EPOLLIN | unix.EPOLLONESHOT, readSize: 64},
}

func printTable() error {
	fmt.Printf("traffic: %d writes of %d bytes on an AF_UNIX socketpair; one loop turn after each write, then turns until epoll_wait reports nothing\n\n", chunks, chunkSize)
	fmt.Println("| registration and handler | wake-ups | read calls | bytes read | bytes left in the kernel |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for _, s := range scenarios {
		r, err := run(s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Printf("| %s | %d | %d | %d | %d |\n", s.name, r.wakeups, r.reads, r.bytesIn, r.leftOver)
	}
	return nil
}
