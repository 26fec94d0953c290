//go:build darwin || freebsd || netbsd || openbsd

package main

import (
	"time"

	"golang.org/x/sys/unix"
)

// poller is kqueue, in the shape of Redis's ae_kqueue.c. kqueue watches
// (descriptor, filter) pairs rather than descriptors: reading is the
// EVFILT_READ filter, writing EVFILT_WRITE, each added and deleted on its
// own. Like epoll here, both are level-triggered (no EV_CLEAR): kevent
// reports a filter for as long as it stays ready (kqueue(2)).
type poller struct {
	kq     int
	ready  []unix.Kevent_t // filled by kevent; reused so waiting allocates nothing
	events []event         // ready, merged per descriptor, for the loop
	// slot is, per descriptor, its place in events plus one (0: none
	// yet) during one wait: one kevent call may report the read and the
	// write filter of one descriptor as two entries, and the loop wants
	// one event, as ae_kqueue.c merges them since Redis 7.0.
	slot []int32
}

const pollerName = "kqueue"

const waitCall = "kevent"

func newPoller(maxReady int) (*poller, error) {
	// A kqueue is not inherited by a child of fork(2) (kqueue(2)), so
	// it needs no close-on-exec flag.
	kq, err := unix.Kqueue()
	if err != nil {
		return nil, err
	}
	return &poller{kq: kq, ready: make([]unix.Kevent_t, maxReady), events: make([]event, 0, maxReady)}, nil
}

// change applies one registration change per filter whose bit differs
// between old and mask: EV_ADD for a filter now wanted, EV_DELETE for one
// no longer wanted.
func (p *poller) change(fd int, old, mask eventMask) error {
	var changes [2]unix.Kevent_t
	n := 0
	for _, f := range []struct {
		bit    eventMask
		filter int
	}{{readable, unix.EVFILT_READ}, {writable, unix.EVFILT_WRITE}} {
		switch {
		case mask&f.bit != 0 && old&f.bit == 0:
			unix.SetKevent(&changes[n], fd, f.filter, unix.EV_ADD)
			n++
		case mask&f.bit == 0 && old&f.bit != 0:
			unix.SetKevent(&changes[n], fd, f.filter, unix.EV_DELETE)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	_, err := unix.Kevent(p.kq, changes[:n], nil, nil)
	return err
}

func (p *poller) add(fd int, mask eventMask) error         { return p.change(fd, 0, mask) }
func (p *poller) modify(fd int, old, mask eventMask) error { return p.change(fd, old, mask) }
func (p *poller) remove(fd int, old eventMask) error       { return p.change(fd, old, 0) }

// wait blocks this thread in kevent until something is ready or the
// timeout passes (a negative timeout: no limit). EINTR returns nothing
// ready, as on Linux.
//
// EV_EOF maps as the loop needs it. On the read filter it means the peer
// shut down its sending side, with data possibly still buffered (kqueue(2):
// data is then the bytes left): that is epoll's EPOLLRDHUP, so it is only
// "readable", and the read that returns 0 tells the loop, as on Linux. On
// the write filter it means nothing sent can arrive any more: epoll's
// EPOLLHUP or EPOLLERR, a hangup.
func (p *poller) wait(timeout time.Duration) ([]event, error) {
	var ts *unix.Timespec
	if timeout >= 0 {
		t := unix.NsecToTimespec(int64(timeout))
		ts = &t
	}
	n, err := unix.Kevent(p.kq, nil, p.ready, ts)
	if err == unix.EINTR {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p.events = p.events[:0]
	for _, kev := range p.ready[:n] {
		fd := int(kev.Ident)
		for fd >= len(p.slot) {
			p.slot = append(p.slot, 0)
		}
		if p.slot[fd] == 0 {
			p.events = append(p.events, event{fd: fd})
			p.slot[fd] = int32(len(p.events))
		}
		ev := &p.events[p.slot[fd]-1]
		eof := int(kev.Flags)&unix.EV_EOF != 0
		switch int(kev.Filter) {
		case unix.EVFILT_READ:
			ev.readable = true
		case unix.EVFILT_WRITE:
			ev.writable = true
			ev.hangup = ev.hangup || eof
		}
		if int(kev.Flags)&unix.EV_ERROR != 0 {
			ev.hangup = true
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
