package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// TestSoak10000Connections holds 10,000 connections to the server, a
// program of its own, and has every one send commands, in rounds, for a
// few seconds: every reply must be right, and once they have gone the
// server must hold the descriptors it held before and about the memory.
//
// The race detector allows 8,128 live goroutines, so the connections are
// driven by four goroutines, each writing a request on each of its
// connections and then reading the replies: every connection has a
// request in flight at once, as with 10,000 independent clients.
func TestSoak10000Connections(t *testing.T) {
	const conns, drivers = 10000, 4
	if testing.Short() {
		t.Skip("-short: the soak takes about 15 s")
	}
	// The test and the server each hold 10,000 sockets. Go raises a
	// program's soft descriptor limit to the hard one when it starts
	// (os/rlimit.go), so the hard limit is what counts.
	var limit syscall.Rlimit
	require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &limit))
	if limit.Cur < conns+200 {
		t.Skipf("the soak needs %d descriptors and the limit is %d (soft) and %d (hard): raise it with ulimit -Hn as root", conns+200, limit.Cur, limit.Max)
	}

	p := nettest.StartProcess(t, "", "-maxclients", strconv.Itoa(conns+10))
	admin := dial(t, p.Addr)
	require.Equal(t, "+PONG\r\n", admin.do("PING"))
	fdsBefore, rssBefore := processFds(t, p), p.RSSKiB(t)

	fig := soakWave(t, p, admin, conns, drivers)
	fdsAfter, rssAfter := processFds(t, p), p.RSSKiB(t)
	t.Logf("%d connections held at once; %d commands answered correctly; server descriptors %d before, %d held, %d after; RSS %d KiB before, %d held, %d after",
		conns, fig.commands, fdsBefore, fig.fdsHeld, fdsAfter, rssBefore, fig.rssHeld, rssAfter)
	require.GreaterOrEqual(t, fig.fdsHeld, fdsBefore+conns)
	require.Equal(t, fdsBefore, fdsAfter, "descriptors leaked")
	// What stays is the 10,000 counters, and heap the Go runtime keeps
	// once grown: it returns freed memory to the kernel only bit by bit
	// (runtime/mgcscavenge.go), and collects only as the heap grows. A
	// client that kept a buffer (16 KiB to read, 4 MiB to reply) or even
	// its own small state after leaving would pass a KiB a connection.
	require.Less(t, rssAfter-rssBefore, conns, "KiB of RSS kept after %d connections left", conns)
}

type waveFigures struct {
	commands, fdsHeld, rssHeld int
}

// soakWave connects conns clients, has them INCR their counters in
// rounds for three seconds (and at least two rounds), and closes them.
func soakWave(t *testing.T, p *nettest.Process, admin *testConn, conns, drivers int) waveFigures {
	var fig waveFigures
	clients := make([][]net.Conn, drivers)
	defer func() {
		for _, cs := range clients {
			for _, c := range cs {
				c.Close()
			}
		}
	}()
	failures := make(chan error, drivers)
	var wg sync.WaitGroup
	for d := range drivers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range conns / drivers {
				conn, err := net.DialTimeout("tcp", p.Addr, 30*time.Second)
				if err != nil {
					failures <- err
					return
				}
				clients[d] = append(clients[d], conn)
			}
		}()
	}
	wg.Wait()
	require.Empty(t, failures)
	// A dial returns once the kernel has queued the connection; the
	// server may not have accepted the last ones yet.
	waitForClients(t, admin, conns+1)
	fig.fdsHeld, fig.rssHeld = processFds(t, p), p.RSSKiB(t)

	rounds := make([]int, drivers)
	until := time.Now().Add(3 * time.Second)
	for d := range drivers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			readers := make([]*bufio.Reader, len(clients[d]))
			for i, c := range clients[d] {
				readers[i] = bufio.NewReaderSize(c, 64)
			}
			for round := 1; round <= 2 || time.Now().Before(until); round++ {
				if err := soakRound(clients[d], readers, d, round); err != nil {
					failures <- err
					return
				}
				rounds[d] = round
			}
		}()
	}
	wg.Wait()
	close(failures)
	for err := range failures {
		require.NoError(t, err)
	}
	for _, r := range rounds {
		fig.commands += r * conns / drivers
	}
	for _, cs := range clients {
		for _, c := range cs {
			c.Close()
		}
	}
	waitForClients(t, admin, 1)
	return fig
}

// soakRound writes one INCR on every connection, then reads every reply:
// connection i's counter must have reached round.
func soakRound(conns []net.Conn, readers []*bufio.Reader, driver, round int) error {
	deadline := time.Now().Add(30 * time.Second)
	for i, c := range conns {
		c.SetDeadline(deadline)
		if _, err := c.Write([]byte(resp("INCR", fmt.Sprintf("soak:%d:%d", driver, i)))); err != nil {
			return fmt.Errorf("connection %d of driver %d, round %d: %w", i, driver, round, err)
		}
	}
	want := ":" + strconv.Itoa(round) + "\r\n"
	for i, r := range readers {
		if reply, err := readReply(r); err != nil || reply != want {
			return fmt.Errorf("connection %d of driver %d, round %d: got %q, %v, want %q", i, driver, round, reply, err, want)
		}
	}
	return nil
}

// processFds counts the server's open descriptors, from /proc.
func processFds(t *testing.T, p *nettest.Process) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/" + strconv.Itoa(p.Cmd.Process.Pid) + "/fd")
	require.NoError(t, err)
	return len(entries)
}
