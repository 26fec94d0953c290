package nettest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var built struct {
	sync.Once
	path string
	err  error
}

// Binary builds the package under test (the test's working directory)
// once per test run, for the tests that are about the process: its
// threads, its descriptor limit, its memory, its signals.
func Binary(t testing.TB) string {
	t.Helper()
	built.Do(func() {
		dir, err := os.MkdirTemp("", "nettest")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "server")
		if out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v: %s", err, out)
		}
	})
	require.NoError(t, built.err)
	return built.path
}

// Process is the server running as a program of its own.
type Process struct {
	Cmd  *exec.Cmd
	Addr string
}

// StartProcess runs the built server on a free port through bash, so that
// a test can prefix a shell command such as "ulimit -n 32;", waits for the
// line that says where it listens, and kills it when the test ends.
func StartProcess(t testing.TB, shellPrefix string, args ...string) *Process {
	t.Helper()
	script := shellPrefix + ` exec "$0" "$@"`
	cmd := exec.Command("bash", append([]string{"-c", script, Binary(t), "-addr", "127.0.0.1:0"}, args...)...)
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
		io.Copy(io.Discard, stdout) // so that the server never blocks on stdout
	}()
	select {
	case line := <-lines:
		fields := strings.Fields(line)
		require.True(t, len(fields) >= 3 && fields[0] == "listening", "first line: %q", line)
		return &Process{Cmd: cmd, Addr: fields[2]}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not say where it listens")
		return nil
	}
}

// Threads is how many OS threads the process has, from /proc.
func (p *Process) Threads(t testing.TB) int {
	return p.statusField(t, "Threads:")
}

// RSSKiB is the process's resident memory in KiB, from /proc.
func (p *Process) RSSKiB(t testing.TB) int {
	return p.statusField(t, "VmRSS:")
}

func (p *Process) statusField(t testing.TB, name string) int {
	t.Helper()
	skipWithoutProc(t)
	status, err := os.ReadFile("/proc/" + strconv.Itoa(p.Cmd.Process.Pid) + "/status")
	require.NoError(t, err)
	for _, line := range strings.Split(string(status), "\n") {
		if value, ok := strings.CutPrefix(line, name); ok {
			n, err := strconv.Atoi(strings.Fields(value)[0])
			require.NoError(t, err)
			return n
		}
	}
	t.Fatalf("no %s line in /proc status", name)
	return 0
}

// CPUTicks is the process's user plus system CPU time, in clock ticks.
func (p *Process) CPUTicks(t testing.TB) int {
	t.Helper()
	skipWithoutProc(t)
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(p.Cmd.Process.Pid) + "/stat")
	require.NoError(t, err)
	// The fields after the command name, which is in parentheses.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+2:]))
	utime, err := strconv.Atoi(fields[11])
	require.NoError(t, err)
	stime, err := strconv.Atoi(fields[12])
	require.NoError(t, err)
	return utime + stime
}

// skipWithoutProc skips a test that reads a process's figures from /proc,
// which macOS and the BSDs do not have (or not in Linux's format).
func skipWithoutProc(t testing.TB) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/PID/status and /proc/PID/stat, which only Linux has")
	}
}
