package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// startServer runs the loop in this process on a free port and stops it
// when the test ends. The trace goes to the returned buffer.
func startServer(t *testing.T, cfg config) (*server, *traceBuffer) {
	t.Helper()
	trace := newTraceBuffer()
	cfg.addr = "127.0.0.1:0"
	cfg.trace = trace
	if cfg.maxClients == 0 {
		cfg.maxClients = 10000
	}
	if cfg.hz == 0 {
		cfg.hz = 10
	}
	if cfg.databases == 0 {
		cfg.databases = 16
	}
	if cfg.maxBulk == 0 {
		cfg.maxBulk = defaultMaxBulkBytes
	}
	srv, err := newServer(cfg)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	t.Cleanup(func() {
		srv.Stop()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after Stop")
		}
	})
	return srv, trace
}

// testConn is one test connection, with a deadline on every read.
type testConn struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

func dial(t *testing.T, addr string) *testConn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return &testConn{t: t, conn: conn, r: bufio.NewReader(conn)}
}

func (c *testConn) send(s string) {
	c.t.Helper()
	_, err := c.conn.Write([]byte(s))
	require.NoError(c.t, err)
}

// expect reads exactly len(want) bytes within two seconds.
func (c *testConn) expect(want string) {
	c.t.Helper()
	require.NoError(c.t, c.conn.SetReadDeadline(time.Now().Add(2*time.Second)))
	got := make([]byte, len(want))
	_, err := io.ReadFull(c.r, got)
	require.NoError(c.t, err, "waiting for %q", want)
	require.Equal(c.t, want, string(got))
}

// expectClosed reads until the server closes the connection.
func (c *testConn) expectClosed() {
	c.t.Helper()
	require.NoError(c.t, c.conn.SetReadDeadline(time.Now().Add(3*time.Second)))
	rest, err := c.r.ReadString(0)
	require.Empty(c.t, rest)
	require.True(c.t, err != nil && !isTimeout(err), "want the server to close, got %v", err)
}

func isTimeout(err error) bool {
	netErr, ok := err.(net.Error)
	return ok && netErr.Timeout()
}

// traceBuffer collects -trace output from the loop's goroutine and lets a
// test wait until a line shows up, without polling on a timer.
type traceBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{}
}

func newTraceBuffer() *traceBuffer {
	return &traceBuffer{written: make(chan struct{}, 1)}
}

func (b *traceBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case b.written <- struct{}{}:
	default:
	}
	return b.buf.Write(p)
}

func (b *traceBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the trace contains text, or fails after d.
func (b *traceBuffer) waitFor(t *testing.T, text string, d time.Duration) {
	t.Helper()
	b.waitForCount(t, text, 1, d)
}

// waitForCount waits until text appears n times in the trace.
func (b *traceBuffer) waitForCount(t *testing.T, text string, n int, d time.Duration) {
	t.Helper()
	timeout := time.After(d)
	for strings.Count(b.String(), text) < n {
		select {
		case <-b.written:
		case <-timeout:
			t.Fatalf("trace never showed %q", text)
		}
	}
}

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// binary builds this chapter once, for the tests that are about the
// process: its threads, its file descriptor limit, its signals.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "06-redis-commands")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "server")
		out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = &buildError{err, string(out)}
		}
	})
	require.NoError(t, buildOnce.err)
	return buildOnce.path
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// process is the server running as its own program.
type process struct {
	cmd  *exec.Cmd
	addr string
}

// startProcess runs the built server through bash, so that a test can
// prefix a shell command such as "ulimit -n 32", and waits for the line
// that says where it listens.
func startProcess(t *testing.T, shellPrefix string, args ...string) *process {
	t.Helper()
	script := shellPrefix + ` exec "$0" "$@"`
	cmd := exec.Command("bash", append([]string{"-c", script, binary(t), "-addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		// Keep draining, so that the server never blocks on stdout.
		io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-lines:
		fields := strings.Fields(line)
		require.True(t, len(fields) >= 3 && fields[0] == "listening", "first line: %q", line)
		return &process{cmd: cmd, addr: fields[2]}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not say where it listens")
		return nil
	}
}

// do sends one command and returns its whole reply, read by the RESP
// grammar: one line, or a bulk, or an array of those.
func (c *testConn) do(args ...string) string {
	c.t.Helper()
	c.send(resp(args...))
	require.NoError(c.t, c.conn.SetReadDeadline(time.Now().Add(2*time.Second)))
	reply, err := readReply(c.r)
	require.NoError(c.t, err, "reply to %q", args)
	return reply
}

// readReply reads one RESP2 reply and returns its raw bytes.
func readReply(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return line, err
	}
	switch line[0] {
	case '$':
		n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
		if err != nil || n < 0 {
			return line, err
		}
		body := make([]byte, n+2)
		_, err = io.ReadFull(r, body)
		return line + string(body), err
	case '*':
		n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
		if err != nil {
			return line, err
		}
		for range n {
			elem, err := readReply(r)
			line += elem
			if err != nil {
				return line, err
			}
		}
	}
	return line, nil
}

// lastAcceptedFd finds the newest client's descriptor in the trace.
func lastAcceptedFd(t *testing.T, trace *traceBuffer) int {
	t.Helper()
	trace.waitFor(t, "accept fd ", time.Second)
	out := trace.String()
	line := out[strings.LastIndex(out, "accept fd ")+len("accept fd "):]
	fd, err := strconv.Atoi(line[:strings.IndexByte(line, ' ')])
	require.NoError(t, err)
	return fd
}
