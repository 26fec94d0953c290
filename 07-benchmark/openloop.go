package main

import (
	"bufio"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// openConfig is one open-loop run, as wrk2 makes them: Requests commands
// on a fixed schedule, Rate a second in all, dealt round-robin over
// Clients connections. A connection sends each command when it falls due,
// whether or not the replies to earlier ones have come back.
type openConfig struct {
	Clients  int
	Requests int
	Rate     float64 // offered load: requests per second, all connections together
	Workload workload
	Cap      time.Duration // give up on replies this long after the last is due
}

// openResult is one step of the ladder.
type openResult struct {
	Offered  float64 // requests per second asked for
	Achieved float64 // replies per second that came back
	Sent     int
	Done     int
	Errors   int // error replies, and requests never answered
	Elapsed  time.Duration
	// Latency runs from when each request was due to when its reply was
	// read, so a stall counts against every request that should have been
	// sent during it, not just the one the server was busy with
	// (coordinated omission; see README.md).
	Latency *hdrhistogram.Histogram
	// SendLag runs from when a request was due to when it was written: the
	// load generator's own lateness. If it is large, the client, not the
	// server, set the latency.
	SendLag *hdrhistogram.Histogram
}

// dueTime is when request k of the run falls due.
func dueTime(began time.Time, k int, rate float64) time.Time {
	return began.Add(time.Duration(float64(k) / rate * float64(time.Second)))
}

func runOpenLoop(addr string, cfg openConfig) (openResult, error) {
	conns, err := dialAll(addr, cfg.Clients)
	if err != nil {
		return openResult{}, err
	}
	// A moment ahead, so that the first requests are not already late
	// while the writers start.
	began := time.Now().Add(10 * time.Millisecond)
	last := dueTime(began, cfg.Requests-1, cfg.Rate)
	var (
		wg      sync.WaitGroup
		results = make([]openConnResult, len(conns))
	)
	for i, c := range conns {
		c.SetDeadline(last.Add(cfg.Cap))
		wg.Add(1)
		go func(i int, c net.Conn) {
			defer wg.Done()
			defer c.Close()
			results[i] = runSchedule(c, cfg, began, i)
		}(i, c)
	}
	wg.Wait()

	res := openResult{Offered: cfg.Rate, Latency: newLatencyHistogram(), SendLag: newLatencyHistogram()}
	var end time.Time
	for _, r := range results {
		res.Sent += r.sent
		res.Done += r.done
		res.Errors += r.errors
		if r.lastReply.After(end) {
			end = r.lastReply
		}
		for _, ns := range r.latencies {
			res.Latency.RecordValue(ns)
		}
		for _, ns := range r.lags {
			res.SendLag.RecordValue(ns)
		}
	}
	if res.Elapsed = end.Sub(began); res.Elapsed > 0 {
		res.Achieved = float64(res.Done) / res.Elapsed.Seconds()
	}
	return res, nil
}

type openConnResult struct {
	sent, done, errors int
	latencies, lags    []int64 // nanoseconds
	lastReply          time.Time
}

// runSchedule drives one connection: a writer that sends request k at its
// due time (every request of this connection that is due, in one write),
// and this goroutine reading the replies in order, each measured from the
// due time the writer handed over with it.
func runSchedule(c net.Conn, cfg openConfig, began time.Time, first int) openConnResult {
	var mine []int // the requests this connection sends: first, first+Clients, …
	for k := first; k < cfg.Requests; k += cfg.Clients {
		mine = append(mine, k)
	}
	res := openConnResult{latencies: make([]int64, 0, len(mine))}
	dues := make(chan time.Time, len(mine)) // never blocks the writer
	var (
		writerSent atomic.Int64
		writerDone sync.WaitGroup
		lags       = make([]int64, 0, len(mine)) // the writer's until writerDone
	)
	writerDone.Add(1)
	go func() {
		defer writerDone.Done()
		defer close(dues)
		cw := cfg.Workload.newWriter(int64(first))
		var buf []byte
		for next := 0; next < len(mine); {
			due := dueTime(began, mine[next], cfg.Rate)
			if wait := time.Until(due); wait > 0 {
				time.Sleep(wait)
			}
			now := time.Now()
			buf = buf[:0]
			batch := next
			for ; next < len(mine) && !dueTime(began, mine[next], cfg.Rate).After(now); next++ {
				buf = cw.appendCommand(buf)
				lags = append(lags, int64(now.Sub(dueTime(began, mine[next], cfg.Rate))))
			}
			if _, err := c.Write(buf); err != nil {
				return
			}
			for ; batch < next; batch++ {
				dues <- dueTime(began, mine[batch], cfg.Rate)
			}
			writerSent.Store(int64(next))
		}
	}()

	r := bufio.NewReaderSize(c, 16<<10)
	for due := range dues {
		_, err := readReply(r)
		var er errReply
		if err != nil && !errors.As(err, &er) {
			c.Close() // unblocks the writer; what was not answered is an error
			break
		}
		if err != nil {
			res.errors++
		}
		res.lastReply = time.Now()
		res.latencies = append(res.latencies, int64(res.lastReply.Sub(due)))
		res.done++
	}
	writerDone.Wait()
	res.lags = lags
	res.sent = int(writerSent.Load())
	res.errors += res.sent - res.done
	return res
}
