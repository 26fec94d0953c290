package wire

import (
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/redistest"
)

// lockedCounters lets the test server serve clients one after another from
// different goroutines without a race.
type lockedCounters struct {
	mu sync.Mutex
	m  counters
}

func (c *lockedCounters) Incr(key string) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m.Incr(key)
}

func (c *lockedCounters) Get(key string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m.Get(key)
}

// TestSameBytesAsRedis sends each input to real Redis and to ServeConn,
// closes the sending side, and compares everything that comes back.
func TestSameBytesAsRedis(t *testing.T) {
	redisAddr := redistest.Start(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	go func() {
		state := &lockedCounters{m: counters{}}
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go ServeConn(conn, state)
		}
	}()

	inputs := []string{
		"PING\r\nping hello\r\nPING a b\r\n",
		"ECHO\r\nECHO \"a b\"\r\necho 'x\\'y'\r\n",
		"INCR t1\r\nINCR t1\r\nGET t1\r\nGET t1-missing\r\nINCR\r\nGET\r\n",
		"FOO a b\r\nfoo\r\nbar \"a\\r\\nb\"\r\n",
		"\r\n   \r\n\n PING\n",
		"PING \"unbalanced\r\nPING\r\n",
		"PING \"a\"b\r\nPING\r\n",
		"QUIT\r\nPING\r\n",
		"PING\r\nPIN",
		"FOO " + strings.Repeat("abcdefghij ", 20) + "\r\n",
		"ECHO " + strings.Repeat("x", MaxInline+10),
		"PING\r\nPI\x00NG\r\nPING\r\n",
		"PING\r\nPI\x00NG\r\n" + strings.Repeat("PING\r\n", MaxInline/6+1),
	}
	for _, input := range inputs {
		want := exchange(t, redisAddr, input)
		got := exchange(t, ln.Addr().String(), input)
		require.Equal(t, want, got, "input %q", input)
	}
}

func exchange(t *testing.T, addr, input string) string {
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = conn.Write([]byte(input))
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	reply, err := io.ReadAll(conn)
	if err != nil && !strings.Contains(err.Error(), "connection reset") {
		require.NoError(t, err)
	}
	return string(reply)
}
