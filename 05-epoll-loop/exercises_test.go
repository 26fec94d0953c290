//go:build exercises && (linux || darwin || freebsd || netbsd || openbsd)

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./05-epoll-loop/
//
// They fail on the chapter as shipped and pass once the exercise is done.
// They reach the server only through its sockets, its trace and its flags
// (exercise 2, in exercises_linux_test.go, also through /proc), so every
// check compiles before any exercise is done.

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
	"onethread/internal/nettest"
)

// Exercise 1: SLEEP ms, test first.
func TestExercise1SlowCommand(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestSlowCommandStallsEveryone")
	const hint = "add SLEEP ms to this chapter (not to internal/wire, which every chapter shares): " +
		"in processInput, before wire.Execute, catch SLEEP, call time.Sleep for that many milliseconds, and reply +OK"

	srv := startServer(t, config{})
	slow, other := dial(t, srv.Addr()), dial(t, srv.Addr())
	for _, tt := range []struct{ send, want string }{
		{"SLEEP\r\n", "-ERR wrong number of arguments for 'sleep' command\r\n"},
		{"SLEEP soon\r\n", "-ERR value is not an integer or out of range\r\n"},
		{"SLEEP -1\r\n", "-ERR value is not an integer or out of range\r\n"},
		{"sleep 0\r\n", "+OK\r\n"},
	} {
		slow.Send(tt.send)
		expectReplyHint(t, slow.Conn, tt.want, hint)
	}

	const ms = 500
	asked := time.Now()
	slow.Send(fmt.Sprintf("SLEEP %d\r\n", ms))
	// Once the loop has read the SLEEP, the other client's PING can only
	// be answered after it: both are served by the same thread.
	srv.trace.WaitForCount(t, "read fd", 5, 10*time.Second)
	other.Send("PING\r\n")
	expectReplyHint(t, other.Conn, "+PONG\r\n", "the other client must still be answered")
	waited := time.Since(asked)
	require.GreaterOrEqual(t, waited, ms*time.Millisecond,
		"another client's PING was answered %v after SLEEP %d was sent: the loop did not sleep on its one thread. "+
			"Run time.Sleep in the loop's goroutine, not in a goroutine of its own (which would also write to the socket from two goroutines)", waited, ms)
	expectReplyHint(t, slow.Conn, "+OK\r\n", hint)
	t.Logf("PING answered %v after SLEEP %d was sent", waited.Round(time.Millisecond), ms)
}

// Exercise 3: the busy loop. The proposed patch of README.md's exercise 3,
// as the check applies it to conn.go to try the learner's test on it.
const (
	keepWritableBefore = "if c.pending() > 0 {\n\t\twant |= writable"
	keepWritableAfter  = "if c.pending() > 0 || c.events&writable != 0 {\n\t\twant |= writable"
	learnerSpinTest    = "TestDrainedClientStopsWatchingWritable"
)

func TestExercise3BusyLoop(t *testing.T) {
	exercise.RequireLearnerTest(t, learnerSpinTest)

	// The learner's test must fail on the proposed patch: a test that
	// passes on it too cannot tell a loop that spins from one that sleeps.
	src, err := os.ReadFile("conn.go")
	require.NoError(t, err)
	require.Equal(t, 1, strings.Count(string(src), keepWritableBefore),
		"conn.go's updateInterest no longer has the lines the proposed patch changes (%q): restore them to run this check", keepWritableBefore)
	out := runOnPatchedConn(t, strings.Replace(string(src), keepWritableBefore, keepWritableAfter, 1), learnerSpinTest)
	switch {
	case strings.Contains(out, "--- FAIL: "+learnerSpinTest):
	case strings.Contains(out, "test timed out"):
		t.Fatalf("on the proposed patch, %s never ended: give every wait a deadline (srv.trace.WaitFor takes one), so that it fails instead of hanging.\n%s", learnerSpinTest, tail(out))
	default:
		t.Fatalf("%s passes on the proposed patch too, which keeps watching for writable after the replies are out and spins a CPU: "+
			"your test must fail on it. After every reply is read, wait for the trace to say the loop watches the client only for readable again (\"watch fd N: readable\\n\").\n%s", learnerSpinTest, tail(out))
	}

	// And the chapter, as it is, stops watching for writable once the
	// replies are out: after that the client's descriptor is never
	// reported again while the client is quiet.
	srv := startServer(t, config{})
	c := dial(t, srv.Addr())
	fd := srv.trace.LastAcceptedFd(t)
	echoes := fillAndDrain(t, c, srv)
	srv.trace.WaitFor(t, fmt.Sprintf("watch fd %d: readable\n", fd), 10*time.Second)
	c.ExpectNothing(300 * time.Millisecond)
	c.Send("PING\r\n")
	c.Expect("+PONG\r\n")
	after := srv.trace.String()
	after = after[strings.LastIndex(after, fmt.Sprintf("watch fd %d: readable\n", fd)):]
	reports := strings.Count(after, fmt.Sprintf("fd %d writable", fd)) + strings.Count(after, fmt.Sprintf("fd %d readable|writable", fd))
	require.Zero(t, reports, "after its %d replies were out, the quiet client's descriptor was reported writable %d times: the loop is spinning", echoes, reports)
}

// fillAndDrain sends c enough ECHOs that the server's replies outgrow the
// kernel's buffer, reading nothing until the loop says it watches for
// writable; then it reads every reply. It returns how many there were.
func fillAndDrain(t *testing.T, c *client, srv *testServer) int {
	t.Helper()
	value := strings.Repeat("x", 4096)
	const echoes = 2000 // 8 MiB of replies
	written := sendEchoes(c, value, echoes)
	srv.trace.WaitFor(t, "watching for writable", 30*time.Second)
	readEchoes(t, c, value, echoes, written)
	return echoes
}

// runOnPatchedConn runs one test of this chapter with conn.go replaced by
// src (go test -overlay: the file on disk is left alone), and returns its
// output.
func runOnPatchedConn(t *testing.T, src, test string) string {
	t.Helper()
	dir := t.TempDir()
	patched := filepath.Join(dir, "conn.go")
	require.NoError(t, os.WriteFile(patched, []byte(src), 0o644))
	abs, err := filepath.Abs("conn.go")
	require.NoError(t, err)
	overlay := filepath.Join(dir, "overlay.json")
	require.NoError(t, os.WriteFile(overlay, []byte(fmt.Sprintf(`{"Replace": {%q: %q}}`, abs, patched)), 0o644))
	cmd := exec.Command("go", "test", "-count=1", "-tags", "exercises", "-timeout", "2m",
		"-overlay", overlay, "-run", "^"+test+"$", ".")
	out, _ := cmd.CombinedOutput()
	return string(out)
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}

// requireFlag fails with todo unless the server's -h lists flag.
func requireFlag(t *testing.T, flag, todo string) {
	t.Helper()
	out, _ := exec.Command(nettest.Binary(t), "-h").CombinedOutput()
	require.True(t, strings.Contains(string(out), "  "+flag+"\n") || strings.Contains(string(out), "  "+flag+" "),
		"the server has no %s flag yet: %s.\nIts -h lists:\n%s", flag, todo, out)
}

// expectReplyHint is Expect whose failure says what to do.
func expectReplyHint(t *testing.T, conn *nettest.Conn, want, hint string) {
	t.Helper()
	require.NoError(t, conn.Net.SetReadDeadline(time.Now().Add(10*time.Second)))
	got := make([]byte, len(want))
	n, err := io.ReadFull(conn.R, got)
	if err != nil || string(got) != want {
		t.Fatalf("want the reply %.80q,\n got %.80q (%v).\n%s", want, got[:n], err, hint)
	}
}
