package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A MONITOR client that never reads is held to the normal class's output
// limit, not the pubsub class's, as Redis's getClientType counts monitors
// as normal clients: with a pubsub limit a quarter of the normal one, it
// is closed past the normal one.
func TestMonitorBoundedByNormalClass(t *testing.T) {
	srv, trace := startServer(t, config{
		pubsubOutputLimit: outputLimit{hard: 256 << 10},
		normalOutputLimit: outputLimit{hard: 1 << 20},
	})
	monitor, c := dial(t, srv.Addr()), dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", monitor.do("MONITOR"))
	payload := strings.Repeat("x", 64<<10)
	// The kernel's socket buffers take some megabytes first (loopback
	// autotuning); 2,000 commands of 64 KiB are 128 MB, far past them.
	for i := 0; i < 2000 && !strings.Contains(trace.String(), "hard limit: closing"); i++ {
		require.Equal(t, "+OK\r\n", c.do("SET", "k", payload))
	}
	trace.WaitFor(t, "bytes of output past the normal hard limit: closing", 5*time.Second)
	require.NotContains(t, trace.String(), "pubsub hard limit")
	require.Equal(t, "+PONG\r\n", c.do("PING"))
}
