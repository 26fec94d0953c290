package main

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/redistest"
)

// diffCase is a conversation to hold with real Redis and with this server:
// the bytes to send, all at once, on a new connection to database 0 of an
// empty server. The test then half-closes the connection and compares
// every byte that comes back.
type diffCase struct {
	name string
	send string
}

// commands builds a diffCase from commands sent as RESP arrays.
func commands(name string, cmds ...[]string) diffCase {
	var b strings.Builder
	for _, cmd := range cmds {
		b.WriteString(resp(cmd...))
	}
	return diffCase{name: name, send: b.String()}
}

// cmd is shorthand for one command's words.
func cmd(args ...string) []string { return args }

// runDiff holds each conversation with real Redis and with this server and
// requires the same bytes back. It is the chapter's main correctness net.
func runDiff(t *testing.T, cases []diffCase) {
	t.Helper()
	redisAddr := redistest.Start(t)
	srv, _ := startServer(t, config{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := converse(t, redisAddr, tc.send)
			got := converse(t, srv.Addr(), tc.send)
			require.Equal(t, want, got, "sent %q", tc.send)
		})
	}
}

// converse empties the server, sends input, half-closes, and returns every
// byte of the replies, up to the server closing the connection.
func converse(t *testing.T, addr, input string) string {
	t.Helper()
	flush, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	flush.SetDeadline(time.Now().Add(5 * time.Second))
	_, err = flush.Write([]byte(resp("FLUSHALL") + resp("QUIT")))
	require.NoError(t, err)
	reply, err := io.ReadAll(flush)
	require.NoError(t, err)
	require.Equal(t, "+OK\r\n+OK\r\n", string(reply))
	flush.Close()

	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = conn.Write([]byte(input))
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	reply, err = io.ReadAll(conn)
	if err != nil && !strings.Contains(err.Error(), "connection reset") {
		require.NoError(t, err)
	}
	return string(reply)
}
