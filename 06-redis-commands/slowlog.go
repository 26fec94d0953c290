package main

import (
	"fmt"
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
// log, the latency monitor and MONITOR's feed see it here.
func (s *server) afterCommand(c *client, cmd *command, argv [][]byte, started time.Time) {
	duration := time.Since(started)
	s.logIfSlow(c, cmd, argv, duration)
	s.latencySample(cmd, duration)
	s.feedMonitors(c, cmd, argv)
}

func (s *server) logIfSlow(c *client, cmd *command, argv [][]byte, d time.Duration) {
	limit := s.cfg.slowlogSlowerThan
	if limit < 0 || d.Microseconds() < limit || s.cfg.slowlogMaxLen <= 0 || hasFlag(cmd, "skip_slowlog") {
		return
	}
	e := slowlogEntry{id: s.slowlog.nextID, unixTime: s.now.Unix(), durationUs: d.Microseconds(),
		args: slowlogArgs(cmd, argv), peer: s.peerAddr(c), name: c.name}
	s.slowlog.nextID++
	s.slowlog.entries = append([]slowlogEntry{e}, s.slowlog.entries...)
	if len(s.slowlog.entries) > s.cfg.slowlogMaxLen {
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
