package main

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// LATENCY, after Redis's latency.c: with -latency-monitor-threshold set
// (milliseconds; 0, the default, is off), every event that lasts that
// long is a sample of its named event. Each event keeps its latest
// sample, its maximum, and a history of the last 160 samples, one per
// second at most, the worst of that second.
//
// The events this server records, under Redis's names where Redis has
// the same event (Redis's call sites in brackets):
//
//	command             a command that ran that long (server.c call)
//	fast-command        the same, for a command flagged fast
//	command-unblocking  serving a blocked client, once a push woke it (blocked.c)
//	expire-cycle        one run of active expiry (expire.c)
//	eventloop-cycle     one turn of the event loop, from the poller's
//	                    return to its next wait: NOT one of Redis's events
//
// Redis has no event for a whole turn of its loop: its commands and its
// cron record their own. Ours shows what a client waiting on the loop
// feels, the sum of everything the turn ran, so LATENCY DOCTOR says it
// is this server's own (latency_doctor.go).
const (
	eventCommand           = "command"
	eventFastCommand       = "fast-command"
	eventCommandUnblocking = "command-unblocking"
	eventExpireCycle       = "expire-cycle"
	eventLoopCycle         = "eventloop-cycle"
)

var latencyFlags = []string{"admin", "noscript", "loading", "stale"}

var latencyCommands = []*command{
	{name: "latency", arity: -2, subcommands: subcommands(
		&command{name: "latest", arity: 2, flags: latencyFlags, proc: latencyLatestCommand},
		&command{name: "history", arity: 3, flags: latencyFlags, proc: latencyHistoryCommand},
		&command{name: "reset", arity: -2, flags: latencyFlags, proc: latencyResetCommand},
		&command{name: "doctor", arity: 2, flags: latencyFlags, proc: latencyDoctorCommand},
		&command{name: "graph", arity: 3, flags: latencyFlags, proc: latencyGraphCommand},
		&command{name: "histogram", arity: -2, flags: latencyFlags, proc: latencyHistogramCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: latencyHelpCommand},
	)},
}

// init adds -latency-monitor-threshold to what CONFIG GET and SET know,
// as slowlog.go adds its two.
func init() {
	addConfigParams(configParam{name: "latency-monitor-threshold",
		get: func(s *server) string { return strconv.FormatInt(s.cfg.latencyThresholdMs, 10) },
		set: func(s *server, value []byte) (reason string) {
			s.cfg.latencyThresholdMs, reason = configIntOr(value, 0, s.cfg.latencyThresholdMs)
			return reason
		}})
}

// addConfigParams adds rows to configParams (cmd_server.go), keeping it
// in name order.
func addConfigParams(params ...configParam) {
	configParams = append(configParams, params...)
	sort.Slice(configParams, func(i, j int) bool { return configParams[i].name < configParams[j].name })
}

// configIntOr is configInt up to the largest long long, Redis's range for
// these three: the value, or old and Redis's reason for refusing.
func configIntOr(value []byte, min, old int64) (int64, string) {
	n, reason := configInt(value, min, 1<<63-1)
	if reason != "" {
		return old, reason
	}
	return n, ""
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

// latencyAddSampleIfNeeded is Redis's macro of that name: a sample of
// event, if it lasted the threshold or more.
func (s *server) latencyAddSampleIfNeeded(event string, d time.Duration) {
	threshold := s.cfg.latencyThresholdMs
	if ms := d.Milliseconds(); threshold > 0 && ms >= threshold {
		s.latencyAddSample(event, ms)
	}
}

// commandEvent is the event a command's run time is a sample of.
func commandEvent(cmd *command) string {
	if hasFlag(cmd, "fast") {
		return eventFastCommand
	}
	return eventCommand
}

func (s *server) latencyAddSample(name string, ms int64) {
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
	ev := s.latency.events[eventName(argv[2])]
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

// latencyResetCommand answers how many events it reset. Unlike HISTORY
// and GRAPH, it matches the names in any case, as Redis's
// latencyResetEvent does (strcasecmp).
func latencyResetCommand(s *server, c *client, argv [][]byte) {
	if len(argv) == 2 {
		c.addInt(int64(len(s.latency.names)))
		s.latency = latencyEvents{}
		return
	}
	reset := 0
	for _, arg := range argv[2:] {
		for i, name := range s.latency.names {
			if strings.EqualFold(name, eventName(arg)) {
				delete(s.latency.events, name)
				s.latency.names = append(s.latency.names[:i], s.latency.names[i+1:]...)
				reset++
				break
			}
		}
	}
	c.addInt(int64(reset))
}

// eventName is an event named in a request, as Redis compares it: as a C
// string, which ends at a NUL byte.
func eventName(arg []byte) string { return cString(arg, len(arg)) }

// latencyGraphCommand draws the event's history as Redis's LATENCY GRAPH
// does (latency_graph.go).
func latencyGraphCommand(s *server, c *client, argv [][]byte) {
	name := eventName(argv[2])
	ev := s.latency.events[name]
	if ev == nil {
		c.addError("ERR No samples available for event '" + name + "'")
		return
	}
	c.addBulk(latencyGraph(name, ev, s.now.Unix()))
}

func latencyDoctorCommand(s *server, c *client, argv [][]byte) {
	c.addBulk(s.latencyReport())
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
