package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// loadClients INCR keys load:0 to load:n-1, one client each, until the
// server closes their connections. acked[i] is the last value client i
// was answered; an error is a wrong reply, or a connection the server
// never closed.
type loadClients struct {
	acked    []atomic.Int64
	wg       sync.WaitGroup
	failures chan error
}

func startLoad(addr string, n int) *loadClients {
	l := &loadClients{acked: make([]atomic.Int64, n), failures: make(chan error, n)}
	for i := range n {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			if err := l.run(addr, i); err != nil {
				l.failures <- fmt.Errorf("load client %d: %w", i, err)
			}
		}()
	}
	return l
}

func (l *loadClients) run(addr string, i int) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	in := bufio.NewReader(conn)
	request := []byte(resp("INCR", "load:"+strconv.Itoa(i)))
	for n := int64(1); ; n++ {
		conn.SetDeadline(time.Now().Add(20 * time.Second))
		if _, err := conn.Write(request); err != nil {
			return closedByServer(err)
		}
		reply, err := readReply(in)
		if err != nil {
			return closedByServer(err)
		}
		if reply != ":"+strconv.FormatInt(n, 10)+"\r\n" {
			return fmt.Errorf("INCR %d got %q", n, reply)
		}
		l.acked[i].Store(n)
	}
}

// closedByServer is nil for the ways a connection ends when the server
// closes it, and err for anything else, such as a deadline passing.
func closedByServer(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return nil
	}
	return err
}

// waitAcked waits until every client has been answered at least n times.
func (l *loadClients) waitAcked(t *testing.T, n int64) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		done := true
		for i := range l.acked {
			done = done && l.acked[i].Load() >= n
		}
		if done {
			return
		}
	}
	t.Fatalf("the load clients were not answered %d times each", n)
}

// checkAckedInMemory reads every counter with another client: each holds
// at least what its client has been told.
func (l *loadClients) checkAckedInMemory(t *testing.T, addr string) {
	t.Helper()
	reader := dial(t, addr)
	defer reader.Net.Close()
	for i := range l.acked {
		acked := l.acked[i].Load()
		value := mustInt(t, bulkBody(t, doWithin(reader, 10*time.Second, "GET", "load:"+strconv.Itoa(i))))
		require.GreaterOrEqual(t, value, acked, "load:%d", i)
	}
}

// finish waits for every load client to see its connection closed.
func (l *loadClients) finish(t *testing.T) int64 {
	t.Helper()
	done := make(chan struct{})
	go func() { l.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("load clients still connected 30 s after the server stopped")
	}
	close(l.failures)
	for err := range l.failures {
		require.NoError(t, err)
	}
	var total int64
	for i := range l.acked {
		total += l.acked[i].Load()
	}
	return total
}

// TestSIGTERMUnderLoad signals the server, a program of its own, while
// clients INCR as fast as they can: it must close them all and exit with
// status 0, and until then keep every write it acknowledged.
func TestSIGTERMUnderLoad(t *testing.T) {
	p := nettest.StartProcess(t, "")
	load := startLoad(p.Addr, 16)
	load.waitAcked(t, 50)
	load.checkAckedInMemory(t, p.Addr)
	require.NoError(t, p.Cmd.Process.Signal(syscall.SIGTERM))
	total := load.finish(t)
	exited := make(chan error, 1)
	go func() { exited <- p.Cmd.Wait() }()
	select {
	case err := <-exited:
		require.NoError(t, err, "exit status after SIGTERM")
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not exit 10 s after SIGTERM")
	}
	t.Logf("SIGTERM after %d INCRs answered to 16 clients: exit status 0", total)
}

// TestStopUnderLoadLeavesNothing stops the server in this process, as
// SIGTERM's handler does, under the same load: Serve must return, and
// leave no goroutine and no descriptor behind.
func TestStopUnderLoadLeavesNothing(t *testing.T) {
	goroutinesBefore, fdsBefore := runtime.NumGoroutine(), openFds(t)
	srv, err := newServer(config{addr: "127.0.0.1:0", maxClients: 100, databases: 16, hz: 10, maxBulk: defaultMaxBulkBytes, queryBufferLimit: defaultQueryBufferLimit})
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()

	load := startLoad(srv.Addr(), 16)
	load.waitAcked(t, 50)
	load.checkAckedInMemory(t, srv.Addr())
	srv.Stop()
	select {
	case err := <-served:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return 10 s after Stop")
	}
	load.finish(t)

	// The test's own goroutines (dial's cleanup, the runtime's) may take
	// a moment to end after their connections close.
	for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > goroutinesBefore && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutinesBefore {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after:\n%s", goroutinesBefore, n, buf[:runtime.Stack(buf, true)])
	}
	require.Equal(t, fdsBefore, openFds(t), "descriptors before and after")
}
