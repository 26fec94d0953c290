package main

import (
	"bufio"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// stallingServer answers PING, but holds its first reply back for stall:
// a server stuck on one request. It counts in queued the requests that
// had arrived, behind the one it was answering, by the time it answered.
func stallingServer(t *testing.T, stall time.Duration, queued *atomic.Int64) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				for first := true; ; first = false {
					if _, err := r.ReadString('\n'); err != nil {
						return
					}
					if first {
						time.Sleep(stall) // the stall under test, not synchronisation
					}
					if r.Buffered() > 0 {
						queued.Add(1)
					}
					if _, err := c.Write([]byte("+PONG\r\n")); err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// TestOpenLoopCountsTheStallForEveryScheduledRequest: 50 requests are due
// 1 ms apart on one connection, and the server sits on the first for
// 200 ms. No reply can come before the stall ends, 200 ms after the first
// request was due, so request k, due k ms in, waits at least 200-k ms:
// every one of them, not only the first, at least 151 ms. The bound holds
// however slow the machine is; a slower machine only adds to it.
func TestOpenLoopCountsTheStallForEveryScheduledRequest(t *testing.T) {
	const stall = 200 * time.Millisecond
	addr := stallingServer(t, stall, new(atomic.Int64))
	res, err := runOpenLoop(addr, openConfig{
		Clients: 1, Requests: 50, Rate: 1000, Workload: workload{Name: "ping"}, Cap: time.Minute,
	})
	require.NoError(t, err)
	require.Equal(t, 50, res.Sent)
	require.Equal(t, 50, res.Done)
	require.Zero(t, res.Errors)
	require.Equal(t, int64(50), res.Latency.TotalCount())
	// The request due last, at 49 ms, waited out the rest of the stall too:
	// at least 151 ms. The histogram keeps 3 significant digits, so its
	// smallest value may read up to 0.1% low: the bound is 150 ms.
	require.GreaterOrEqual(t, res.Latency.Min(), int64(150*time.Millisecond),
		"the request due last waited out the rest of the stall too")
	require.GreaterOrEqual(t, res.Latency.ValueAtQuantile(50), int64(stall-25*time.Millisecond))
}

// TestClosedLoopCountsTheStallOnce is the contrast: the same server and
// requests, sent closed loop. The client sends the next request only once
// the last reply is in, so no request ever waits behind another at the
// server: the stall delays one request, and one latency records it.
func TestClosedLoopCountsTheStallOnce(t *testing.T) {
	const stall = 200 * time.Millisecond
	var queued atomic.Int64
	addr := stallingServer(t, stall, &queued)
	res, err := runClosedLoop(addr, loadConfig{
		Clients: 1, Requests: 50, Pipeline: 1, Workload: workload{Name: "ping"}, Cap: time.Minute,
	})
	require.NoError(t, err)
	require.Equal(t, 50, res.Done)
	require.GreaterOrEqual(t, res.Latency.Max(), int64(stall))
	require.Zero(t, queued.Load(), "a closed-loop client never has a second request waiting")
}
