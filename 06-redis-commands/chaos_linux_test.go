package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The faults the chaos test injects, each on a connection of its own that
// INCRs a key no other connection touches. sent counts the whole INCRs
// the client wrote, acked those whose reply it read: afterwards the key
// must hold at least acked (an answered INCR happened) and at most sent
// (a request cut short never runs, and nothing else touches the key).
const (
	faultMidRequest  = iota // whole INCRs, then part of one, then close
	faultUnreadReply        // INCRs and large GETs, close before reading all of it
	faultMidReply           // read the INCRs' replies and part of a large one, then close
	faultHalfClose          // INCRs and part of one, shutdown(SHUT_WR), read to the end
	faultKinds
)

var faultNames = [faultKinds]string{"mid-request", "unread reply", "mid-reply", "half-close"}

type faultResult struct {
	key         string
	kind        int
	sent, acked int
	reset       bool // closed with RST rather than FIN
}

// bigValueSize makes a GET's reply larger than a socket buffer, so that a
// client closing mid-reply finds the server in the middle of writing it.
const bigValueSize = 256 << 10

// TestChaos has clients drop their connections at random points in
// requests and replies, closing with FIN or RST, while steady clients go
// on working. The server must keep serving the steady clients, and end
// with exactly the keyspace the completed commands say.
func TestChaos(t *testing.T) {
	srv, _ := startServer(t, config{})
	admin := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", admin.do("SET", "big", strings.Repeat("x", bigValueSize)))
	fdsBefore := openFds(t)

	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	const steadyClients, chaosWorkers, faultsPerWorker = 8, 16, 150
	deadline := time.Now().Add(8 * time.Second)

	var chaos sync.WaitGroup
	results := make([][]faultResult, chaosWorkers)
	failures := make(chan error, steadyClients+chaosWorkers)
	for w := range chaosWorkers {
		chaos.Add(1)
		go func() {
			defer chaos.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for n := 0; n < faultsPerWorker && time.Now().Before(deadline); n++ {
				r, err := injectFault(srv.Addr(), fmt.Sprintf("chaos:%d:%d", w, n), rng)
				if err != nil {
					failures <- err
					return
				}
				results[w] = append(results[w], r)
			}
		}()
	}
	chaosDone := make(chan struct{})
	go func() { chaos.Wait(); close(chaosDone) }()

	var steady sync.WaitGroup
	steadyAcks := make([]int, steadyClients)
	for i := range steadyClients {
		steady.Add(1)
		go func() {
			defer steady.Done()
			n, err := steadyClient(srv.Addr(), "steady:"+strconv.Itoa(i), chaosDone)
			steadyAcks[i] = n
			if err != nil {
				failures <- fmt.Errorf("steady client %d: %w", i, err)
			}
		}()
	}
	steady.Wait()
	<-chaosDone
	close(failures)
	for err := range failures {
		require.NoError(t, err)
	}

	for i, n := range steadyAcks {
		require.Positive(t, n, "steady client %d did no work", i)
		require.Equal(t, bulkInt(n), admin.do("GET", "steady:"+strconv.Itoa(i)), "steady client %d", i)
	}
	var counts [faultKinds]int
	resets, total := 0, 0
	for _, rs := range results {
		for _, r := range rs {
			got := admin.do("GET", r.key)
			v := 0
			if got != "$-1\r\n" {
				v = int(mustInt(t, bulkBody(t, got)))
			}
			require.True(t, r.acked <= v && v <= r.sent, "%s after %s: value %d, %d INCRs sent, %d answered", r.key, faultNames[r.kind], v, r.sent, r.acked)
			counts[r.kind]++
			total++
			if r.reset {
				resets++
			}
		}
	}
	require.Greater(t, total, 100, "too few faults injected to mean anything")
	waitForClients(t, admin, 1)
	require.Equal(t, fdsBefore, openFds(t), "descriptors open before and after the chaos")
	t.Logf("%d faults injected (%s %d, %s %d, %s %d, %s %d; %d closed with RST); %d steady INCRs, all answered and counted",
		total, faultNames[0], counts[0], faultNames[1], counts[1], faultNames[2], counts[2], faultNames[3], counts[3], resets, sum(steadyAcks))
}

// injectFault opens a connection, INCRs key a few times and drops the
// connection in one of the ways above, chosen by rng. An error is a
// failure of the server (a wrong reply); a dropped connection is not.
func injectFault(addr, key string, rng *rand.Rand) (faultResult, error) {
	r := faultResult{key: key, kind: rng.IntN(faultKinds), sent: rng.IntN(5), reset: rng.IntN(2) == 0}
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return r, err
	}
	defer conn.Close()
	if r.reset {
		conn.(*net.TCPConn).SetLinger(0) // close sends RST
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	incr := resp("INCR", key)
	request := strings.Repeat(incr, r.sent)
	cut := incr[:1+rng.IntN(len(incr)-1)] // never the whole request
	gets := strings.Repeat(resp("GET", "big"), 1+rng.IntN(3))
	switch r.kind {
	case faultMidRequest, faultHalfClose:
		request += cut
	case faultUnreadReply, faultMidReply:
		request += gets
	}
	if _, err := conn.Write([]byte(request)); err != nil {
		return r, err
	}
	in := bufio.NewReader(conn)
	readIncrs := func() error {
		for i := 1; i <= r.sent; i++ {
			reply, err := readReply(in)
			if err != nil || reply != ":"+strconv.Itoa(i)+"\r\n" {
				return fmt.Errorf("%s: INCR %d got %q, %v", key, i, reply, err)
			}
			r.acked = i
		}
		return nil
	}
	switch r.kind {
	case faultMidRequest:
		return r, readIncrs()
	case faultUnreadReply:
		_, err := io.CopyN(io.Discard, in, int64(rng.IntN(4096))) // a few bytes at most
		return r, err
	case faultMidReply:
		if err := readIncrs(); err != nil {
			return r, err
		}
		_, err := io.CopyN(io.Discard, in, int64(rng.IntN(bigValueSize)))
		return r, err
	default: // faultHalfClose
		if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
			return r, err
		}
		if err := readIncrs(); err != nil {
			return r, err
		}
		if rest, err := in.ReadString(0); rest != "" || err != io.EOF {
			return r, fmt.Errorf("%s: after the replies, %q and %v instead of the server closing", key, rest, err)
		}
		return r, nil
	}
}

// steadyClient INCRs key and reads big until done is closed, checking each
// reply, and returns how many INCRs were answered.
func steadyClient(addr, key string, done <-chan struct{}) (int, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	in := bufio.NewReader(conn)
	for n := 1; ; n++ {
		select {
		case <-done:
			return n - 1, nil
		default:
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		request := resp("INCR", key)
		if n%16 == 0 {
			request += resp("GET", "big")
		}
		if _, err := conn.Write([]byte(request)); err != nil {
			return n - 1, err
		}
		if reply, err := readReply(in); err != nil || reply != ":"+strconv.Itoa(n)+"\r\n" {
			return n - 1, fmt.Errorf("INCR %d got %q, %v", n, reply, err)
		}
		if n%16 == 0 {
			if reply, err := readReply(in); err != nil || len(reply) != len("$262144\r\n")+bigValueSize+2 {
				return n, fmt.Errorf("GET big: %d bytes, %v", len(reply), err)
			}
		}
	}
}

// waitForClients polls INFO until the server counts want clients: it
// learns that a peer has gone only when it next reads from it. Each INFO
// may wait behind thousands of closes, so it gets longer than do's two
// seconds on a busy machine.
func waitForClients(t *testing.T, admin *testConn, want int) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		got = infoFields(doWithin(admin, 30*time.Second, "INFO", "clients"))["connected_clients"]
		if got == strconv.Itoa(want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("connected_clients is %s, want %d", got, want)
}

// doWithin is c.do with a longer deadline for the reply.
func doWithin(c *testConn, d time.Duration, args ...string) string {
	c.T.Helper()
	c.Send(resp(args...))
	require.NoError(c.T, c.Net.SetReadDeadline(time.Now().Add(d)))
	reply, err := readReply(c.R)
	require.NoError(c.T, err, "reply to %q", args)
	return reply
}

// openFds counts this process's open descriptors, from /proc.
func openFds(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)
	return len(entries)
}

func bulkInt(n int) string {
	s := strconv.Itoa(n)
	return "$" + strconv.Itoa(len(s)) + "\r\n" + s + "\r\n"
}

func sum(ns []int) int {
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}
