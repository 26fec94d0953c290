//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// testServer is the loop running in this process on a free port, with its
// -trace output in a buffer.
type testServer struct {
	*server
	trace  *nettest.Trace
	served chan error // Serve's result, once Stop has made it return
	err    error
	done   bool
}

// startServer runs the loop in this process and stops it when the test
// ends. setup, if given, adjusts the server before it serves, so that it
// needs no lock.
func startServer(t *testing.T, cfg config, setup ...func(*server)) *testServer {
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
	for _, f := range setup {
		f(srv)
	}
	ts := &testServer{server: srv, trace: trace, served: make(chan error, 1)}
	go func() { ts.served <- srv.Serve() }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// stop makes Serve return and waits for it. After stop, the test may read
// the server's fields: the loop's goroutine has finished with them.
func (ts *testServer) stop(t *testing.T) {
	t.Helper()
	if ts.done {
		return
	}
	ts.Stop()
	select {
	case ts.err = <-ts.served:
		ts.done = true
		require.NoError(t, ts.err)
	case <-time.After(5 * time.Second):
		t.Error("Serve did not return after Stop")
	}
}

// client is one test connection; -trace, the process and the rest are
// shared with chapter 06 in internal/nettest.
type client struct{ *nettest.Conn }

func dial(t *testing.T, addr string) *client {
	t.Helper()
	return &client{nettest.Dial(t, addr)}
}
