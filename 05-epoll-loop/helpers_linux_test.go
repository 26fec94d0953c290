package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// startServer runs the loop in this process on a free port and stops it
// when the test ends. The trace goes to the returned buffer.
func startServer(t *testing.T, cfg config) (*server, *nettest.Trace) {
	t.Helper()
	trace := nettest.NewTrace()
	cfg.addr = "127.0.0.1:0"
	cfg.trace = trace
	if cfg.maxClients == 0 {
		cfg.maxClients = 10000
	}
	if cfg.hz == 0 {
		cfg.hz = 10
	}
	srv, err := newServer(cfg)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	t.Cleanup(func() {
		srv.Stop()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after Stop")
		}
	})
	return srv, trace
}

// client is one test connection; -trace, the process and the rest are
// shared with chapter 06 in internal/nettest.
type client struct{ *nettest.Conn }

func dial(t *testing.T, addr string) *client {
	t.Helper()
	return &client{nettest.Dial(t, addr)}
}
