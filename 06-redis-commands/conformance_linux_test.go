package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Cases found by running Redis's own test suite against this chapter
// (conformance.sh) that need more than one client, so cannot be rows of
// the diff_*_test.go tables.

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

// A BRPOPLPUSH woken when its destination holds another type answers
// WRONGTYPE and stops waiting; the element stays in the source, as in
// Redis (t_list.c, serveClientBlockedOnList). It used to wait on.
func TestBlockedMoveToWrongTypeAnswersWrongtype(t *testing.T) {
	srv, trace := startServer(t, config{})
	waiter, c := dial(t, srv.Addr()), dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", c.do("SET", "target", "nolist"))
	waiter.Send(resp("BRPOPLPUSH", "blist", "target", "0") + resp("PING"))
	trace.WaitFor(t, "blocked on 1 key(s)", 5*time.Second)

	require.Equal(t, ":1\r\n", c.do("RPUSH", "blist", "foo"))
	require.Equal(t, "-"+wrongTypeError+"\r\n", waiter.readMessage())
	require.Equal(t, "+PONG\r\n", waiter.readMessage())
	require.Equal(t, "*1\r\n$3\r\nfoo\r\n", c.do("LRANGE", "blist", "0", "-1"))
}
