package main

import (
	"time"

	"golang.org/x/sys/unix"
)

// poller is the loop's view of epoll, in the shape of Redis's ae.c: create
// it once, then add, modify or remove interest in a file descriptor, and
// wait for some of them to become ready. Redis keeps the same small API
// over kqueue and select; so could we.
type poller struct {
	epfd  int
	ready []unix.EpollEvent // filled by wait; reused so waiting allocates nothing
}

// The two kinds of readiness the loop asks about. epoll reports EPOLLHUP
// and EPOLLERR whether or not they are asked for.
const (
	readable = unix.EPOLLIN
	writable = unix.EPOLLOUT
)

func newPoller(maxReady int) (*poller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return &poller{epfd: epfd, ready: make([]unix.EpollEvent, maxReady)}, nil
}

// add starts watching fd. Registration is level-triggered: epoll_wait
// reports fd for as long as it stays ready, so a handler may do part of
// the work now and trust the next wait to bring it back for the rest.
func (p *poller) add(fd int, events uint32) error {
	ev := unix.EpollEvent{Events: events, Fd: int32(fd)}
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_ADD, fd, &ev)
}

func (p *poller) modify(fd int, events uint32) error {
	ev := unix.EpollEvent{Events: events, Fd: int32(fd)}
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_MOD, fd, &ev)
}

// remove stops watching fd. Closing fd would also remove it, but only once
// no other descriptor refers to the same open file, so the loop says so.
func (p *poller) remove(fd int) error {
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, fd, nil)
}

// wait blocks this thread in epoll_wait until something is ready or the
// timeout passes, and returns the ready descriptors. A signal that
// interrupts the wait (EINTR) is not an error: it returns nothing ready.
func (p *poller) wait(timeout time.Duration) ([]unix.EpollEvent, error) {
	ms := int((timeout + time.Millisecond - 1) / time.Millisecond)
	n, err := unix.EpollWait(p.epfd, p.ready, ms)
	if err == unix.EINTR {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return p.ready[:n], nil
}

func (p *poller) close() error {
	return unix.Close(p.epfd)
}
