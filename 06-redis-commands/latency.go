package main

import "time"

// LATENCY, after Redis's latency.c: with -latency-monitor-threshold set
// (milliseconds; 0, the default, is off), every command that takes that
// long is a sample of the "command" event, or "fast-command" for commands
// flagged fast. Each event keeps its latest sample, its maximum, and a
// history of the last 160 samples, one per second at most.

var latencyFlags = []string{"admin", "noscript", "loading", "stale"}

var latencyCommands = []*command{
	{name: "latency", arity: -2, subcommands: subcommands(
		&command{name: "latest", arity: 2, flags: latencyFlags, proc: latencyLatestCommand},
		&command{name: "history", arity: 3, flags: latencyFlags, proc: latencyHistoryCommand},
		&command{name: "reset", arity: -2, flags: latencyFlags, proc: latencyResetCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: latencyHelpCommand},
	)},
}

// latencyHistoryLen is Redis's LATENCY_TS_LEN.
const latencyHistoryLen = 160

type latencySample struct{ unixTime, ms int64 }

type latencyEvent struct {
	history []latencySample // oldest first
	max     int64
}

// latencyEvents keeps the events in the order they first happened.
type latencyEvents struct {
	names  []string
	events map[string]*latencyEvent
}

func (s *server) latencySample(cmd *command, d time.Duration) {
	threshold := s.cfg.latencyThresholdMs
	ms := d.Milliseconds()
	if threshold <= 0 || ms < threshold {
		return
	}
	name := "command"
	if hasFlag(cmd, "fast") {
		name = "fast-command"
	}
	l := &s.latency
	if l.events == nil {
		l.events = map[string]*latencyEvent{}
	}
	ev := l.events[name]
	if ev == nil {
		ev = &latencyEvent{}
		l.events[name] = ev
		l.names = append(l.names, name)
	}
	now := s.now.Unix()
	if n := len(ev.history); n > 0 && ev.history[n-1].unixTime == now {
		// One sample a second, the worst of that second.
		ev.history[n-1].ms = max(ev.history[n-1].ms, ms)
	} else {
		ev.history = append(ev.history, latencySample{now, ms})
		if len(ev.history) > latencyHistoryLen {
			ev.history = ev.history[1:]
		}
	}
	ev.max = max(ev.max, ms)
}

func latencyLatestCommand(s *server, c *client, argv [][]byte) {
	c.addArrayLen(len(s.latency.names))
	for _, name := range s.latency.names {
		ev := s.latency.events[name]
		last := ev.history[len(ev.history)-1]
		c.addArrayLen(4)
		c.addBulkString(name)
		c.addInt(last.unixTime)
		c.addInt(last.ms)
		c.addInt(ev.max)
	}
}

func latencyHistoryCommand(s *server, c *client, argv [][]byte) {
	ev := s.latency.events[string(argv[2])]
	if ev == nil {
		c.addArrayLen(0)
		return
	}
	c.addArrayLen(len(ev.history))
	for _, sample := range ev.history {
		c.addArrayLen(2)
		c.addInt(sample.unixTime)
		c.addInt(sample.ms)
	}
}

// latencyResetCommand answers how many events it reset.
func latencyResetCommand(s *server, c *client, argv [][]byte) {
	if len(argv) == 2 {
		c.addInt(int64(len(s.latency.names)))
		s.latency = latencyEvents{}
		return
	}
	reset := 0
	for _, arg := range argv[2:] {
		name := string(arg)
		if s.latency.events[name] == nil {
			continue
		}
		delete(s.latency.events, name)
		for i, n := range s.latency.names {
			if n == name {
				s.latency.names = append(s.latency.names[:i], s.latency.names[i+1:]...)
				break
			}
		}
		reset++
	}
	c.addInt(int64(reset))
}

func latencyHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "LATENCY", []string{
		"DOCTOR",
		"    Return a human readable latency analysis report.",
		"GRAPH <event>",
		"    Return an ASCII latency graph for the <event> class.",
		"HISTORY <event>",
		"    Return time-latency samples for the <event> class.",
		"LATEST",
		"    Return the latest latency samples for all events.",
		"RESET [<event> ...]",
		"    Reset latency data of one or more <event> classes.",
		"    (default: reset all data for all event classes)",
		"HISTOGRAM [COMMAND ...]",
		"    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
		"    If no commands are specified then all histograms are replied.",
	})
}
