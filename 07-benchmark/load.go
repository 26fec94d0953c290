package main

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// loadConfig is one closed-loop run: Clients connections share Requests
// commands; each connection sends Pipeline commands in one write, waits
// for their replies, and only then sends again.
type loadConfig struct {
	Clients  int
	Requests int
	Pipeline int
	Workload workload
	// Cap bounds the run: after it no connection starts a new batch, and
	// the run ends once the batches already sent are answered.
	Cap      time.Duration
	Progress func(done, total int) // called about once a second; may be nil
}

// loadResult is what the load generator saw.
type loadResult struct {
	Sent         int // commands written
	Done         int // replies read, error replies included
	ErrorReplies int // replies that were RESP errors
	Unanswered   int // commands sent on a connection that broke before their reply
	FirstError   string
	Elapsed      time.Duration
	Capped       bool
	Latency      *hdrhistogram.Histogram // nanoseconds
}

// Throughput is replies per second over the whole run.
func (r loadResult) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Done) / r.Elapsed.Seconds()
}

func newLatencyHistogram() *hdrhistogram.Histogram {
	// From 100 ns to 10 minutes, to 3 significant digits: a few hundred
	// kilobytes, whatever the number of samples.
	return hdrhistogram.New(100, int64(10*time.Minute), 3)
}

// runClosedLoop connects every client first, then lets them all start at
// once, so the clock measures serving, not connecting. A connection does
// not wait to be accepted: chapter 01 accepts one connection at a time,
// and the others wait in the kernel's listen backlog with their first
// commands sent, which is what their latency then shows.
func runClosedLoop(addr string, cfg loadConfig) (loadResult, error) {
	conns, err := dialAll(addr, cfg.Clients)
	if err != nil {
		return loadResult{}, err
	}
	var (
		start    = make(chan struct{})
		stopping atomic.Bool
		done     atomic.Int64
		wg       sync.WaitGroup
		results  = make([]connResult, len(conns))
	)
	for i, c := range conns {
		share := cfg.Requests / cfg.Clients
		if i < cfg.Requests%cfg.Clients {
			share++
		}
		wg.Add(1)
		go func(i int, c net.Conn) {
			defer wg.Done()
			defer c.Close() // so that chapter 01 moves on to the next connection
			<-start
			results[i] = serveShare(c, cfg, share, int64(i), &stopping, &done)
		}(i, c)
	}

	began := time.Now()
	for _, c := range conns {
		// A deadline for failure only: the cap, plus time to answer the
		// batches already sent.
		c.SetDeadline(began.Add(cfg.Cap + 30*time.Second))
	}
	capTimer := time.AfterFunc(cfg.Cap, func() { stopping.Store(true) })
	defer capTimer.Stop()
	finished := make(chan struct{})
	go reportProgress(finished, &done, cfg.Requests, cfg.Progress)
	close(start)
	wg.Wait()
	elapsed := time.Since(began)
	close(finished)

	res := loadResult{Elapsed: elapsed, Capped: stopping.Load(), Latency: newLatencyHistogram()}
	for _, r := range results {
		res.Sent += r.sent
		res.Done += r.done
		res.ErrorReplies += r.errorReplies
		res.Unanswered += r.unanswered
		if res.FirstError == "" {
			res.FirstError = r.firstError
		}
		for _, ns := range r.latencies {
			res.Latency.RecordValue(ns)
		}
	}
	return res, nil
}

// connResult is one connection's part of a run.
type connResult struct {
	sent, done               int
	errorReplies, unanswered int
	firstError               string
	latencies                []int64 // nanoseconds, one per reply
}

func serveShare(c net.Conn, cfg loadConfig, share int, seed int64, stopping *atomic.Bool, done *atomic.Int64) connResult {
	res := connResult{latencies: make([]int64, 0, share)}
	cw := cfg.Workload.newWriter(seed)
	r := bufio.NewReaderSize(c, 16<<10)
	var buf []byte
	for res.sent < share && !stopping.Load() {
		n := min(cfg.Pipeline, share-res.sent)
		buf = buf[:0]
		for j := 0; j < n; j++ {
			buf = cw.appendCommand(buf)
		}
		sentAt := time.Now()
		_, err := c.Write(buf)
		res.sent += n
		for j := 0; j < n && err == nil; j++ {
			_, err = readReply(r)
			var er errReply
			if errors.As(err, &er) {
				res.errorReplies++
				res.noteError(err)
				err = nil
			}
			if err == nil {
				res.done++
				res.latencies = append(res.latencies, int64(time.Since(sentAt)))
				done.Add(1)
			}
		}
		if err != nil {
			res.unanswered = res.sent - res.done
			res.noteError(err)
			break
		}
	}
	return res
}

func (r *connResult) noteError(err error) {
	if r.firstError == "" {
		r.firstError = err.Error()
	}
}

// dialAll opens n connections, a few dozen at a time: a burst of
// thousands overflows a slow server's listen backlog.
func dialAll(addr string, n int) ([]net.Conn, error) {
	conns := make([]net.Conn, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for i := range conns {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			conns[i], errs[i] = net.DialTimeout("tcp", addr, 30*time.Second)
		}(i)
	}
	wg.Wait()
	failed := 0
	var first error
	for _, err := range errs {
		if err != nil {
			failed++
			first = cmp.Or(first, err)
		}
	}
	if failed > 0 {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
		return nil, fmt.Errorf("%d of %d connections failed, the first with: %w", failed, n, first)
	}
	return conns, nil
}

func reportProgress(finished <-chan struct{}, done *atomic.Int64, total int, progress func(done, total int)) {
	if progress == nil {
		return
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-finished:
			return
		case <-tick.C:
			progress(int(done.Load()), total)
		}
	}
}

// command sends one inline command on a fresh connection and returns the
// reply's text: GET counter after a run, SET to see whether a server has
// it. The connection is closed at once, which chapter 01 needs before it
// serves anyone else.
func command(addr, line string) (string, error) {
	c, err := net.DialTimeout("tcp", addr, 30*time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := c.Write([]byte(line + "\r\n")); err != nil {
		return "", err
	}
	return readReply(bufio.NewReader(c))
}

// readCounter is the value of the key the incr workload increments.
func readCounter(addr string) (int64, error) {
	s, err := command(addr, "GET counter")
	if err != nil {
		return 0, err
	}
	if s == "" {
		return 0, nil
	}
	return strconv.ParseInt(s, 10, 64)
}

// supportsSet reports whether the server has SET (06 and Redis do; the
// earlier chapters answer only PING, ECHO, INCR, GET and QUIT).
func supportsSet(addr string) (bool, error) {
	reply, err := command(addr, "SET key:0 x")
	var er errReply
	if errors.As(err, &er) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("SET: %w", err)
	}
	return reply == "OK", nil
}
