package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// everyRunTakes10ms makes every measured run, of a command or of a turn
// of the loop, take 10 ms: "slow" without depending on the machine.
func everyRunTakes10ms(s *server) {
	s.clock.elapsed = func(time.Time) time.Duration { return 10 * time.Millisecond }
}

// With -latency-monitor-threshold 5, commands taking 10 ms are samples of
// command or fast-command, and each turn of the loop of eventloop-cycle;
// DOCTOR, GRAPH, HISTORY and HISTOGRAM report them as Redis would.
func TestLatencyEventsAndReports(t *testing.T) {
	srv, _ := startServer(t, config{latencyThresholdMs: 5, slowlogSlowerThan: 10000, slowlogMaxLen: 128}, everyRunTakes10ms)
	c := dial(t, srv.Addr())
	require.Equal(t, "$-1\r\n", c.do("GET", "k"))
	require.Equal(t, "*0\r\n", c.do("KEYS", "*"))

	latest := c.do("LATENCY", "LATEST")
	for _, event := range []string{"fast-command", "command", "eventloop-cycle"} {
		require.Regexp(t, `\*4\r\n\$\d+\r\n`+event+`\r\n:\d+\r\n:10\r\n:10\r\n`, latest)
	}

	doctor := c.do("LATENCY", "DOCTOR")
	require.True(t, strings.HasPrefix(doctor, "$"), doctor)
	require.Contains(t, doctor, "Dave, I have observed latency spikes in this Redis instance.")
	require.Regexp(t, `\d\. fast-command: 1 latency spikes \(average 10ms, mean deviation 0ms, period 1\.00 sec\)\. Worst all time event 10ms\.\n`, doctor)
	require.Regexp(t, `\d\. eventloop-cycle: \d+ latency spikes \(average 10ms, mean deviation 0ms, period \d+\.\d\d sec\)\. Worst all time event 10ms\. This event is not one of Redis's`, doctor)
	require.Contains(t, doctor, "- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than 5000'.\n")
	require.Contains(t, doctor, "- The system is slow to execute Redis code paths not containing system calls.")

	require.Regexp(t, `^\$\d+\r\nfast-command - high 10 ms, low 10 ms \(all time high 10 ms\)\n-{80}\n`, c.do("LATENCY", "GRAPH", "fast-command"))
	require.Regexp(t, `^\*1\r\n\*2\r\n:\d+\r\n:10\r\n$`, c.do("LATENCY", "HISTORY", "fast-command"))
	// 10 ms is counted at 16.9 ms, the end of HdrHistogram's bucket at 2^24 ns.
	require.Equal(t, "*2\r\n$3\r\nget\r\n*4\r\n$5\r\ncalls\r\n:1\r\n$14\r\nhistogram_usec\r\n*2\r\n:16908\r\n:1\r\n",
		c.do("LATENCY", "HISTOGRAM", "get"))
	require.Equal(t, ":1\r\n", c.do("LATENCY", "RESET", "FAST-command"))
	require.Equal(t, "*0\r\n", c.do("LATENCY", "HISTORY", "fast-command"))
}

// Active expiry, run by the loop's timer, is a sample of expire-cycle.
func TestLatencyExpireCycleEvent(t *testing.T) {
	srv, _ := startServer(t, config{latencyThresholdMs: 5}, everyRunTakes10ms)
	c := dial(t, srv.Addr())
	deadline := time.Now().Add(10 * time.Second) // for failure only: a tick comes every 100 ms
	for c.do("LATENCY", "HISTORY", "expire-cycle") == "*0\r\n" {
		require.True(t, time.Now().Before(deadline), "no expire-cycle sample after 10 s")
	}
}

// A blocked command reaches the slow log and the histograms when it is
// served, its two runs added up (10 ms + 10 ms) but not the wait; one
// that times out never does. Serving it is a command-unblocking sample.
func TestBlockedCommandLoggedWhenServed(t *testing.T) {
	srv, trace := startServer(t, config{latencyThresholdMs: 5, slowlogSlowerThan: 0, slowlogMaxLen: 128}, everyRunTakes10ms)
	waiter, c := dial(t, srv.Addr()), dial(t, srv.Addr())
	waiter.Send(resp("BLPOP", "q", "0"))
	trace.WaitFor(t, "blocked on 1 key(s)", 5*time.Second)
	require.NotContains(t, c.do("SLOWLOG", "GET", "-1"), "BLPOP")
	require.Equal(t, "*0\r\n", c.do("LATENCY", "HISTOGRAM", "blpop"))

	require.Equal(t, ":1\r\n", c.do("RPUSH", "q", "x"))
	require.Equal(t, "*2\r\n$1\r\nq\r\n$1\r\nx\r\n", waiter.readMessage())
	newest := `^\*2\r\n\*6\r\n:\d+\r\n:\d+\r\n:20000\r\n\*3\r\n\$5\r\nBLPOP\r\n\$1\r\nq\r\n\$1\r\n0\r\n` +
		`\$\d+\r\n` + regexp.QuoteMeta(waiter.Net.LocalAddr().String()) + `\r\n\$0\r\n\r\n` +
		`\*6\r\n:\d+\r\n:\d+\r\n:10000\r\n\*3\r\n\$5\r\nRPUSH\r\n`
	require.Regexp(t, newest, c.do("SLOWLOG", "GET", "2"))
	require.Equal(t, "*2\r\n$5\r\nblpop\r\n*4\r\n$5\r\ncalls\r\n:1\r\n$14\r\nhistogram_usec\r\n*2\r\n:33816\r\n:1\r\n",
		c.do("LATENCY", "HISTOGRAM", "blpop"))
	require.Regexp(t, `^\*1\r\n\*2\r\n:\d+\r\n:10\r\n$`, c.do("LATENCY", "HISTORY", "command-unblocking"))

	waiter.Send(resp("BLPOP", "q", "0.01"))
	require.Equal(t, "*-1\r\n", waiter.readMessage())
	require.NotContains(t, c.do("SLOWLOG", "GET", "-1"), "0.01")
	require.Contains(t, c.do("LATENCY", "HISTOGRAM", "blpop"), "calls\r\n:1\r\n")
}
