package main

import (
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The replies are internal/wire's, which has the thorough tests; these
// check that this server passes commands and its store through to it.
func TestCommands(t *testing.T) {
	conn := dial(t, startServer(t))
	tests := []struct{ send, reply string }{
		{"PING\r\n", "+PONG\r\n"},
		{"PING hello\r\n", "$5\r\nhello\r\n"},
		{"ECHO hi\n", "$2\r\nhi\r\n"},
		{"GET counter\r\n", "$-1\r\n"},
		{"INCR counter\r\n", ":1\r\n"},
		{"incr counter\r\n", ":2\r\n"},
		{"GET counter\r\n", "$1\r\n2\r\n"},
		{"FOO bar\r\n", "-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n"},
		{"INCR\r\n", "-ERR wrong number of arguments for 'incr' command\r\n"},
		{"QUIT\r\n", "+OK\r\n"},
	}
	for _, tt := range tests {
		send(t, conn, tt.send)
		expectReply(t, conn, tt.reply)
	}
}

func TestSecondClientWaitsForFirst(t *testing.T) {
	addr := startServer(t)
	a := dial(t, addr)
	send(t, a, "PING\r\n")
	expectReply(t, a, "+PONG\r\n") // now the server is busy with a

	// b's connect succeeds (the kernel queues it) and its PING reaches the
	// server's socket, but the server is blocked reading from a.
	b := dial(t, addr)
	send(t, b, "PING\r\n")
	require.NoError(t, b.SetReadDeadline(time.Now().Add(200*time.Millisecond)))
	n, err := b.Read(make([]byte, 16))
	require.ErrorIs(t, err, os.ErrDeadlineExceeded, "b got %d bytes while a was connected", n)

	// a leaves: the server accepts b and finds its PING already waiting.
	require.NoError(t, a.Close())
	expectReply(t, b, "+PONG\r\n")
}

func TestCountersOutliveClients(t *testing.T) {
	addr := startServer(t)
	for _, want := range []string{":1\r\n", ":2\r\n"} {
		conn := dial(t, addr)
		send(t, conn, "INCR visits\r\n")
		expectReply(t, conn, want)
		require.NoError(t, conn.Close())
	}
}

func TestSIGTERMClosesClientsAndExitsZero(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no SIGTERM to send")
	}
	cmd, addr := startProcess(t, "-addr", "127.0.0.1:0")
	conn := dial(t, addr)
	send(t, conn, "PING\r\n")
	expectReply(t, conn, "+PONG\r\n")

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
	_, err := conn.Read(make([]byte, 1))
	require.ErrorIs(t, err, io.EOF, "the server should close its client")
	require.Equal(t, 0, waitExit(t, cmd))
}

func TestPortTakenIsOneLineAndExitOne(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()

	var stderr bytes.Buffer
	cmd := exec.Command(os.Args[0], "-addr", taken.Addr().String())
	cmd.Env = processEnv()
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	require.Equal(t, 1, waitExit(t, cmd))

	msg := stderr.String()
	require.Equal(t, 1, strings.Count(msg, "\n"), msg)
	require.Contains(t, msg, taken.Addr().String())
	require.Contains(t, msg, "-addr")
}
