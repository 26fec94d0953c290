//go:build linux

package main

import (
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// poller is epoll, in the shape of Redis's ae_epoll.c: create it once,
// then add, modify or remove interest in a file descriptor, and wait for
// some of them to become ready.
type poller struct {
	epfd   int
	ready  []unix.EpollEvent // filled by epoll_wait; reused so waiting allocates nothing
	events []event           // ready, translated for the loop
}

const pollerName = "epoll"

// waitCall is the system call behind unix.EpollWait, for -trace. Linux on
// arm64, riscv64 and loong64 has no epoll_wait, only epoll_pwait, and
// x/sys calls that there (unix/zsyscall_linux_arm64.go), so strace shows
// epoll_pwait on those machines.
var waitCall = epollWaitName(runtime.GOARCH)

func epollWaitName(arch string) string {
	switch arch {
	case "arm64", "riscv64", "loong64":
		return "epoll_pwait"
	}
	return "epoll_wait"
}

func newPoller(maxReady int) (*poller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return &poller{epfd: epfd, ready: make([]unix.EpollEvent, maxReady), events: make([]event, 0, maxReady)}, nil
}

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

// add starts watching fd. Registration is level-triggered: epoll_wait
// reports fd for as long as it stays ready, so a handler may do part of
// the work now and trust the next wait to bring it back for the rest.
// EPOLLHUP and EPOLLERR are reported whether asked for or not (epoll_ctl(2)).
func (p *poller) add(fd int, mask eventMask) error {
	ev := unix.EpollEvent{Events: epollEvents(mask), Fd: int32(fd)}
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_ADD, fd, &ev)
}

// modify replaces what fd is watched for. epoll needs only the new mask;
// old is for kqueue, which keeps one registration per filter.
func (p *poller) modify(fd int, old, mask eventMask) error {
	ev := unix.EpollEvent{Events: epollEvents(mask), Fd: int32(fd)}
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_MOD, fd, &ev)
}

// remove stops watching fd. Closing fd would also remove it, but only once
// no other descriptor refers to the same open file, so the loop says so.
func (p *poller) remove(fd int, old eventMask) error {
	return unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, fd, nil)
}

// wait blocks this thread in epoll_wait until something is ready or the
// timeout passes (a negative timeout: no limit), and returns the ready
// descriptors. A signal that interrupts the wait (EINTR) is not an error:
// it returns nothing ready.
func (p *poller) wait(timeout time.Duration) ([]event, error) {
	ms := -1
	if timeout >= 0 {
		ms = int((timeout + time.Millisecond - 1) / time.Millisecond) // round up: never wake early
	}
	n, err := unix.EpollWait(p.epfd, p.ready, ms)
	if err == unix.EINTR {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.events = p.events[:0]
	for _, ev := range p.ready[:n] {
		p.events = append(p.events, event{
			fd:       int(ev.Fd),
			readable: ev.Events&unix.EPOLLIN != 0,
			writable: ev.Events&unix.EPOLLOUT != 0,
			hangup:   ev.Events&(unix.EPOLLHUP|unix.EPOLLERR) != 0,
		})
	}
	return p.events, nil
}

func (p *poller) close() error {
	return unix.Close(p.epfd)
}
