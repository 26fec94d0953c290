//go:build linux

package main

import (
	"math"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// pollerName is the backend, for the line that says where the server listens.
const pollerName = "epoll"

// waitCall is the system call that wait makes, as strace shows it. Newer
// architectures have no epoll_wait: on arm64, riscv64 and loong64 x/sys
// makes unix.EpollWait with epoll_pwait and no signal mask, the same call
// (unix/syscall_linux_arm64.go).
var waitCall = epollWaitCall(runtime.GOARCH)

func epollWaitCall(arch string) string {
	switch arch {
	case "arm64", "riscv64", "loong64":
		return "epoll_pwait"
	}
	return "epoll_wait"
}

// poller is the loop's view of epoll, in the shape of Redis's ae_epoll.c:
// create it once, then add, modify or remove interest in a file
// descriptor, and wait for some of them to become ready. This file is the
// only one that speaks epoll; poller_kqueue.go has the same methods.
type poller struct {
	epfd   int
	ready  []unix.EpollEvent // filled by epoll_wait; reused so waiting allocates nothing
	events []event           // ready, in the loop's words
}

func newPoller(maxReady int) (*poller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, os.NewSyscallError("epoll_create1", err)
	}
	return &poller{epfd: epfd, ready: make([]unix.EpollEvent, maxReady), events: make([]event, 0, maxReady)}, nil
}

// epollEvents turns the loop's interest into epoll's bits. EPOLLHUP and
// EPOLLERR need no asking: epoll always reports them (epoll_ctl(2)).
func epollEvents(mask eventMask) uint32 {
	var events uint32
	if mask&readable != 0 {
		events |= unix.EPOLLIN
	}
	if mask&writable != 0 {
		events |= unix.EPOLLOUT
	}
	return events
}

// add starts watching fd. Registration is level-triggered (no EPOLLET):
// epoll_wait reports fd for as long as it stays ready, so a handler may
// do part of the work now and trust the next wait to bring it back.
func (p *poller) add(fd int, mask eventMask) error {
	return p.ctl(unix.EPOLL_CTL_ADD, fd, mask)
}

// modify changes what fd is watched for. epoll replaces the whole set in
// one call, so it has no use for old; kqueue has.
func (p *poller) modify(fd int, old, mask eventMask) error {
	return p.ctl(unix.EPOLL_CTL_MOD, fd, mask)
}

// remove stops watching fd. Closing fd would also remove it, but only once
// no other descriptor refers to the same open file (epoll(7), Q6), so the
// loop says so first.
func (p *poller) remove(fd int, old eventMask) error {
	return p.ctl(unix.EPOLL_CTL_DEL, fd, 0)
}

func (p *poller) ctl(op, fd int, mask eventMask) error {
	ev := unix.EpollEvent{Events: epollEvents(mask), Fd: int32(fd)}
	return os.NewSyscallError("epoll_ctl", unix.EpollCtl(p.epfd, op, fd, &ev))
}

// wait blocks this thread in epoll_wait until something is ready or the
// timeout passes (below zero: no timeout), and returns what is ready. A
// signal that interrupts the wait (EINTR) is not an error: nothing is
// ready.
func (p *poller) wait(timeout time.Duration) ([]event, error) {
	ms := -1 // epoll_wait's "for ever"
	if timeout >= 0 {
		// Rounded up: rounded down, a wait 0.4 ms before a deadline
		// would poll at once, again and again, until it passed.
		ms = int(min((timeout+time.Millisecond-1)/time.Millisecond, math.MaxInt32))
	}
	n, err := unix.EpollWait(p.epfd, p.ready, ms)
	if err == unix.EINTR {
		return nil, nil
	}
	if err != nil {
		return nil, os.NewSyscallError(waitCall, err)
	}
	p.events = p.events[:0]
	for _, ev := range p.ready[:n] {
		p.events = append(p.events, event{
			fd:       int(ev.Fd),
			readable: ev.Events&unix.EPOLLIN != 0,
			writable: ev.Events&unix.EPOLLOUT != 0,
			// EPOLLHUP: both directions are shut (a reset, or FIN
			// both ways); EPOLLERR: the socket has an error.
			hangup: ev.Events&(unix.EPOLLHUP|unix.EPOLLERR) != 0,
		})
	}
	return p.events, nil
}

func (p *poller) close() error {
	return unix.Close(p.epfd)
}
