package main

import (
	"fmt"
	"strconv"
	"time"
)

// SLOWLOG, after Redis's slowlog.c: on one thread a slow command stalls
// every client, so the server keeps the last -slowlog-max-len commands
// that ran for -slowlog-log-slower-than microseconds or more, for anyone
// to ask which ones they were.

var adminLoadingStale = []string{"admin", "loading", "stale"}

var slowlogCommands = []*command{
	{name: "slowlog", arity: -2, subcommands: subcommands(
		&command{name: "get", arity: -2, flags: adminLoadingStale, proc: slowlogGetCommand},
		&command{name: "len", arity: 2, flags: adminLoadingStale, proc: slowlogLenCommand},
		&command{name: "reset", arity: 2, flags: adminLoadingStale, proc: slowlogResetCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: slowlogHelpCommand},
	)},
}

func init() {
	addConfigParams(
		configParam{name: "slowlog-log-slower-than",
			get: func(s *server) string { return strconv.FormatInt(s.cfg.slowlogSlowerThan, 10) },
			set: func(s *server, value []byte) (reason string) {
				s.cfg.slowlogSlowerThan, reason = configIntOr(value, -1, s.cfg.slowlogSlowerThan)
				return reason
			}},
		configParam{name: "slowlog-max-len",
			get: func(s *server) string { return strconv.Itoa(s.cfg.slowlogMaxLen) },
			set: func(s *server, value []byte) string {
				n, reason := configIntOr(value, 0, int64(s.cfg.slowlogMaxLen))
				s.cfg.slowlogMaxLen = int(n)
				return reason
			}})
}

// Redis's SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING: an entry
// keeps at most this many arguments, each cut to this many bytes.
const (
	slowlogMaxArgs   = 32
	slowlogMaxString = 128
)

type slowlogEntry struct {
	id         int64
	unixTime   int64
	durationUs int64
	args       [][]byte
	peer, name string
}

// slowlog keeps the newest entry first, as Redis's list does.
type slowlog struct {
	entries []slowlogEntry
	nextID  int64
}

// afterCommand is processCommand's hook once a command has run: the slow
// log, the latency monitor, the histograms and MONITOR's feed see it
// here. A command that has just blocked is logged and counted when it is
// served instead, its run then and now added up but not the wait in
// between (Redis's updateStatsOnUnblock, blocked.c); one that times out
// never is, as in Redis 7.0.
func (s *server) afterCommand(c *client, cmd *command, argv [][]byte, started time.Time) {
	duration := s.clock.since(started)
	if s.cfg.latencyThresholdMs > 0 {
		s.latencyAddSampleIfNeeded(commandEvent(cmd), duration)
	}
	if on := c.blocked; on != nil {
		on.cmd, on.ran, on.args = cmd, duration, slowlogArgs(cmd, argv)
	} else {
		if s.slowEnough(cmd, duration) {
			var args [][]byte
			if s.cfg.slowlogMaxLen > 0 {
				args = slowlogArgs(cmd, argv)
			}
			s.pushSlowlog(c, args, duration)
		}
		s.recordLatency(cmd, duration)
	}
	s.feedMonitors(c, cmd, argv)
}

// afterUnblock is afterCommand's second half for a blocked command, once
// serving it took served.
func (s *server) afterUnblock(c *client, on *blockedOn, served time.Duration) {
	total := on.ran + served
	if s.slowEnough(on.cmd, total) {
		s.pushSlowlog(c, on.args, total)
	}
	s.recordLatency(on.cmd, total)
	s.latencyAddSampleIfNeeded(eventCommandUnblocking, served)
}

func (s *server) slowEnough(cmd *command, d time.Duration) bool {
	limit := s.cfg.slowlogSlowerThan
	return limit >= 0 && d.Microseconds() >= limit && !hasFlag(cmd, "skip_slowlog")
}

// pushSlowlog is Redis's slowlogPushEntryIfNeeded once the command is
// known to be slow enough.
func (s *server) pushSlowlog(c *client, args [][]byte, d time.Duration) {
	id := s.slowlog.nextID
	s.slowlog.nextID++
	if s.cfg.slowlogMaxLen == 0 {
		// Redis adds the entry and trims the log to no entries: all that
		// is left of it is that the ids went on.
		s.slowlog.entries = nil
		return
	}
	e := slowlogEntry{id: id, unixTime: s.now.Unix(), durationUs: d.Microseconds(),
		args: args, peer: s.peerAddr(c), name: c.name}
	s.slowlog.entries = append([]slowlogEntry{e}, s.slowlog.entries...)
	if len(s.slowlog.entries) > s.cfg.slowlogMaxLen { // the oldest go
		s.slowlog.entries = s.slowlog.entries[:s.cfg.slowlogMaxLen]
	}
}

// slowlogArgs copies the arguments as Redis's slowlogCreateEntry keeps
// them: at most 32, the last replaced by a count of those left out, each
// cut to 128 bytes with a count of the bytes left out. AUTH's are
// redacted, as Redis redacts them before anything logs the command.
func slowlogArgs(cmd *command, argv [][]byte) [][]byte {
	n := min(len(argv), slowlogMaxArgs)
	args := make([][]byte, n)
	for i := range n {
		switch {
		case i == n-1 && n < len(argv):
			args[i] = fmt.Appendf(nil, "... (%d more arguments)", len(argv)-n+1)
		case i > 0 && redacted(cmd):
			args[i] = []byte("(redacted)")
		case len(argv[i]) > slowlogMaxString:
			args[i] = fmt.Appendf(nil, "%s... (%d more bytes)", argv[i][:slowlogMaxString], len(argv[i])-slowlogMaxString)
		default:
			args[i] = append([]byte(nil), argv[i]...)
		}
	}
	return args
}

// redacted: commands whose arguments are secrets (Redis's
// redactClientCommandArgument, called by AUTH and HELLO's AUTH).
func redacted(cmd *command) bool { return cmd.name == "auth" || cmd.name == "hello" }

func slowlogGetCommand(s *server, c *client, argv [][]byte) {
	if len(argv) > 3 {
		addSubcommandSyntaxError(c, argv)
		return
	}
	count := int64(10)
	if len(argv) == 3 {
		n, ok := string2ll(argv[2])
		if !ok || n < -1 {
			c.addError("ERR count should be greater than or equal to -1")
			return
		}
		count = n
		if n == -1 {
			count = int64(len(s.slowlog.entries))
		}
	}
	entries := s.slowlog.entries[:min(int(count), len(s.slowlog.entries))]
	c.addArrayLen(len(entries))
	for _, e := range entries {
		c.addArrayLen(6)
		c.addInt(e.id)
		c.addInt(e.unixTime)
		c.addInt(e.durationUs)
		c.addArrayLen(len(e.args))
		for _, a := range e.args {
			c.addBulk(a)
		}
		c.addBulkString(e.peer)
		c.addBulkString(e.name)
	}
}

func slowlogLenCommand(s *server, c *client, argv [][]byte) {
	c.addInt(int64(len(s.slowlog.entries)))
}

func slowlogResetCommand(s *server, c *client, argv [][]byte) {
	s.slowlog.entries = nil
	c.addOK()
}

func slowlogHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "SLOWLOG", []string{
		"GET [<count>]",
		"    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
		"    Entries are made of:",
		"    id, timestamp, time in microseconds, arguments array, client IP and port,",
		"    client name",
		"LEN",
		"    Return the length of the slowlog.",
		"RESET",
		"    Reset the slowlog.",
	})
}
