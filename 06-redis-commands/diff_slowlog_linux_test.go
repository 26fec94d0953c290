package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/redistest"
)

// SLOWLOG and LATENCY against real Redis, where their replies do not
// depend on how long anything took: errors, help, and empty logs.
func TestSameAsRedisSlowlogLatency(t *testing.T) {
	runDiff(t, []diffCase{
		commands("slowlog",
			cmd("SLOWLOG", "RESET"), cmd("SLOWLOG", "LEN"), cmd("SLOWLOG", "GET"), cmd("SLOWLOG", "GET", "-1"),
			cmd("SLOWLOG", "GET", "0"), cmd("SLOWLOG", "GET", "x"), cmd("SLOWLOG", "GET", "-2"),
			cmd("SLOWLOG", "GET", "1", "2"), cmd("SLOWLOG", "LEN", "1"), cmd("SLOWLOG", "HELP"), cmd("SLOWLOG"),
			cmd("SLOWLOG", "NOSUCH")),
		commands("latency",
			cmd("LATENCY", "RESET"), cmd("LATENCY", "LATEST"), cmd("LATENCY", "HISTORY", "command"),
			cmd("LATENCY", "RESET", "command", "x"), cmd("LATENCY", "HELP"), cmd("LATENCY", "HISTORY")),
		// Off, DOCTOR apologises; on, with no spike yet (a threshold no
		// command on a busy machine reaches), it says so.
		commands("latency doctor",
			cmd("CONFIG", "SET", "latency-monitor-threshold", "0"), cmd("LATENCY", "DOCTOR"),
			cmd("CONFIG", "SET", "latency-monitor-threshold", "1000000"), cmd("LATENCY", "DOCTOR"),
			cmd("LATENCY", "DOCTOR", "x"), cmd("CONFIG", "SET", "latency-monitor-threshold", "0")),
		commands("latency graph",
			cmd("LATENCY", "GRAPH", "command"), cmd("LATENCY", "GRAPH", "no\nsuch\rthing"), cmd("LATENCY", "GRAPH"),
			cmd("LATENCY", "GRAPH", "a", "b")),
		// Commands never called, or no command at all, have no histogram.
		commands("latency histogram",
			cmd("LATENCY", "HISTOGRAM", "nosuch"), cmd("LATENCY", "HISTOGRAM", "zadd", "object", "object|freq", "get|x"),
			cmd("LATENCY", "HISTOGRAM", "config|get|x"),
			cmd("SET", "a", "b"), cmd("CONFIG", "RESETSTAT"), cmd("LATENCY", "HISTOGRAM", "set")),
		commands("latency config",
			cmd("CONFIG", "GET", "latency-monitor-threshold"), cmd("CONFIG", "SET", "latency-monitor-threshold", "-1"),
			cmd("CONFIG", "SET", "latency-monitor-threshold", "x"), cmd("CONFIG", "SET", "slowlog-log-slower-than", "-2"),
			cmd("CONFIG", "SET", "slowlog-log-slower-than", "-1"), cmd("CONFIG", "GET", "slowlog-log-slower-than"),
			cmd("CONFIG", "SET", "slowlog-max-len", "-1"), cmd("CONFIG", "SET", "slowlog-max-len", "5"),
			cmd("CONFIG", "GET", "slowlog-max-len"), cmd("CONFIG", "SET", "slowlog-max-len", "128"),
			cmd("CONFIG", "SET", "slowlog-log-slower-than", "10000")),
		// With slowlog-max-len 0 nothing is kept, and the ids go on.
		commands("slowlog max len 0",
			cmd("CONFIG", "SET", "slowlog-log-slower-than", "0"), cmd("SLOWLOG", "RESET"), cmd("PING"),
			cmd("CONFIG", "SET", "slowlog-max-len", "0"), cmd("PING"), cmd("SLOWLOG", "LEN"),
			cmd("CONFIG", "SET", "slowlog-max-len", "128"), cmd("SLOWLOG", "LEN"),
			cmd("CONFIG", "SET", "slowlog-log-slower-than", "10000")),
	})
}

// When Redis logs a blocking command: not while it waits, once a push
// serves it (after the push itself), and never if it times out. The same
// conversation with real Redis and with this server must leave the same
// commands in SLOWLOG, in the same order, and the same count of BLPOP
// calls in LATENCY HISTOGRAM.
func TestSameAsRedisSlowlogOfBlockedCommands(t *testing.T) {
	redisAddr := redistest.Start(t)
	srv, _ := startServer(t, config{})
	require.Equal(t, blockedSlowlogStory(t, redisAddr), blockedSlowlogStory(t, srv.Addr()))
}

// blockedSlowlogStory returns, after each step, the commands SLOWLOG
// holds, newest first, and finally BLPOP's count of calls.
func blockedSlowlogStory(t *testing.T, addr string) []string {
	c, waiter := dial(t, addr), dial(t, addr)
	logged := func() string {
		var names []string
		for _, m := range slowlogCommandName.FindAllStringSubmatch(c.do("SLOWLOG", "GET", "-1"), -1) {
			names = append(names, m[1])
		}
		return strings.Join(names, " ")
	}
	waitBlocked := func() {
		deadline := time.Now().Add(10 * time.Second) // for failure only
		for !strings.Contains(c.do("INFO", "clients"), "blocked_clients:1\r\n") {
			require.True(t, time.Now().Before(deadline), "the client did not block")
		}
		require.Equal(t, "+OK\r\n", c.do("SLOWLOG", "RESET")) // the INFO polls
	}
	require.Equal(t, "+OK\r\n", c.do("CONFIG", "SET", "slowlog-log-slower-than", "0", "slowlog-max-len", "128"))
	var story []string
	waiter.Send(resp("BLPOP", "q", "0"))
	waitBlocked()
	story = append(story, logged())
	require.Equal(t, ":1\r\n", c.do("RPUSH", "q", "x"))
	require.Equal(t, "*2\r\n$1\r\nq\r\n$1\r\nx\r\n", waiter.readMessage())
	story = append(story, logged())

	waiter.Send(resp("BLPOP", "q", "0.01"))
	require.Equal(t, "*-1\r\n", waiter.readMessage())
	story = append(story, logged())
	histogram := c.do("LATENCY", "HISTOGRAM", "blpop")
	return append(story, histogram[:strings.Index(histogram, "histogram_usec")])
}

// slowlogCommandName finds the name of each entry's command: the first
// word of an array of words (the entry's other fields are integers).
var slowlogCommandName = regexp.MustCompile(`\*\d+\r\n\$\d+\r\n([A-Z]+)\r\n`)
