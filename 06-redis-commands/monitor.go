package main

import (
	"strconv"
)

// MONITOR, after Redis's replicationFeedMonitors: every command that runs
// is written, as one status line, to every client that asked to monitor.
// Fan-out again, but a monitor is not a subscriber: its output is bounded
// by the normal class, -client-output-buffer-limit-normal, as in Redis,
// with a default Redis does not have (pubsub.go's deliver).

var monitorCommands = []*command{
	{name: "monitor", arity: 1, flags: []string{"admin", "noscript", "loading", "stale"}, proc: monitorCommand},
}

func monitorCommand(s *server, c *client, argv [][]byte) {
	if c.monitoring {
		return // Redis answers nothing to a second MONITOR
	}
	c.monitoring = true
	s.monitors = append(s.monitors, c)
	c.addOK()
}

// stopMonitoring is closeConn's hook.
func (s *server) stopMonitoring(c *client) {
	if !c.monitoring {
		return
	}
	for i, m := range s.monitors {
		if m == c {
			s.monitors = append(s.monitors[:i], s.monitors[i+1:]...)
			break
		}
	}
}

// feedMonitors writes the command that has just run to every monitor:
// +<unix time with microseconds> [<db> <addr>] "<arg>" ... Admin commands
// are not shown (Redis's rule), nor AUTH's password.
func (s *server) feedMonitors(c *client, cmd *command, argv [][]byte) {
	if len(s.monitors) == 0 || hasFlag(cmd, "admin") {
		return
	}
	now := s.clock.now()
	line := []byte{'+'}
	line = strconv.AppendInt(line, now.Unix(), 10)
	line = append(line, '.')
	us := strconv.AppendInt(nil, int64(now.Nanosecond()/1000), 10)
	for range 6 - len(us) {
		line = append(line, '0')
	}
	line = append(line, us...)
	line = append(line, " ["...)
	line = strconv.AppendInt(line, int64(c.db.id), 10)
	line = append(line, ' ')
	line = append(line, s.peerAddr(c)...)
	line = append(line, ']')
	for i, arg := range argv {
		line = append(line, ' ')
		if i > 0 && redacted(cmd) {
			arg = []byte("(redacted)")
		}
		line = appendRepr(line, arg)
	}
	line = append(line, '\r', '\n')
	for _, m := range s.monitors {
		s.deliver(m, func(out []byte) []byte { return append(out, line...) })
	}
}

// appendRepr quotes b as Redis's sdscatrepr does: printable ASCII as is,
// the usual escapes, anything else as \xHH.
func appendRepr(out, b []byte) []byte {
	const hex = "0123456789abcdef"
	out = append(out, '"')
	for _, ch := range b {
		switch ch {
		case '\\', '"':
			out = append(out, '\\', ch)
		case '\n':
			out = append(out, '\\', 'n')
		case '\r':
			out = append(out, '\\', 'r')
		case '\t':
			out = append(out, '\\', 't')
		case '\a':
			out = append(out, '\\', 'a')
		case '\b':
			out = append(out, '\\', 'b')
		default:
			if ch >= 0x20 && ch < 0x7f {
				out = append(out, ch)
			} else {
				out = append(out, '\\', 'x', hex[ch>>4], hex[ch&15])
			}
		}
	}
	return append(out, '"')
}
