//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIdleTimeoutClosesSilently: a client idle for longer than -timeout is
// closed without a word, as Redis closes it (clientsCronHandleTimeout in
// timeout.c), and the server goes on serving.
func TestIdleTimeoutClosesSilently(t *testing.T) {
	srv, trace := startServer(t, config{hz: 50, idleTimeout: 200 * time.Millisecond})
	idle := dial(t, srv.Addr())
	require.Equal(t, "+PONG\r\n", idle.do("PING"))
	trace.WaitFor(t, "(idle timeout)", 5*time.Second)
	idle.ExpectClosed()
	require.Equal(t, "+PONG\r\n", dial(t, srv.Addr()).do("PING"))
}
