package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// readMessage reads one reply from a subscriber, with a deadline.
func (c *testConn) readMessage() string {
	c.T.Helper()
	require.NoError(c.T, c.Net.SetReadDeadline(time.Now().Add(5*time.Second)))
	reply, err := readReply(c.R)
	require.NoError(c.T, err)
	return reply
}

func message(channel, msg string) string {
	return fmt.Sprintf("*3\r\n$7\r\nmessage\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(channel), channel, len(msg), msg)
}

// Fan-out: one PUBLISH reaches 200 subscribers, and each gets every
// message in the order it was published.
func TestPublishReachesEverySubscriberInOrder(t *testing.T) {
	srv, _ := startServer(t, config{})
	subscribers := make([]*testConn, 200)
	for i := range subscribers {
		subscribers[i] = dial(t, srv.Addr())
		require.Equal(t, "*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n", subscribers[i].do("SUBSCRIBE", "news"))
	}
	pattern := dial(t, srv.Addr())
	require.Equal(t, "*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:1\r\n", pattern.do("PSUBSCRIBE", "n*"))

	publisher := dial(t, srv.Addr())
	for i := range 10 {
		require.Equal(t, ":201\r\n", publisher.do("PUBLISH", "news", fmt.Sprint("item ", i)))
	}
	for _, sub := range subscribers {
		for i := range 10 {
			require.Equal(t, message("news", fmt.Sprint("item ", i)), sub.readMessage())
		}
	}
	for i := range 10 {
		msg := fmt.Sprint("item ", i)
		require.Equal(t, fmt.Sprintf("*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$%d\r\n%s\r\n", len(msg), msg),
			pattern.readMessage())
	}
}

// A subscriber that never reads is closed once its unsent messages pass
// the hard limit, or stay past the soft limit for its time (here 0
// seconds: the next message past it), and the subscriber that reads keeps
// receiving. Without the limit the slow one would hold every message for
// ever, and the loop below would end without it closed.
func TestSlowSubscriberClosedAtLimit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		limit outputLimit
		trace string
	}{
		{"hard", outputLimit{hard: 256 << 10}, "past the pubsub hard limit"},
		{"soft", outputLimit{soft: 256 << 10}, "past the pubsub soft limit"},
	} {
		t.Run(tc.name, func(t *testing.T) { slowSubscriberClosed(t, tc.limit, tc.trace) })
	}
}

func slowSubscriberClosed(t *testing.T, limit outputLimit, traceLine string) {
	srv, trace := startServer(t, config{pubsubOutputLimit: limit})
	slow, fast := dial(t, srv.Addr()), dial(t, srv.Addr())
	require.Equal(t, "*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n", slow.do("SUBSCRIBE", "ch"))
	require.Equal(t, "*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n", fast.do("SUBSCRIBE", "ch"))

	publisher := dial(t, srv.Addr())
	payload := strings.Repeat("x", 64<<10)
	closed := false
	// The kernel's socket buffers take some megabytes first (loopback
	// autotuning); 2,000 messages of 64 KiB are 128 MB, far past them.
	for i := 0; i < 2000 && !closed; i++ {
		reply := publisher.do("PUBLISH", "ch", payload)
		require.Equal(t, message("ch", payload), fast.readMessage())
		closed = reply == ":1\r\n"
		if !closed {
			require.Equal(t, ":2\r\n", reply)
		}
	}
	require.True(t, closed, "the subscriber that never reads was never closed")
	require.Equal(t, "*2\r\n$2\r\nch\r\n:1\r\n", publisher.do("PUBSUB", "NUMSUB", "ch"))
	trace.WaitFor(t, traceLine, 5*time.Second)

	// What reached the slow client's socket before it was closed is
	// there to read, then the end of the stream.
	require.NoError(t, slow.Net.SetReadDeadline(time.Now().Add(10*time.Second)))
	_, err := io.Copy(io.Discard, slow.R)
	if err != nil {
		require.Contains(t, err.Error(), "connection reset")
	}
}
