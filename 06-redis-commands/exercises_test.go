//go:build exercises && (linux || darwin || freebsd || netbsd || openbsd)

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./06-redis-commands/
//
// They fail on the chapter as shipped and pass once the exercise is done.
// They reach the server only through its sockets and its trace, so every
// check compiles before any exercise is done. Where real Redis answers the
// same question, they ask it too (skipped, with the install hint, when
// redis-server is missing).

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
	"onethread/internal/redistest"
)

// Exercise 1: LMPOP, test first, the same as Redis.
func TestExercise1LMPOP(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestSameAsRedisLMPOP")
	srv, _ := startServer(t, config{})
	if reply := dial(t, srv.Addr()).do("LMPOP", "1", "nokey", "LEFT"); strings.HasPrefix(reply, "-ERR unknown command") {
		t.Fatalf("LMPOP is not a command yet (%q): add its row to listCommands in t_list.go, its function, "+
			"and its COMMAND DOCS row (go run ./tools/commanddocs -addr <a real Redis> lmpop), as README.md's exercise 1 says", reply)
	}

	list := cmd("RPUSH", "l", "a", "b", "c", "d")
	runDiff(t, []diffCase{
		commands("pops from the first non-empty list", list,
			cmd("LMPOP", "2", "nokey", "l", "LEFT"), cmd("LMPOP", "2", "nokey", "l", "right", "COUNT", "2"),
			cmd("LMPOP", "1", "l", "LEFT", "COUNT", "10"), cmd("EXISTS", "l"), cmd("LMPOP", "2", "l", "nokey", "LEFT")),
		commands("the key named twice", list, cmd("LMPOP", "2", "l", "l", "RIGHT", "COUNT", "3")),
		commands("wrong type: only a key reached is checked", list, cmd("SET", "s", "v"),
			cmd("LMPOP", "2", "l", "s", "LEFT"), cmd("LMPOP", "2", "s", "l", "LEFT"), cmd("LMPOP", "2", "nokey", "s", "LEFT")),
		commands("numkeys", list, cmd("LMPOP", "0", "l", "LEFT"), cmd("LMPOP", "-1", "l", "LEFT"), cmd("LMPOP", "x", "l", "LEFT"),
			cmd("LMPOP", "2", "l", "LEFT"), cmd("LMPOP", "3", "l", "LEFT"), cmd("LMPOP", "9223372036854775807", "l", "LEFT"),
			cmd("LMPOP", "9223372036854775808", "l", "LEFT"), cmd("LMPOP", "1 ", "l", "LEFT")),
		commands("where and COUNT", list, cmd("LMPOP", "1", "l", "MIDDLE"), cmd("LMPOP", "1", "l", "LEFT", "COUNT"),
			cmd("LMPOP", "1", "l", "LEFT", "COUNT", "0"), cmd("LMPOP", "1", "l", "LEFT", "COUNT", "-1"),
			cmd("LMPOP", "1", "l", "LEFT", "COUNT", "x"), cmd("LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "1"),
			cmd("LMPOP", "1", "l", "LEFT", "LIMIT", "1"), cmd("LMPOP", "1", "l", "left", "count", "1"), cmd("LRANGE", "l", "0", "-1")),
		commands("arity", cmd("LMPOP"), cmd("LMPOP", "1"), cmd("LMPOP", "1", "l")),
		commands("a watched key it pops aborts EXEC", list, cmd("WATCH", "l"), cmd("LMPOP", "1", "l", "LEFT"),
			cmd("MULTI"), cmd("PING"), cmd("EXEC")),
		commands("inside MULTI", list, cmd("MULTI"), cmd("LMPOP", "1", "l", "RIGHT"), cmd("LMPOP", "0", "l", "LEFT"), cmd("EXEC")),
		commands("COMMAND knows it", cmd("COMMAND", "INFO", "lmpop"), cmd("COMMAND", "DOCS", "lmpop")),
	})
}

// Exercise 2: spot the bug, test first: a loop that never stops watching
// for writable.
func TestExercise2WritableInterest(t *testing.T) {
	const name = "TestWritableDroppedWhenRepliesDrain"
	exercise.RequireLearnerTest(t, name)
	const outline = "follow the outline in README.md's exercise 2: a reply far larger than the kernel's socket buffers, " +
		"wait for the trace to say the loop is watching for writable, read the whole reply, then ask CLIENT INFO for events=r"

	// On the chapter as it is, which has no such bug, the test passes.
	run := exec.Command(os.Args[0], "-test.run", "^"+name+"$", "-test.count=1", "-test.timeout=2m", "-test.v")
	out, err := run.CombinedOutput()
	require.NoError(t, err, "%s fails on the chapter as shipped, which has no bug: %s.\n%s", name, outline, out)

	// On the chapter with the bug, it fails. The bug is made in a copy of
	// io.go that go test reads instead of the real one (-overlay).
	src, err := os.ReadFile("io.go")
	require.NoError(t, err)
	const correct = "\tif len(c.out) > 0 {\n\t\twant |= writable\n"
	const buggy = "\tif len(c.out) > 0 || c.events&writable != 0 {\n\t\twant |= writable\n"
	require.Equal(t, 1, strings.Count(string(src), correct),
		"updateInterest in io.go no longer has the line this check turns into the bug: update the check")
	dir := t.TempDir()
	mutant := filepath.Join(dir, "io.go")
	require.NoError(t, os.WriteFile(mutant, []byte(strings.Replace(string(src), correct, buggy, 1)), 0o644))
	ioPath, err := filepath.Abs("io.go")
	require.NoError(t, err)
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {ioPath: mutant}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run = exec.CommandContext(ctx, "go", "test", "-tags", "exercises", "-overlay", filepath.Join(dir, "overlay.json"),
		"-run", "^"+name+"$", "-count=1", "-timeout", "2m", ".")
	out, err = run.CombinedOutput()
	require.Error(t, err, "%s passes on the chapter with the bug (updateInterest keeps writable once the replies have drained, "+
		"so the loop spins): it must fail there; %s.\n%s", name, outline, out)
	require.Contains(t, string(out), "--- FAIL: "+name,
		"%s should fail on the bug by its own assertion, not by a build error or a timeout:\n%s", name, out)
}

// Exercise 3: CLIENT PAUSE, as a time event of the loop. Each behaviour is
// asked of real Redis first, then of ours, on a fresh server each time.
func TestExercise3ClientPause(t *testing.T) {
	srv, _ := startServer(t, config{})
	if reply := dial(t, srv.Addr()).do("CLIENT", "PAUSE", "0"); strings.HasPrefix(reply, "-ERR unknown subcommand") {
		t.Fatalf("CLIENT PAUSE is not a command yet (%q): add CLIENT PAUSE timeout [WRITE|ALL] and CLIENT UNPAUSE, as README.md's exercise 3 says", reply)
	}

	t.Run("replies and errors", func(t *testing.T) {
		runDiff(t, []diffCase{
			commands("errors", cmd("CLIENT", "PAUSE"), cmd("CLIENT", "PAUSE", "x"), cmd("CLIENT", "PAUSE", "-1"),
				cmd("CLIENT", "PAUSE", "1.5"), cmd("CLIENT", "PAUSE", "10", "SOME"), cmd("CLIENT", "PAUSE", "x", "SOME"),
				cmd("CLIENT", "PAUSE", "10", "WRITE", "x"), cmd("CLIENT", "UNPAUSE", "x")),
			commands("a pause of 0, and unpause", cmd("CLIENT", "PAUSE", "0", "write"), cmd("CLIENT", "UNPAUSE"),
				cmd("CLIENT", "UNPAUSE"), cmd("GET", "k")),
			commands("COMMAND knows them", cmd("COMMAND", "INFO", "client|pause", "client|unpause")),
		})
	})

	servers := []struct {
		name  string
		start func(t *testing.T) string
	}{
		{"redis", func(t *testing.T) string { return redistest.Start(t) }},
		{"ours", func(t *testing.T) string { srv, _ := startServer(t, config{}); return srv.Addr() }},
	}
	for _, server := range servers {
		t.Run(server.name+"/WRITE parks writes until CLIENT UNPAUSE, and reads go on", func(t *testing.T) {
			addr := server.start(t)
			pauser, writer, reader := dial(t, addr), dial(t, addr), dial(t, addr)
			require.Equal(t, "+OK\r\n", pauser.do("CLIENT", "PAUSE", "100000", "WRITE"))
			writer.Send(resp("SET", "k", "v"))
			expectNothingHint(t, writer, "a SET was answered during CLIENT PAUSE 100000 WRITE: a write command must wait, "+
				"its client parked (as BLPOP parks one), until the pause ends")
			require.Equal(t, "$-1\r\n", doHint(t, reader, "a GET waited during CLIENT PAUSE WRITE: only writes wait, and the loop "+
				"must go on serving the rest, so never sleep in it", "GET", "k"))
			require.Equal(t, "+OK\r\n", pauser.do("CLIENT", "UNPAUSE"))
			expectHint(t, writer, "+OK\r\n", "CLIENT UNPAUSE must run the parked commands, in the order they came")
			require.Equal(t, "$1\r\nv\r\n", reader.do("GET", "k"))
		})

		t.Run(server.name+"/ALL parks everyone, even CLIENT UNPAUSE, and the clock ends it", func(t *testing.T) {
			addr := server.start(t)
			pauser, other := dial(t, addr), dial(t, addr)
			const pause = 500 * time.Millisecond
			sent := time.Now()
			require.Equal(t, "+OK\r\n", pauser.do("CLIENT", "PAUSE", "500"))
			other.Send(resp("PING"))
			pauser.Send(resp("CLIENT", "UNPAUSE"))
			expectHint(t, other, "+PONG\r\n", "a client paused by CLIENT PAUSE 500 was never answered: nothing woke the loop "+
				"when the pause ended. Its end is a time event: check it in cron, as Redis's serverCron does")
			require.GreaterOrEqual(t, time.Since(sent), pause, "a PING was answered before the 500 ms pause ended")
			expectHint(t, pauser, "+OK\r\n", "CLIENT UNPAUSE waits with everyone else in ALL mode, and runs when the pause ends")
		})

		t.Run(server.name+"/a BLPOP times out on time during a pause", func(t *testing.T) {
			addr := server.start(t)
			pauser, blocked := dial(t, addr), dial(t, addr)
			blocked.Send(resp("BLPOP", "nokey", "0.3"))
			waitForCommand(t, pauser, "blpop")
			require.Equal(t, "+OK\r\n", pauser.do("CLIENT", "PAUSE", "100000"))
			expectHint(t, blocked, "*-1\r\n", "a BLPOP with a 0.3 s timeout, blocked before CLIENT PAUSE 100000, did not time out: "+
				"a pause parks clients, not the loop, whose timers must go on")
		})
	}
}

// waitForCommand asks CLIENT LIST until a client's last command is name,
// so that what follows happens after the server has run it.
func waitForCommand(t *testing.T, c *testConn, name string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(c.do("CLIENT", "LIST"), " cmd="+name+" ") {
		require.True(t, time.Now().Before(deadline), "no client ran %s within 10s", name)
	}
}

// expectHint reads one reply, waiting long enough for a busy machine, and
// requires it to be want; if it is not, hint says what to do.
func expectHint(t *testing.T, c *testConn, want, hint string) {
	t.Helper()
	require.NoError(t, c.Net.SetReadDeadline(time.Now().Add(10*time.Second)))
	got, err := readReply(c.R)
	if err != nil || got != want {
		t.Fatalf("want %q, got %q (%v):\n%s", want, got, err, hint)
	}
}

// doHint sends a command and expects a reply, with hint if none comes.
func doHint(t *testing.T, c *testConn, hint string, args ...string) string {
	t.Helper()
	c.Send(resp(args...))
	require.NoError(t, c.Net.SetReadDeadline(time.Now().Add(10*time.Second)))
	got, err := readReply(c.R)
	require.NoError(t, err, hint)
	return got
}

// expectNothingHint requires that no reply comes within 300 ms, where a
// correct server sends none for far longer.
func expectNothingHint(t *testing.T, c *testConn, hint string) {
	t.Helper()
	require.NoError(t, c.Net.SetReadDeadline(time.Now().Add(300*time.Millisecond)))
	got, err := c.R.ReadByte()
	if err == nil {
		t.Fatalf("got a reply starting with %q:\n%s", got, hint)
	}
}
