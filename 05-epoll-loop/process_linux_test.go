package main

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// The tests in this file read the server's threads and CPU time from /proc,
// and lower its descriptor limit with ulimit: Linux only.

func TestThousandsOfClientsOneThread(t *testing.T) {
	p := nettest.StartProcess(t, "")
	const clients, incrs = 2000, 50
	idleThreads := p.Threads(t)

	conns := make([]*client, clients)
	for i := range conns {
		conns[i] = dial(t, p.Addr)
	}
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	allConnected := make(chan struct{})
	var firstDone sync.WaitGroup
	firstDone.Add(clients)
	for _, c := range conns {
		wg.Add(1)
		go func(c *client) {
			defer wg.Done()
			errs <- incrMany(c, incrs, &firstDone, allConnected)
		}(c)
	}
	firstDone.Wait() // every client has been served once and is still open
	busyThreads := p.Threads(t)
	close(allConnected)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	check := dial(t, p.Addr)
	check.Send("GET counter\r\n")
	check.Expect("$6\r\n100000\r\n")
	t.Logf("OS threads: %d idle, %d with %d clients connected", idleThreads, busyThreads, clients)
	// The Go runtime may start a few threads for the garbage collector
	// as the heap grows; one per client would be 2,000.
	require.LessOrEqual(t, busyThreads, idleThreads+4)
}

// incrMany sends n INCRs on c, one at a time, and checks every reply is a
// number. After the first it reports in, and waits until all have.
func incrMany(c *client, n int, firstDone *sync.WaitGroup, allConnected chan struct{}) error {
	c.Net.SetDeadline(time.Now().Add(60 * time.Second))
	for i := range n {
		if _, err := c.Net.Write([]byte("INCR counter\r\n")); err != nil {
			return err
		}
		line, err := c.R.ReadString('\n')
		if err != nil {
			return err
		}
		if line[0] != ':' {
			return fmt.Errorf("reply %q", line)
		}
		if i == 0 {
			firstDone.Done()
			<-allConnected
		}
	}
	return nil
}

func TestOutOfFileDescriptorsDoesNotSpin(t *testing.T) {
	// With 32 descriptors the server runs out after about 25 clients.
	// The Go runtime raises the soft limit to the hard one at start, so
	// ulimit lowers both.
	p := nettest.StartProcess(t, "ulimit -n 32;")
	var served, waiting []*client
	for range 40 {
		c := dial(t, p.Addr) // the kernel completes the handshake either way
		c.Send("PING\r\n")
		// Once one client waits, the server is out of descriptors, and
		// every later one waits behind it.
		if len(waiting) == 0 && c.replied(300*time.Millisecond) {
			served = append(served, c)
		} else {
			waiting = append(waiting, c)
		}
	}
	require.NotEmpty(t, served)
	require.NotEmpty(t, waiting, "the server should have run out of descriptors")

	// A second with clients waiting in the backlog: a loop retrying
	// accept4 at once would burn the whole second (100 ticks).
	before := p.CPUTicks(t)
	served[0].Send("PING\r\n")
	served[0].Expect("+PONG\r\n")
	waiting[0].ExpectNothing(time.Second)
	spent := p.CPUTicks(t) - before
	t.Logf("CPU ticks in one second with %d clients waiting: %d", len(waiting), spent)
	require.Less(t, spent, 20)

	// Freeing descriptors lets the waiting clients in.
	for _, c := range served[:min(len(served), len(waiting)+1)] {
		c.Net.Close()
	}
	for _, c := range waiting {
		c.Expect("+PONG\r\n")
	}
}

// replied reports whether a PONG arrives within d.
func (c *client) replied(d time.Duration) bool {
	c.Net.SetReadDeadline(time.Now().Add(d))
	line, err := c.R.ReadString('\n')
	return err == nil && line == "+PONG\r\n"
}
