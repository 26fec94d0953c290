package main

// The loop's view of readiness, in its own words rather than epoll's or
// kqueue's. Each backend (poller_epoll.go, poller_kqueue.go) translates;
// nothing above it names either, as in Redis's ae.c over ae_epoll.c and
// ae_kqueue.c.

// eventMask is what the loop asks the poller to watch a descriptor for.
type eventMask uint8

const (
	readable eventMask = 1 << iota
	writable
)

func (m eventMask) String() string {
	switch m {
	case readable:
		return "readable"
	case writable:
		return "writable"
	case readable | writable:
		return "readable|writable"
	}
	return "nothing"
}

// event is one ready descriptor.
type event struct {
	fd       int
	readable bool
	writable bool
	// hangup: the connection is broken (a reset, or both directions
	// shut); nothing more can be read or written. epoll's EPOLLHUP and
	// EPOLLERR, kqueue's EV_EOF on the write filter.
	hangup bool
}

func (e event) String() string {
	var s string
	for _, f := range []struct {
		on   bool
		name string
	}{{e.readable, "readable"}, {e.writable, "writable"}, {e.hangup, "hangup"}} {
		if f.on {
			if s != "" {
				s += "|"
			}
			s += f.name
		}
	}
	return s
}
