//go:build exercises

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./01-blocking-server/
//
// They fail on the chapter as shipped and pass once the exercise is done.
// They reach the server only through its flags and sockets (and, for
// exercise 1, through oneread.go), so every check compiles before any
// exercise is done.

import (
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
)

// Exercise 1: a handler that assumes one Read is one command.
func TestExercise1OneReadIsNotOneCommand(t *testing.T) {
	addr := startOneReadServer(t)
	const hint = "serveOneRead in oneread.go treats whatever one Read returns as one command; " +
		"TCP is a stream of bytes, not of messages: keep what you read in a buffer and run each whole line in it (see README.md, exercise 1)"

	t.Run("a command split over two writes", func(t *testing.T) {
		conn := dial(t, addr)
		send(t, conn, "PI")
		// Half a command gets no reply; a server that answers it has run
		// "PI" as a command of its own.
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(200*time.Millisecond)))
		got := make([]byte, 64)
		n, err := conn.Read(got)
		require.ErrorIs(t, err, os.ErrDeadlineExceeded, "the server answered half a command, \"PI\", with %q.\n%s", got[:n], hint)
		send(t, conn, "NG\r\n")
		expectReplyHint(t, conn, "+PONG\r\n", hint)
	})

	t.Run("two commands in one write", func(t *testing.T) {
		conn := dial(t, addr)
		send(t, conn, "PING\r\nECHO hi\r\n")
		expectReplyHint(t, conn, "+PONG\r\n$2\r\nhi\r\n", hint)
	})

	t.Run("a command longer than one read", func(t *testing.T) {
		conn := dial(t, addr)
		word := strings.Repeat("x", 600)
		send(t, conn, "ECHO "+word+"\r\n")
		expectReplyHint(t, conn, "$600\r\n"+word+"\r\n", hint)
	})
}

// startOneReadServer serves clients one at a time with serveOneRead, as
// this chapter's server does with wire.ServeConn, until the test ends.
func startOneReadServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	state := store{}
	served := make(chan struct{})
	go func() {
		defer close(served)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			serveOneRead(conn, state)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-served
	})
	return ln.Addr().String()
}

// Exercise 2: an idle timeout, test first.
func TestExercise2IdleTimeout(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestIdleClientIsClosed")
	requireFlag(t, "-timeout", "add a -timeout flag (a time.Duration, 0 for never, as chapter 06 and Redis's timeout setting)")

	_, addr := startProcess(t, "-addr", "127.0.0.1:0", "-timeout", "1s")
	idle := dial(t, addr)
	send(t, idle, "PING\r\n")
	expectReplyHint(t, idle, "+PONG\r\n", "a client that talks must still be answered")

	// The idle client says nothing more. The next one is served once the
	// server has given up on it: without a timeout, never.
	waiting := dial(t, addr)
	send(t, waiting, "PING\r\n")
	expectReplyHint(t, waiting, "+PONG\r\n",
		"a client waited behind one that has said nothing for 1s, with -timeout 1s: "+
			"before each Read, set a read deadline (conn.SetReadDeadline) of now plus the timeout, so a silent client's Read fails and ServeConn returns")

	// The idle client was closed without a word, as Redis does.
	require.NoError(t, idle.SetReadDeadline(time.Now().Add(waitLong)))
	n, err := idle.Read(make([]byte, 64))
	require.True(t, errors.Is(err, io.EOF) && n == 0, "the idle client should see the connection closed without a reply, got %d bytes and %v", n, err)
}

// requireFlag fails with todo unless the server's -h lists flag.
func requireFlag(t *testing.T, flag, todo string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-h")
	cmd.Env = processEnv()
	out, _ := cmd.CombinedOutput()
	// The test binary's own -test.* flags are listed too: leave them out.
	var usage []string
	for _, line := range strings.SplitAfter(string(out), "\n") {
		if !strings.Contains(line, "-test.") && !strings.Contains(line, "\t") {
			usage = append(usage, line)
		}
	}
	require.True(t, strings.Contains(string(out), "  "+flag+" "), "the server has no %s flag yet: %s.\nIts -h lists:\n%s", flag, todo, strings.Join(usage, ""))
}

// expectReplyHint is expectReply whose failure says what to do, and
// shows long replies cut short.
func expectReplyHint(t *testing.T, conn net.Conn, want, hint string) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
	got := make([]byte, len(want))
	n, err := io.ReadFull(conn, got)
	if err != nil || string(got) != want {
		t.Fatalf("want the reply %.80q,\n got %.80q (%v).\n%s", want, got[:n], err, hint)
	}
}
