//go:build darwin || freebsd || netbsd || openbsd

package main

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// pollerName is the backend, for the line that says where the server listens.
const pollerName = "kqueue"

// waitCall is the system call that wait makes: kevent both changes what
// kqueue watches and collects what is ready.
const waitCall = "kevent"

// poller is the loop's view of kqueue (kqueue(2) on macOS and FreeBSD), in
// the shape of Redis's ae_kqueue.c, with the same methods as
// poller_epoll.go. kqueue watches (descriptor, filter) pairs: EVFILT_READ
// and EVFILT_WRITE are two registrations of one socket, where epoll has
// one registration with two bits.
type poller struct {
	kq      int
	changes [2]unix.Kevent_t // one per filter that add, modify or remove touches
	ready   []unix.Kevent_t  // filled by kevent; reused so waiting allocates nothing
	events  []event          // ready, in the loop's words
	slot    []int32          // by fd: 1 + its index in events during wait, else 0
	timeout unix.Timespec
}

func newPoller(maxReady int) (*poller, error) {
	kq, err := unix.Kqueue()
	if err != nil {
		return nil, os.NewSyscallError("kqueue", err)
	}
	unix.CloseOnExec(kq)
	return &poller{kq: kq, ready: make([]unix.Kevent_t, maxReady), events: make([]event, 0, maxReady)}, nil
}

// add starts watching fd. Without EV_CLEAR, kqueue is level-triggered, as
// the epoll backend is: kevent reports fd for as long as it stays ready.
func (p *poller) add(fd int, mask eventMask) error {
	return p.modify(fd, 0, mask)
}

// modify adds the filters that mask has and old had not (EV_ADD), and
// deletes those that old had and mask has not (EV_DELETE), in one kevent
// call. EV_DISABLE and EV_ENABLE would keep the registration in the
// kernel between the two; adding and deleting mirrors epoll_ctl.
func (p *poller) modify(fd int, old, mask eventMask) error {
	changes := p.changes[:0]
	for _, f := range []struct {
		bit    eventMask
		filter int
	}{{readable, unix.EVFILT_READ}, {writable, unix.EVFILT_WRITE}} {
		switch {
		case mask&f.bit != 0 && old&f.bit == 0:
			changes = append(changes, kevent(fd, f.filter, unix.EV_ADD))
		case mask&f.bit == 0 && old&f.bit != 0:
			changes = append(changes, kevent(fd, f.filter, unix.EV_DELETE))
		}
	}
	if len(changes) == 0 {
		return nil
	}
	// With no room for events, kevent applies the changes and returns at
	// once, reporting a failed change as its error (kqueue(2)).
	_, err := unix.Kevent(p.kq, changes, nil, nil)
	return os.NewSyscallError("kevent", err)
}

// remove stops watching fd. Closing fd would also remove its filters
// (kqueue(2)); the loop says so first, as it must for epoll.
func (p *poller) remove(fd int, old eventMask) error {
	return p.modify(fd, old, 0)
}

func kevent(fd, filter, flags int) unix.Kevent_t {
	var k unix.Kevent_t
	unix.SetKevent(&k, fd, filter, flags)
	return k
}

// wait blocks this thread in kevent until something is ready or the
// timeout passes (below zero: no timeout), and returns what is ready. A
// signal that interrupts the wait (EINTR) is not an error: nothing is
// ready.
func (p *poller) wait(timeout time.Duration) ([]event, error) {
	var ts *unix.Timespec // nil: for ever
	if timeout >= 0 {
		p.timeout = unix.NsecToTimespec(int64(timeout))
		ts = &p.timeout
	}
	n, err := unix.Kevent(p.kq, nil, p.ready, ts)
	if err == unix.EINTR {
		return nil, nil
	}
	if err != nil {
		return nil, os.NewSyscallError("kevent", err)
	}
	// A socket both readable and writable comes back as two kevents,
	// not always side by side. Merge them into one event, as
	// ae_kqueue.c does since Redis 7.0, so that the loop serves each
	// descriptor once per turn.
	p.events = p.events[:0]
	for _, k := range p.ready[:n] {
		fd := int(k.Ident)
		if fd >= len(p.slot) {
			p.slot = append(p.slot, make([]int32, fd+1-len(p.slot))...)
		}
		if p.slot[fd] == 0 {
			p.events = append(p.events, event{fd: fd})
			p.slot[fd] = int32(len(p.events))
		}
		ev := &p.events[p.slot[fd]-1]
		switch int(k.Filter) {
		case unix.EVFILT_READ:
			// EV_EOF here means the peer will send no more (epoll's
			// EPOLLRDHUP), yet what it sent before may still wait
			// to be read: the loop reads it, then reads 0, as it
			// does on Linux. A reset shows here too, and the read
			// returns ECONNRESET (or 0): closed either way.
			ev.readable = true
		case unix.EVFILT_WRITE:
			ev.writable = true
			// EV_EOF here means nothing sent would arrive: the
			// connection is reset or gone, epoll's EPOLLHUP or
			// EPOLLERR.
			if k.Flags&unix.EV_EOF != 0 {
				ev.hangup = true
			}
		}
	}
	for _, ev := range p.events {
		p.slot[ev.fd] = 0
	}
	return p.events, nil
}

func (p *poller) close() error {
	return unix.Close(p.kq)
}
