package main

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestOneClockPerCommand runs MGET k k while k reaches its deadline, on a
// clock that moves on by a millisecond each time it is read. Were the
// time read per key, some MGET would find the first k and miss the
// second; read once per command, each MGET sees both or neither.
func TestOneClockPerCommand(t *testing.T) {
	s := newState(config{databases: 1, maxBulk: defaultMaxBulkBytes, hz: 10})
	c := s.newClient(-1)
	var reads int
	start := time.UnixMilli(1_000_000)
	s.clock.source = func() time.Time {
		reads++
		return start.Add(time.Duration(reads) * time.Millisecond)
	}
	exec := func(args ...string) string {
		c.reply = c.reply[:0]
		require.Empty(t, s.processInput(c, []byte(resp(args...))))
		return string(c.reply)
	}

	deadline := start.UnixMilli() + 4 // two or three reads from now
	require.Equal(t, "+OK\r\n", exec("SET", "k", "v", "PXAT", strconv.FormatInt(deadline, 10)))
	both, neither := "*2\r\n$1\r\nv\r\n$1\r\nv\r\n", "*2\r\n$-1\r\n$-1\r\n"
	var replies []string
	for range 5 {
		before := reads
		replies = append(replies, exec("MGET", "k", "k"))
		require.Equal(t, 1, reads-before, "the clock is read once per command")
	}
	require.Equal(t, []string{both, both, neither, neither, neither}, replies)
}
