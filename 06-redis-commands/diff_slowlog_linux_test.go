package main

import "testing"

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
	})
}
