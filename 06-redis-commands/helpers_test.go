//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// startServer runs the loop in this process on a free port and stops it
// when the test ends. The trace goes to the returned buffer. setup, if
// given, changes the server before its loop starts (a test's clock).
func startServer(t *testing.T, cfg config, setup ...func(*server)) (*server, *nettest.Trace) {
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
	if cfg.databases == 0 {
		cfg.databases = 16
	}
	if cfg.maxBulk == 0 {
		cfg.maxBulk = defaultMaxBulkBytes
	}
	if cfg.queryBufferLimit == 0 {
		cfg.queryBufferLimit = defaultQueryBufferLimit
	}
	srv, err := newServer(cfg)
	require.NoError(t, err)
	for _, f := range setup {
		f(srv)
	}
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

// testConn is one test connection; -trace, the process and the rest are
// shared with chapter 05 in internal/nettest.
type testConn struct{ *nettest.Conn }

func dial(t *testing.T, addr string) *testConn {
	t.Helper()
	return &testConn{nettest.Dial(t, addr)}
}

// do sends one command and returns its whole reply, read by the RESP
// grammar: one line, or a bulk, or an array of those.
func (c *testConn) do(args ...string) string {
	c.T.Helper()
	c.Send(resp(args...))
	require.NoError(c.T, c.Net.SetReadDeadline(time.Now().Add(2*time.Second)))
	reply, err := readReply(c.R)
	require.NoError(c.T, err, "reply to %q", args)
	return reply
}

// readReply reads one RESP2 reply and returns its raw bytes.
func readReply(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return line, err
	}
	switch line[0] {
	case '$':
		n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
		if err != nil || n < 0 {
			return line, err
		}
		body := make([]byte, n+2)
		_, err = io.ReadFull(r, body)
		return line + string(body), err
	case '*':
		n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
		if err != nil {
			return line, err
		}
		for range n {
			elem, err := readReply(r)
			line += elem
			if err != nil {
				return line, err
			}
		}
	}
	return line, nil
}
