package main

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The commands themselves are wire's and tested there; this checks that
// each store answers them as Redis would.
func TestCommands(t *testing.T) {
	tests := []struct{ send, want string }{
		{"PING\r\n", "+PONG\r\n"},
		{"GET counter\r\n", "$-1\r\n"},
		{"INCR counter\r\n", ":1\r\n"},
		{"incr counter\n", ":2\r\n"},
		{"GET counter\r\n", "$1\r\n2\r\n"},
		{"INCR other\r\n", ":1\r\n"},
		{"INCR\r\n", "-ERR wrong number of arguments for 'incr' command\r\n"},
		{"PING\r\nINCR counter\r\n", "+PONG\r\n:3\r\n"},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			c := connect(t, startServer(t, m.name))
			for _, tt := range tests {
				c.send(tt.send)
				c.expect(tt.want)
			}
			c.send("QUIT\r\n")
			c.expect("+OK\r\n")
			require.NoError(t, c.conn.SetReadDeadline(time.Now().Add(5*time.Second)))
			_, err := c.in.ReadByte()
			require.ErrorIs(t, err, io.EOF, "the server closes the connection after QUIT")
		})
	}
}

// Close must not wait for clients to leave: it closes them.
func TestCloseClosesClients(t *testing.T) {
	state := newMutexStore()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(ln, state, false)
	served := make(chan struct{})
	go func() { srv.Serve(); close(served) }()
	c := connect(t, ln.Addr().String())
	c.send("PING\r\n")
	c.expect("+PONG\r\n")

	srv.Close()
	require.NoError(t, c.conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err = c.in.ReadByte()
	require.ErrorIs(t, err, io.EOF)
	_, err = net.Dial("tcp", ln.Addr().String())
	require.Error(t, err, "the listener is closed")
	select {
	case <-served:
	case <-time.After(time.Minute):
		t.Fatal("Serve did not return after Close")
	}
}
