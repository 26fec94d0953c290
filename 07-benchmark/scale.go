package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// runScale is the C10K experiment: for each server, connections that
// each send one PING and then stay open, in growing numbers, and at each
// level the server's memory and threads and a probe connection's PING
// latency. A design that cannot go on stops there, and its row says why.
func (h *harness) runScale(specs []serverSpec) {
	for _, spec := range specs {
		if spec.OneAtATime {
			h.note("01: left out of -scale: it serves one connection at a time, so a second one, the probe, would wait for ever")
			continue
		}
		series := scaleSeries{ID: spec.ID, Design: spec.Design}
		if err := h.scale(spec, &series); err != nil {
			series.Stopped = err.Error()
		}
		h.rep.Scale = append(h.rep.Scale, series)
	}
}

// probePings is how many PINGs the probe sends, one at a time, at each
// level: enough for a p99 that is not one sample's luck.
const probePings = 1000

func (h *harness) scale(spec serverSpec, series *scaleSeries) error {
	var held []net.Conn
	// Deferred first, so it runs last: the server closes its end first,
	// and the sockets waiting out TIME_WAIT are the server's, not our
	// ephemeral ports.
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	srv, err := h.start(spec)
	if err != nil {
		return err
	}
	defer srv.Stop()

	probe, err := net.DialTimeout("tcp", srv.Addr, 30*time.Second)
	if err != nil {
		return err
	}
	defer probe.Close()
	if _, err := probeP99(probe, probePings); err != nil { // warms both sides up
		return err
	}
	base, err := readStatus(srv.Pid())
	if err != nil {
		return err
	}
	series.BaseRSSKiB, series.BaseThreads = base.RSSKiB, base.Threads

	for _, level := range h.opts.Conns {
		h.logf("[%s] opening connections %d to %d", spec.ID, len(held)+1, level)
		began := time.Now()
		more, err := openIdle(srv.Addr, level-len(held))
		held = append(held, more...)
		if err != nil && srv.exitsWithin(5*time.Second) {
			return fmt.Errorf("the server died at about %d connections: %s", len(held), srv.Reason())
		}
		if err != nil {
			if said := srv.stderr.String(); said != "" {
				return fmt.Errorf("at %d connections: %v; the server wrote: %s", len(held), err, srv.Reason())
			}
			return fmt.Errorf("at %d connections: %v", len(held), err)
		}
		opened := time.Since(began)
		st, err := readStatus(srv.Pid())
		if err != nil {
			return err
		}
		p99, err := probeP99(probe, probePings)
		if err != nil {
			return fmt.Errorf("probe at %d connections: %v", level, err)
		}
		row := scaleRow{Conns: level, RSSKiB: st.RSSKiB, Threads: st.Threads, ProbeP99Micros: p99,
			BytesPerConn: float64(st.RSSKiB-base.RSSKiB) * 1024 / float64(level), OpenSeconds: opened.Seconds()}
		series.Levels = append(series.Levels, row)
		h.logf("[%s]   %d connections: %.0f bytes each, %d threads, probe p99 %.0f µs",
			spec.ID, level, row.BytesPerConn, row.Threads, p99)
	}
	return nil
}

// openIdle opens n connections, a few dozen at a time; each sends PING
// and reads PONG, so the server has accepted it and read from it, and is
// then left idle. It returns the connections that made it, and the first
// error.
func openIdle(addr string, n int) ([]net.Conn, error) {
	var (
		mu    sync.Mutex
		conns = make([]net.Conn, 0, n)
		errs  []error
		wg    sync.WaitGroup
		sem   = make(chan struct{}, 32)
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c, err := pingOnce(addr)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			conns = append(conns, c)
		}()
		mu.Lock()
		failed := len(errs) > 0
		mu.Unlock()
		if failed {
			break
		}
	}
	wg.Wait()
	if len(errs) > 0 {
		return conns, errs[0]
	}
	return conns, nil
}

func pingOnce(addr string) (net.Conn, error) {
	c, err := net.DialTimeout("tcp", addr, 30*time.Second)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(30 * time.Second))
	reply := make([]byte, len("+PONG\r\n"))
	_, err = c.Write([]byte("PING\r\n"))
	if err == nil {
		_, err = io.ReadFull(c, reply)
	}
	if err == nil && string(reply) != "+PONG\r\n" {
		err = fmt.Errorf("PING answered %q", reply)
	}
	if err != nil {
		c.Close()
		return nil, err
	}
	c.SetDeadline(time.Time{})
	return c, nil
}

// probeP99 sends PING n times, one at a time, and returns the 99th
// percentile of their round trips, in microseconds.
func probeP99(c net.Conn, n int) (float64, error) {
	h := newLatencyHistogram()
	r := bufio.NewReader(c)
	c.SetDeadline(time.Now().Add(60 * time.Second))
	defer c.SetDeadline(time.Time{})
	for i := 0; i < n; i++ {
		began := time.Now()
		if _, err := c.Write([]byte("PING\r\n")); err != nil {
			return 0, err
		}
		reply, err := readReply(r)
		if err != nil {
			return 0, err
		}
		if reply != "PONG" {
			return 0, errors.New("PING answered " + reply)
		}
		h.RecordValue(int64(time.Since(began)))
	}
	return float64(h.ValueAtQuantile(99)) / 1e3, nil
}
