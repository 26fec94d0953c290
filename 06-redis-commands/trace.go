//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"strings"
)

// tracef prints one line of -trace output. The loop calls it at every
// step, so that a learner can watch it think; with -trace off it costs a
// nil check.
func (s *server) tracef(format string, args ...any) {
	if s.cfg.trace != nil {
		fmt.Fprintf(s.cfg.trace, format+"\n", args...)
	}
}

// traceReady prints what one wait returned, named after the system call
// that waited (epoll_wait, epoll_pwait or kevent). A wait that timed out
// with nothing ready (a cron tick) is not printed: it would be ten lines a
// second of nothing.
func (s *server) traceReady(ready []event) {
	if s.cfg.trace == nil || len(ready) == 0 {
		return
	}
	parts := make([]string, len(ready))
	for i, ev := range ready {
		name := ""
		switch ev.fd {
		case s.listenFd:
			name = " (listener)"
		case s.wakeFd:
			name = " (wake-up)"
		}
		parts[i] = fmt.Sprintf("fd %d%s %s", ev.fd, name, ev)
	}
	s.tracef("%s: %d ready: %s", waitCall, len(ready), strings.Join(parts, ", "))
}
