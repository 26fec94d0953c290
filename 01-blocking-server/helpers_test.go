package main

import (
	"bufio"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// runMainEnv makes the test binary run main() instead of the tests, so a
// test can start the real server as a process of its own (see TestMain).
const runMainEnv = "ONETHREAD_RUN_MAIN"

// waitLong bounds every read that should succeed; a read that is meant to
// time out uses a much shorter deadline of its own.
const waitLong = 5 * time.Second

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startServer serves on a free loopback port in this process and returns
// its address. The server is closed when the test ends.
func startServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(ln)
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	t.Cleanup(func() {
		srv.Close()
		select {
		case err := <-served:
			require.NoError(t, err)
		case <-time.After(waitLong):
			t.Error("Serve did not return after Close")
		}
	})
	return ln.Addr().String()
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, waitLong)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func send(t *testing.T, conn net.Conn, line string) {
	t.Helper()
	require.NoError(t, conn.SetWriteDeadline(time.Now().Add(waitLong)))
	_, err := io.WriteString(conn, line)
	require.NoError(t, err)
}

// expectReply reads exactly len(want) bytes and compares them.
func expectReply(t *testing.T, conn net.Conn, want string) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
	got := make([]byte, len(want))
	_, err := io.ReadFull(conn, got)
	require.NoError(t, err)
	require.Equal(t, want, string(got))
}

// startProcess runs the server as its own process, as `go run` would, and
// returns it with the address it printed. It is killed if the test leaves
// it running.
func startProcess(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = processEnv()
	stdout, w, err := os.Pipe()
	require.NoError(t, err)
	cmd.Stdout, cmd.Stderr = w, os.Stderr
	require.NoError(t, cmd.Start())
	w.Close()
	t.Cleanup(func() {
		stdout.Close()
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})

	require.NoError(t, stdout.SetReadDeadline(time.Now().Add(waitLong)))
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "waiting for the listening line")
	fields := strings.Fields(line)
	require.GreaterOrEqual(t, len(fields), 3, line)
	require.Equal(t, "listening on", fields[0]+" "+fields[1], line)
	return cmd, fields[2]
}

// processEnv is the environment of a server started by a test.
func processEnv() []string {
	env := append(os.Environ(), runMainEnv+"=1")
	if os.Getenv("GORACE") == "" {
		// Under -race the process would otherwise sleep a second as it
		// exits, waiting for race reports from other goroutines.
		env = append(env, "GORACE=atexit_sleep_ms=0")
	}
	return env
}

// waitExit waits for the process to end and returns its exit status.
func waitExit(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	select {
	case <-exited:
		return cmd.ProcessState.ExitCode()
	case <-time.After(waitLong):
		t.Fatal("the server did not exit")
		return -1
	}
}
