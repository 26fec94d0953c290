package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// WATCH across clients: a write by another client fails the watcher's
// EXEC with a null array; with no write, EXEC runs.
func TestWatchTouchedByAnotherClient(t *testing.T) {
	srv, _ := startServer(t, config{})
	watcher, other := dial(t, srv.Addr()), dial(t, srv.Addr())

	require.Equal(t, "+OK\r\n", watcher.do("WATCH", "balance"))
	require.Equal(t, ":1\r\n", other.do("INCR", "balance"))
	require.Equal(t, "+OK\r\n", watcher.do("MULTI"))
	require.Equal(t, "+QUEUED\r\n", watcher.do("INCRBY", "balance", "100"))
	require.Equal(t, "*-1\r\n", watcher.do("EXEC"))
	require.Equal(t, "$1\r\n1\r\n", other.do("GET", "balance"))

	require.Equal(t, "+OK\r\n", watcher.do("WATCH", "balance"))
	require.Equal(t, "$1\r\n1\r\n", other.do("GET", "balance")) // a read touches nothing
	require.Equal(t, ":1\r\n", other.do("INCR", "unwatched"))
	require.Equal(t, "+OK\r\n", watcher.do("MULTI"))
	require.Equal(t, "+QUEUED\r\n", watcher.do("INCRBY", "balance", "100"))
	require.Equal(t, "*1\r\n:101\r\n", watcher.do("EXEC"))
}

// A client that closes while watching leaves no trace behind: a write to
// the key after it has gone must not reach it (the test would crash on a
// nil transaction, or the race detector would see a stale client).
func TestWatchingClientCloses(t *testing.T) {
	srv, _ := startServer(t, config{})
	gone := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", gone.do("WATCH", "k"))
	require.Equal(t, "+OK\r\n", gone.do("MULTI"))
	gone.Net.Close()

	c := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", c.do("WATCH", "k"))
	require.Equal(t, "+OK\r\n", c.do("SET", "k", "v"))
	require.Equal(t, "+OK\r\n", c.do("MULTI"))
	require.Equal(t, "+QUEUED\r\n", c.do("GET", "k"))
	require.Equal(t, "*-1\r\n", c.do("EXEC"))
}

// EXEC runs its whole queue before another client's command: a reader
// that sends while the transaction runs sees all of its writes or none.
func TestExecIsNotInterleaved(t *testing.T) {
	srv, _ := startServer(t, config{})
	writer, reader := dial(t, srv.Addr()), dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", writer.do("MULTI"))
	const n = 1000
	for range n {
		require.Equal(t, "+QUEUED\r\n", writer.do("INCR", "a"))
		require.Equal(t, "+QUEUED\r\n", writer.do("DECR", "b"))
	}
	writer.Send(resp("EXEC"))
	for range 50 {
		reply := reader.do("MGET", "a", "b")
		if reply == "*2\r\n$-1\r\n$-1\r\n" {
			continue
		}
		require.Equal(t, "*2\r\n$4\r\n1000\r\n$5\r\n-1000\r\n", reply)
	}
}
