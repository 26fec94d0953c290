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

// CLIENT LIST shows what each client is doing, in Redis's letters and
// counts: subscribed (P, sub, psub), in MULTI (x, multi: commands
// queued) with a watched key written (d), blocked (b), a monitor (O).
// It used to say flags=N sub=0 psub=0 multi=-1 for everyone.
func TestClientListShowsClientStates(t *testing.T) {
	srv, trace := startServer(t, config{})
	subscriber, tx, waiter, monitor, c := dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr())
	subscriber.Send(resp("SUBSCRIBE", "a", "b") + resp("PSUBSCRIBE", "p*"))
	for range 3 {
		subscriber.readMessage()
	}
	require.Equal(t, "+OK\r\n", tx.do("WATCH", "k"))
	require.Equal(t, "+OK\r\n", tx.do("MULTI"))
	require.Equal(t, "+QUEUED\r\n", tx.do("SET", "x", "1"))
	require.Equal(t, "+QUEUED\r\n", tx.do("GET", "x"))
	require.Equal(t, "+OK\r\n", monitor.do("MONITOR"))
	waiter.Send(resp("BLPOP", "q", "0"))
	trace.WaitFor(t, "blocked on 1 key(s)", 5*time.Second)
	require.Equal(t, "+OK\r\n", c.do("SET", "k", "v"))
	monitor.readMessage()

	list := c.do("CLIENT", "LIST")
	for _, want := range []string{
		" flags=P db=0 sub=2 psub=1 ssub=0 multi=-1 ",
		" flags=xd db=0 sub=0 psub=0 ssub=0 multi=2 ",
		" flags=b db=0 sub=0 psub=0 ssub=0 multi=-1 ",
		" flags=O db=0 sub=0 psub=0 ssub=0 multi=-1 ",
		" flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=10 multi-mem=0 ",
	} {
		require.Contains(t, list, want)
	}
}

// INFO has Redis's CPU section, in its place and format: seconds with six
// decimals, and the loop thread's own time where Linux counts it.
func TestInfoCPU(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	require.Regexp(t, `\r\n# Replication\r\n[^#]*\r\n# CPU\r\n`, c.do("INFO"))
	require.Regexp(t, `^\$\d+\r\n# CPU\r\nused_cpu_sys:\d+\.\d{6}\r\nused_cpu_user:\d+\.\d{6}\r\n`+
		`used_cpu_sys_children:\d+\.\d{6}\r\nused_cpu_user_children:\d+\.\d{6}\r\n`+
		`used_cpu_sys_main_thread:\d+\.\d{6}\r\nused_cpu_user_main_thread:\d+\.\d{6}\r\n\r\n$`, c.do("INFO", "cpu"))
}
