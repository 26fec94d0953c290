package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The counts are exact because the traffic is: one thread, a fixed order,
// and AF_UNIX sockets that deliver before write returns. The table in
// docs/epoll-internals.md is this output.
func TestWakeupsForTheSameTraffic(t *testing.T) {
	want := map[string]result{
		// Level-triggered keeps reporting until the socket is empty.
		"level, one 64-byte read per wake-up": {wakeups: 16, reads: 16, bytesIn: 1000},
		// Edge-triggered reports each arrival once: a handler that reads
		// less than what arrived strands the rest until more data comes.
		"edge, one 64-byte read per wake-up": {wakeups: 10, reads: 10, bytesIn: 640, leftOver: 360},
		"level, read until EAGAIN":           {wakeups: 10, reads: 30, bytesIn: 1000},
		"edge, read until EAGAIN":            {wakeups: 10, reads: 30, bytesIn: 1000},
		// Arrivals before a wait collapse into one report, either way.
		"level, 10 writes before one wait, read once": {wakeups: 1, reads: 1, bytesIn: 1000},
		"edge, 10 writes before one wait, read once":  {wakeups: 1, reads: 1, bytesIn: 1000},
		// One-shot disarms after one report until EPOLL_CTL_MOD re-arms it.
		"one-shot, never re-armed, read once": {wakeups: 1, reads: 1, bytesIn: 64, leftOver: 936},
	}
	require.Len(t, scenarios, len(want))
	for _, s := range scenarios {
		got, err := run(s)
		require.NoError(t, err, s.name)
		require.Equal(t, want[s.name], got, s.name)
	}
}
