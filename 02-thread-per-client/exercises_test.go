//go:build exercises

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./02-thread-per-client/
//
// They fail on the chapter as shipped and pass once the exercise is done.
// They reach the server only through its flags and sockets, so every
// check compiles before any exercise is done.

import (
	"bufio"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
)

// tooMany is Redis's reply to the client after the last place
// (acceptCommonHandler in Redis's src/networking.c).
const tooMany = "-ERR max number of clients reached\r\n"

// Exercise 1: -maxclients, test first.
func TestExercise1MaxClients(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestMaxClientsRefusesTheNext")
	requireFlag(t, "-maxclients", "add a -maxclients flag (an int, 10000 by default as in Redis)")
	const hint = "before `go s.handle(conn)`, take a place in a semaphore of -maxclients places (a buffered channel); " +
		"when none is free, write Redis's error to the client and close it; the handler gives its place back when its client leaves"

	_, addr := startProcess(t, "-addr", "127.0.0.1:0", "-maxclients", "2")
	held := openClients(t, addr, 2)
	for _, conn := range held {
		send(t, conn, "PING\r\n")
		expectReplyHint(t, conn, "+PONG\r\n", "clients up to -maxclients must be served")
	}
	refused := dial(t, addr)
	expectReplyHint(t, refused, tooMany, "with -maxclients 2 and two clients served, the third must get Redis's error: "+hint)
	require.NoError(t, refused.SetReadDeadline(time.Now().Add(waitLong)))
	_, err := refused.Read(make([]byte, 1))
	require.Error(t, err, "after the error the server closes the refused client")

	// A client that leaves frees its place. Its handler notices a moment
	// later, so until then a newcomer may still be refused: try again,
	// a bounded number of times.
	require.NoError(t, held[0].Close())
	for try := 1; ; try++ {
		conn := dial(t, addr)
		send(t, conn, "PING\r\n")
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
		line, _ := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if line == "+PONG\r\n" {
			return
		}
		require.Less(t, try, 500, "a client left, yet newcomers are still refused (last reply %q): give the place back when the handler returns (defer)", line)
		time.Sleep(10 * time.Millisecond)
	}
}

// Exercise 2: stop accepting on SIGTERM, let connected clients finish.
func TestExercise2Drain(t *testing.T) {
	requireFlag(t, "-drain", "add a -drain flag (a time.Duration): on SIGINT or SIGTERM, close the listener, "+
		"let connected clients go on until they leave, and close those still there after -drain")

	t.Run("clients are served until they leave", func(t *testing.T) {
		cmd, addr := startProcess(t, "-addr", "127.0.0.1:0", "-drain", "1m")
		conn := dial(t, addr)
		send(t, conn, "PING\r\n")
		expectReply(t, conn, "+PONG\r\n")

		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		waitRefused(t, addr)
		conn.Write([]byte("INCR drained\r\n")) // an error shows in the read below
		expectReplyHint(t, conn, ":1\r\n", "with -drain, a client connected before SIGTERM is still served until it leaves (or -drain runs out)")
		send(t, conn, "QUIT\r\n")
		expectReply(t, conn, "+OK\r\n")
		require.Equal(t, 0, waitExit(t, cmd), "once the last client has left, the server exits with status 0 at once, without waiting out -drain")
	})

	t.Run("clients still there when -drain runs out are closed", func(t *testing.T) {
		cmd, addr := startProcess(t, "-addr", "127.0.0.1:0", "-drain", "200ms")
		conn := dial(t, addr)
		send(t, conn, "PING\r\n")
		expectReply(t, conn, "+PONG\r\n")

		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
		_, err := conn.Read(make([]byte, 1))
		require.Error(t, err, "a client still connected when -drain runs out must be closed (time.AfterFunc(drain, srv.Close), say)")
		require.Equal(t, 0, waitExit(t, cmd))
	})
}

// waitRefused waits, a bounded number of times, until addr refuses
// connections: the server has closed its listener.
func waitRefused(t *testing.T, addr string) {
	t.Helper()
	for try := 1; ; try++ {
		conn, err := net.DialTimeout("tcp", addr, waitLong)
		if err != nil {
			return
		}
		conn.Close()
		require.Less(t, try, 500, "the server still accepts clients after SIGTERM: close the listener first")
		time.Sleep(10 * time.Millisecond)
	}
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

// expectReplyHint is expectReply whose failure says what to do.
func expectReplyHint(t *testing.T, conn net.Conn, want, hint string) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
	got := make([]byte, len(want))
	n, err := io.ReadFull(conn, got)
	if err != nil || string(got) != want {
		t.Fatalf("want the reply %.80q,\n got %.80q (%v).\n%s", want, got[:n], err, hint)
	}
}
