package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// clients is how many clients the concurrency tests hold open at once:
// enough that serving them one after another, or on a few threads only,
// would show; few enough to stay quick on a small machine.
const clients = 200

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

// Two clients share the counters. They take turns here, each waiting for
// its reply: sent at the same moment, INCRs can be lost (chapter 03).
func TestClientsShareCounters(t *testing.T) {
	addr := startServer(t)
	a, b := dial(t, addr), dial(t, addr)
	send(t, a, "INCR hits\r\n")
	expectReply(t, a, ":1\r\n")
	send(t, b, "INCR hits\r\n")
	expectReply(t, b, ":2\r\n")
	send(t, a, "GET hits\r\n")
	expectReply(t, a, "$1\r\n2\r\n")
}

func TestManyClientsAnsweredWhileAllOpen(t *testing.T) {
	conns := openClients(t, startServer(t), clients)
	// Every client sends before any reads, so a server that served
	// clients one after another would leave all but one unanswered.
	for _, conn := range conns {
		send(t, conn, "PING\r\n")
	}
	for _, conn := range conns {
		expectReply(t, conn, "+PONG\r\n")
	}
}

func TestOSThreadsOnePerClient(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the thread count from /proc, which only Linux has")
	}
	for _, osThreads := range []bool{false, true} {
		t.Run(fmt.Sprintf("os-threads=%v", osThreads), func(t *testing.T) {
			cmd, addr := startProcess(t, "-addr", "127.0.0.1:0", fmt.Sprintf("-os-threads=%v", osThreads))
			// Each reply proves that client's handler is running, and
			// with -os-threads, that it has locked its thread.
			for _, conn := range openClients(t, addr, clients) {
				send(t, conn, "PING\r\n")
				expectReply(t, conn, "+PONG\r\n")
			}
			threads := threadCount(t, cmd.Process.Pid)
			t.Logf("%d clients, %d OS threads", clients, threads)
			if osThreads {
				require.GreaterOrEqual(t, threads, clients)
			} else {
				// The runtime multiplexes the goroutines over a few threads.
				require.Less(t, threads, clients)
			}
		})
	}
}

func TestSIGTERMClosesClientsAndExitsZero(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no SIGTERM to send")
	}
	cmd, addr := startProcess(t, "-addr", "127.0.0.1:0")
	conns := openClients(t, addr, 2)
	for _, conn := range conns {
		send(t, conn, "PING\r\n")
		expectReply(t, conn, "+PONG\r\n")
	}

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	for _, conn := range conns {
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(waitLong)))
		_, err := conn.Read(make([]byte, 1))
		require.ErrorIs(t, err, io.EOF, "the server should close every client")
	}
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

func openClients(t *testing.T, addr string, n int) []net.Conn {
	t.Helper()
	conns := make([]net.Conn, n)
	for i := range conns {
		conns[i] = dial(t, addr)
	}
	return conns
}

// threadCount reads the number of OS threads of a process from the
// Threads: line of /proc/<pid>/status.
func threadCount(t *testing.T, pid int) int {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(t, err)
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		if value, ok := strings.CutPrefix(sc.Text(), "Threads:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			require.NoError(t, err)
			return n
		}
	}
	t.Fatal("no Threads: line in /proc/<pid>/status")
	return 0
}
