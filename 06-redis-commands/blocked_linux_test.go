package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// While one client waits in BLPOP, the loop serves the others; a push
// from another client wakes it with that element, and the requests it had
// pipelined behind BLPOP run then, in order.
func TestBlpopWaitsWhileOthersAreServed(t *testing.T) {
	srv, trace := startServer(t, config{})
	waiter, other := dial(t, srv.Addr()), dial(t, srv.Addr())
	waiter.Send(resp("BLPOP", "jobs", "0") + resp("PING", "after"))
	trace.WaitFor(t, "blocked on 1 key(s)", 5*time.Second)

	for range 100 {
		require.Equal(t, "+PONG\r\n", other.do("PING"))
	}
	require.Equal(t, ":1\r\n", other.do("RPUSH", "jobs", "first"))
	require.Equal(t, "*2\r\n$4\r\njobs\r\n$5\r\nfirst\r\n", waiter.readMessage())
	require.Equal(t, "$5\r\nafter\r\n", waiter.readMessage())
	require.Equal(t, ":0\r\n", other.do("EXISTS", "jobs"))
}

// Clients are served in the order they blocked, one element each; the
// rest stays in the list.
func TestBlockedClientsServedInOrder(t *testing.T) {
	srv, trace := startServer(t, config{})
	first, second, pusher := dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr())
	first.Send(resp("BRPOP", "q", "0"))
	trace.WaitForCount(t, "blocked on 1 key(s)", 1, 5*time.Second)
	second.Send(resp("BLPOP", "other", "q", "0"))
	trace.WaitFor(t, "blocked on 2 key(s)", 5*time.Second)

	require.Equal(t, ":3\r\n", pusher.do("RPUSH", "q", "a", "b", "c"))
	require.Equal(t, "*2\r\n$1\r\nq\r\n$1\r\nc\r\n", first.readMessage())
	require.Equal(t, "*2\r\n$1\r\nq\r\n$1\r\na\r\n", second.readMessage())
	require.Equal(t, "*1\r\n$1\r\nb\r\n", pusher.do("LRANGE", "q", "0", "-1"))
}

// A key that appears by RENAME, by EXEC or by a BLMOVE served to another
// client wakes its waiters too; BZPOPMIN waits for a sorted set.
func TestBlockedWokenByAnyWrite(t *testing.T) {
	srv, trace := startServer(t, config{})
	mover, popper, zwaiter, c := dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr()), dial(t, srv.Addr())
	mover.Send(resp("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"))
	popper.Send(resp("BLPOP", "dst", "0"))
	zwaiter.Send(resp("BZPOPMIN", "z", "0"))
	trace.WaitForCount(t, "blocked on 1 key(s)", 3, 5*time.Second)

	require.Equal(t, ":1\r\n", c.do("RPUSH", "tmp", "x"))
	require.Equal(t, "+OK\r\n", c.do("RENAME", "tmp", "src"))
	require.Equal(t, "$1\r\nx\r\n", mover.readMessage())
	require.Equal(t, "*2\r\n$3\r\ndst\r\n$1\r\nx\r\n", popper.readMessage())

	require.Equal(t, "+OK\r\n", c.do("MULTI"))
	require.Equal(t, "+QUEUED\r\n", c.do("ZADD", "z", "2", "two", "1", "one"))
	require.Equal(t, "*1\r\n:2\r\n", c.do("EXEC"))
	require.Equal(t, "*3\r\n$1\r\nz\r\n$3\r\none\r\n$1\r\n1\r\n", zwaiter.readMessage())
}

// A timeout is a time event of the loop: the null array arrives with no
// other client waking the loop.
func TestBlockTimeout(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	// 0.0001 s rounds up to 1 ms, as Redis rounds it, not down to 0,
	// which would mean wait for ever.
	c.Send(resp("BLPOP", "nothing", "0.05") + resp("BLMOVE", "a", "b", "LEFT", "LEFT", "0.01") + resp("BZPOPMIN", "z", "0.0001"))
	require.Equal(t, "*-1\r\n", c.readMessage())
	require.Equal(t, "*-1\r\n", c.readMessage())
	require.Equal(t, "*-1\r\n", c.readMessage())
}

// A blocked client that disconnects leaves every table: the next push is
// kept for the next reader instead of going to a closed connection.
func TestBlockedClientDisconnects(t *testing.T) {
	srv, trace := startServer(t, config{})
	gone, c := dial(t, srv.Addr()), dial(t, srv.Addr())
	gone.Send(resp("BLPOP", "q", "x", "100"))
	trace.WaitFor(t, "blocked on 2 key(s)", 5*time.Second)
	gone.Net.Close()
	trace.WaitFor(t, "close fd", 5*time.Second)

	require.Equal(t, ":1\r\n", c.do("RPUSH", "q", "kept"))
	require.Equal(t, ":1\r\n", c.do("LLEN", "q"))
}

// -timeout closes idle clients, but not one that is silent because it
// waits in BLPOP: it is served when its key arrives.
func TestBlockedClientSparedByIdleTimeout(t *testing.T) {
	srv, trace := startServer(t, config{idleTimeout: 50 * time.Millisecond, hz: 100})
	waiter := dial(t, srv.Addr())
	waiter.Send(resp("BLPOP", "q", "0"))
	trace.WaitFor(t, "blocked on 1 key(s)", 5*time.Second)
	// A client last active after the waiter: once it is closed for
	// idleness, the waiter has been silent longer than -timeout.
	idle := dial(t, srv.Addr())
	require.Equal(t, "+PONG\r\n", idle.do("PING"))
	idle.ExpectClosed()

	c := dial(t, srv.Addr())
	require.Equal(t, ":1\r\n", c.do("RPUSH", "q", "v"))
	require.Equal(t, "*2\r\n$1\r\nq\r\n$1\r\nv\r\n", waiter.readMessage())
}
