//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import "testing"

// CLIENT KILL's replies and errors against real Redis. Each conversation
// is the only client connected, so the counts are the same on both.
func TestSameAsRedisClientKill(t *testing.T) {
	runDiff(t, []diffCase{
		commands("kill errors", cmd("CLIENT", "KILL"), cmd("CLIENT", "KILL", "ID", "abc"), cmd("CLIENT", "KILL", "ID", "0"),
			cmd("CLIENT", "KILL", "ID", "-1"), cmd("CLIENT", "KILL", "ID", "01"), cmd("CLIENT", "KILL", "ID", "99999999999999999999"),
			cmd("CLIENT", "KILL", "ID", "1", "ADDR"), cmd("CLIENT", "KILL", "SKIPME", "maybe"), cmd("CLIENT", "KILL", "TYPE", "foo"),
			cmd("CLIENT", "KILL", "USER", "nobody"), cmd("CLIENT", "KILL", "USER", "Default"), cmd("CLIENT", "KILL", "FOO", "bar"),
			cmd("CLIENT", "KILL", "a", "b", "c"), cmd("CLIENT", "KILL", "MAXAGE", "10"), cmd("client", "kill", "id", "1", "bogus", "x")),
		commands("kill old form", cmd("CLIENT", "KILL", "127.0.0.1:1"), cmd("CLIENT", "KILL", "nonsense"), cmd("CLIENT", "KILL", "ID"),
			cmd("PING")),
		commands("kill counts", cmd("CLIENT", "KILL", "ID", "999999"), cmd("CLIENT", "KILL", "ADDR", "1.2.3.4:5"),
			cmd("CLIENT", "KILL", "LADDR", "1.2.3.4:5"), cmd("CLIENT", "KILL", "TYPE", "master"), cmd("CLIENT", "KILL", "TYPE", "pubsub"),
			cmd("CLIENT", "KILL", "TYPE", "replica"), cmd("CLIENT", "KILL", "type", "NORMAL"), cmd("CLIENT", "KILL", "USER", "default", "SKIPME", "yes"),
			cmd("CLIENT", "KILL", "SKIPME", "YES"), cmd("CLIENT", "KILL", "ID", "5", "ID", "6"), cmd("PING")),
		commands("kill itself", cmd("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"), cmd("PING")),
		commands("kill itself by user", cmd("CLIENT", "KILL", "USER", "default", "SKIPME", "no"), cmd("PING")),
		commands("kill command info", cmd("COMMAND", "INFO", "client|kill")),
		{name: "kill inline", send: "client kill 127.0.0.1:1\r\nclient kill skipme no\r\nping\r\n"},
	})
}
