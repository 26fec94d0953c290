package main

import (
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// tracef prints one line of -trace output. The loop calls it at every
// step, so that a learner can watch it think; with -trace off it costs a
// nil check.
func (s *server) tracef(format string, args ...any) {
	if s.cfg.trace != nil {
		fmt.Fprintf(s.cfg.trace, format+"\n", args...)
	}
}

// traceReady prints what one epoll_wait returned. A wait that timed out
// with nothing ready (a cron tick) is not printed: it would be ten lines a
// second of nothing.
func (s *server) traceReady(ready []unix.EpollEvent) {
	if s.cfg.trace == nil || len(ready) == 0 {
		return
	}
	parts := make([]string, len(ready))
	for i, ev := range ready {
		name := ""
		switch int(ev.Fd) {
		case s.listenFd:
			name = " (listener)"
		case s.wakeFd:
			name = " (wake-up)"
		}
		parts[i] = fmt.Sprintf("fd %d%s %s", ev.Fd, name, eventNames(ev.Events))
	}
	s.tracef("epoll_wait: %d ready: %s", len(ready), strings.Join(parts, ", "))
}

func eventNames(events uint32) string {
	var names []string
	for _, e := range []struct {
		bit  uint32
		name string
	}{{unix.EPOLLIN, "EPOLLIN"}, {unix.EPOLLOUT, "EPOLLOUT"}, {unix.EPOLLHUP, "EPOLLHUP"}, {unix.EPOLLERR, "EPOLLERR"}, {unix.EPOLLRDHUP, "EPOLLRDHUP"}} {
		if events&e.bit != 0 {
			names = append(names, e.name)
		}
	}
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, "|")
}
