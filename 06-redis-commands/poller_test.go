//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// The poller's contract, on whichever backend this system has (epoll or
// kqueue): level-triggered readiness, changes of interest, one event per
// descriptor with both directions merged, and a zero timeout that polls.
func TestPollerContract(t *testing.T) {
	p, err := newPoller(8)
	require.NoError(t, err)
	defer p.close()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	require.NoError(t, err)
	a, b := fds[0], fds[1]
	defer unix.Close(a)
	bOpen := true
	defer func() {
		if bOpen {
			unix.Close(b)
		}
	}()
	require.NoError(t, unix.SetNonblock(a, true))

	// waitFor waits (failing after a generous time) until a is reported,
	// and returns its one event.
	waitFor := func() event {
		t.Helper()
		ready, err := p.wait(5 * time.Second)
		require.NoError(t, err)
		require.Len(t, ready, 1, "%v", ready)
		require.Equal(t, a, ready[0].fd)
		return ready[0]
	}

	require.NoError(t, p.add(a, readable))
	ready, err := p.wait(0)
	require.NoError(t, err)
	require.Empty(t, ready, "nothing to read yet, and a zero timeout returns at once")

	_, err = unix.Write(b, []byte("x"))
	require.NoError(t, err)
	require.Equal(t, event{fd: a, readable: true}, waitFor())
	require.Equal(t, event{fd: a, readable: true}, waitFor(), "level-triggered: still unread, so still ready")

	require.NoError(t, p.modify(a, readable, readable|writable))
	require.Equal(t, event{fd: a, readable: true, writable: true}, waitFor(), "both directions in one event")

	require.NoError(t, p.modify(a, readable|writable, writable))
	require.Equal(t, event{fd: a, writable: true}, waitFor())

	require.NoError(t, p.remove(a, writable))
	ready, err = p.wait(0)
	require.NoError(t, err)
	require.Empty(t, ready)

	// The peer goes away: epoll says EPOLLHUP (a Unix socket is then shut
	// both ways), kqueue EV_EOF on the read filter. Either way the loop
	// learns of it, by a hangup or by a read that returns 0.
	require.NoError(t, p.add(a, readable))
	bOpen = false
	require.NoError(t, unix.Close(b))
	ev := waitFor()
	require.True(t, ev.readable || ev.hangup, "%v", ev)
}
