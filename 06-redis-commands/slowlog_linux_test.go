package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// With -slowlog-log-slower-than 0 every command is logged, newest first,
// its arguments trimmed as Redis trims them, and only the newest
// -slowlog-max-len kept.
func TestSlowlogKeepsTrimmedEntries(t *testing.T) {
	srv, _ := startServer(t, config{slowlogSlowerThan: 0, slowlogMaxLen: 2})
	c := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", c.do("CLIENT", "SETNAME", "reporter"))
	long := strings.Repeat("v", 130)
	require.Equal(t, "+OK\r\n", c.do("SET", "k", long))
	args := []string{"DEL"}
	for range 40 {
		args = append(args, "x")
	}
	require.Equal(t, ":0\r\n", c.do(args...))

	reply := c.do("SLOWLOG", "GET", "-1")
	addr := regexp.QuoteMeta(c.Net.LocalAddr().String())
	want := `^\*2\r\n` +
		`\*6\r\n:2\r\n:\d+\r\n:\d+\r\n\*32\r\n\$3\r\nDEL\r\n(\$1\r\nx\r\n){30}\$23\r\n\.\.\. \(10 more arguments\)\r\n\$\d+\r\n` + addr + `\r\n\$8\r\nreporter\r\n` +
		`\*6\r\n:1\r\n:\d+\r\n:\d+\r\n\*3\r\n\$3\r\nSET\r\n\$1\r\nk\r\n\$146\r\n` + strings.Repeat("v", 128) + `\.\.\. \(2 more bytes\)\r\n`
	require.Regexp(t, want, reply)
	require.Equal(t, ":2\r\n", c.do("SLOWLOG", "LEN"))
	require.Equal(t, "+OK\r\n", c.do("SLOWLOG", "RESET"))
	// RESET is itself logged once it has run, as in Redis.
	require.Equal(t, ":1\r\n", c.do("SLOWLOG", "LEN"))
}

// MONITOR streams every other command in Redis's format, with its
// arguments quoted as sdscatrepr quotes them, and AUTH's redacted.
func TestMonitorStreamsCommands(t *testing.T) {
	srv, _ := startServer(t, config{})
	monitor, c := dial(t, srv.Addr()), dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", monitor.do("MONITOR"))
	require.Equal(t, "+OK\r\n", c.do("SET", "k\n", "a\"b\x01"))
	require.Equal(t, "$-1\r\n", c.do("GET", "missing"))
	c.do("AUTH", "secret")

	addr := regexp.QuoteMeta(c.Net.LocalAddr().String())
	require.Regexp(t, `^\+\d+\.\d{6} \[0 `+addr+`\] "SET" "k\\n" "a\\"b\\x01"\r\n$`, monitor.readMessage())
	require.Regexp(t, `^\+\d+\.\d{6} \[0 `+addr+`\] "GET" "missing"\r\n$`, monitor.readMessage())
	require.Regexp(t, `^\+\d+\.\d{6} \[0 `+addr+`\] "AUTH" "\(redacted\)"\r\n$`, monitor.readMessage())
}
