//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A client killed by another is closed only when the batch of events is
// done. Here one batch holds, in this order: the killer's CLIENT KILL, a
// new connection on the listener, and the victim's own hangup. Were the
// victim's descriptor closed at once, the newcomer would be given its
// number, and the victim's hangup, later in the same batch, would close
// the newcomer. The test builds that batch from real readiness, hands it
// to the loop, then lets the loop run on.
func TestKillIsDeferredToTheEndOfTheBatch(t *testing.T) {
	s, err := newServer(config{addr: "127.0.0.1:0", maxClients: 100, databases: 16, hz: 10,
		maxBulk: defaultMaxBulkBytes, queryBufferLimit: defaultQueryBufferLimit})
	require.NoError(t, err)
	s.now = time.Now()
	killer := dial(t, s.Addr())
	victim := dial(t, s.Addr())
	waitReady(t, s, func(seen map[int]event) bool { return seen[s.listenFd].readable })
	s.acceptClients()
	var killerFd, victimFd int
	for fd, c := range s.conns {
		switch {
		case c != nil && c.id == 1:
			killerFd = fd
		case c != nil && c.id == 2:
			victimFd = fd
		}
	}

	victim.Send("PING\r\n")
	require.NoError(t, victim.Net.(*net.TCPConn).SetLinger(0)) // close sends RST: a hangup
	require.NoError(t, victim.Net.Close())
	killer.Send("CLIENT KILL ID 2\r\n")
	newcomer := dial(t, s.Addr())
	newcomer.Send("PING\r\n")
	ready := waitReady(t, s, func(seen map[int]event) bool {
		return seen[killerFd].readable && seen[s.listenFd].readable && seen[victimFd].hangup
	})
	s.processEvents([]event{ready[killerFd], ready[s.listenFd], ready[victimFd]})
	require.Nil(t, s.conns[victimFd], "the victim is closed once the batch is done")

	done := make(chan error, 1)
	go func() { done <- s.Serve() }()
	defer func() {
		s.Stop()
		require.NoError(t, <-done)
	}()
	killer.Expect(":1\r\n")
	newcomer.Expect("+PONG\r\n") // its own reply, and nothing of the victim's
	require.Equal(t, "+PONG\r\n", newcomer.do("PING"))
}

// waitReady asks the poller what is ready until done says that what it
// has seen (the latest event of each descriptor) is enough. Readiness is
// level-triggered, so asking again loses nothing.
func waitReady(t *testing.T, s *server, done func(seen map[int]event) bool) map[int]event {
	t.Helper()
	seen := map[int]event{}
	deadline := time.Now().Add(10 * time.Second)
	for {
		ready, err := s.poller.wait(100 * time.Millisecond)
		require.NoError(t, err)
		for _, ev := range ready {
			seen[ev.fd] = ev
		}
		if done(seen) {
			return seen
		}
		require.True(t, time.Now().Before(deadline), "never ready as wanted: %v", seen)
	}
}

// Each filter finds the client it names, and only that one.
func TestKillByEachFilter(t *testing.T) {
	srv, _ := startServer(t, config{})
	killer := dial(t, srv.Addr())
	addr := func(v *testConn) string { return v.Net.LocalAddr().String() }
	id := func(v *testConn) string { return strings.TrimSuffix(v.do("CLIENT", "ID")[1:], "\r\n") }
	for _, tc := range []struct {
		name string
		args func(victim *testConn) []string
		want string
	}{
		{"old form", func(v *testConn) []string { return []string{"CLIENT", "KILL", addr(v)} }, "+OK\r\n"},
		{"ADDR", func(v *testConn) []string { return []string{"CLIENT", "KILL", "ADDR", addr(v)} }, ":1\r\n"},
		{"ID", func(v *testConn) []string { return []string{"CLIENT", "KILL", "ID", id(v)} }, ":1\r\n"},
		{"ID and ADDR", func(v *testConn) []string { return []string{"CLIENT", "KILL", "ID", id(v), "ADDR", addr(v)} }, ":1\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			victim := dial(t, srv.Addr())
			bystander := dial(t, srv.Addr())
			require.Equal(t, tc.want, killer.do(tc.args(victim)...))
			victim.ExpectClosed()
			require.Equal(t, "+PONG\r\n", bystander.do("PING"))
		})
	}
}

// LADDR is the server's end of the connection: it names every client of
// this listener, but the caller (SKIPME yes by default).
func TestKillByLocalAddress(t *testing.T) {
	srv, _ := startServer(t, config{})
	killer := dial(t, srv.Addr())
	others := []*testConn{dial(t, srv.Addr()), dial(t, srv.Addr())}
	for _, o := range others {
		require.Equal(t, "+PONG\r\n", o.do("PING")) // accepted before the KILL
	}
	require.Equal(t, ":2\r\n", killer.do("CLIENT", "KILL", "LADDR", srv.Addr()))
	for _, o := range others {
		o.ExpectClosed()
	}
	require.Equal(t, "+PONG\r\n", killer.do("PING"))
}
