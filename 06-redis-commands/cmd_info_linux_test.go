package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// INFO counts the clients parked in a blocking pop, and those of them
// with a timeout, as Redis's blocked_clients and clients_in_timeout_table
// do; Redis's own tests wait on blocked_clients before they push.
func TestInfoCountsBlockedClients(t *testing.T) {
	srv, trace := startServer(t, config{})
	forever, timed, c := dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr())
	forever.Send(resp("BLPOP", "q", "0"))
	timed.Send(resp("BZPOPMIN", "z", "1000"))
	trace.WaitForCount(t, "blocked on 1 key(s)", 2, 5*time.Second)

	info := c.do("INFO", "clients")
	require.True(t, strings.Contains(info, "\r\nblocked_clients:2\r\n"), info)
	require.True(t, strings.Contains(info, "\r\nclients_in_timeout_table:1\r\n"), info)

	require.Equal(t, ":1\r\n", c.do("RPUSH", "q", "v"))
	require.Equal(t, "*2\r\n$1\r\nq\r\n$1\r\nv\r\n", forever.readMessage())
	info = c.do("INFO", "clients")
	require.True(t, strings.Contains(info, "\r\nblocked_clients:1\r\n"), info)
}
