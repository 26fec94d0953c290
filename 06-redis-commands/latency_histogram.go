package main

import (
	"math/bits"
	"time"
)

// LATENCY HISTOGRAM, after Redis 7.0's latency tracking (server.c's
// updateCommandLatencyHistogram, latency.c's fillCommandCDF): every call
// of every command is counted by how long it ran, and the reply is, per
// command, the number of calls and a cumulative distribution: at 1 µs,
// 2, 4, 8 and so on, doubling up to a second, how many calls took at
// most that long. Levels no call reached are left out.
//
// Redis counts into an HdrHistogram of 2 significant digits from 1 ns to
// 1 s (deps/hdr_histogram) and reports it at 1024 ns, 2048 ns... Each
// level covers the HdrHistogram bucket that 2^n ns falls in, which is
// 2^(n-7) ns wide, so a level's label is the end of that bucket in whole
// microseconds: 1, 2, 4, 8, 16, 33, 66, 132... as Redis prints them. The
// last level, 2^30 ns, lies past the histogram's end, so its label is
// where the histogram ends, 2^30-1 ns: 1073741. Only those levels are
// ever reported, so here 21 counters per command replace the histogram,
// each call one add.

const histogramLevels = 21 // 2^10 ns to 2^30 ns, the last above Redis's 1 s cap

type commandHistogram struct {
	calls  int64
	counts [histogramLevels]int64
}

// levelTop is the longest run, in nanoseconds, counted at level k.
func levelTop(k int) int64 { return 1<<(10+k) + 1<<(3+k) - 1 }

// levelLabel is level k's label in LATENCY HISTOGRAM, in microseconds.
func levelLabel(k int) int64 {
	if k == histogramLevels-1 {
		return (1<<30 - 1) / 1000
	}
	return levelTop(k) / 1000
}

func (h *commandHistogram) record(d time.Duration) {
	ns := min(max(int64(d), 1), int64(time.Second)) // Redis's LATENCY_HISTOGRAM_MIN/MAX_VALUE
	k := 0
	if ns > levelTop(0) {
		k = bits.Len64(uint64(ns)) - 1 - 10 // ns is in [2^(10+k), 2^(11+k))
		if ns > levelTop(k) {
			k++
		}
	}
	h.calls++
	h.counts[k]++
}

// recordLatency counts a call of cmd that ran for d.
func (s *server) recordLatency(cmd *command, d time.Duration) {
	if cmd.id >= len(s.histograms) {
		s.histograms = append(s.histograms, make([]*commandHistogram, cmd.id+1-len(s.histograms))...)
	}
	h := s.histograms[cmd.id]
	if h == nil {
		h = &commandHistogram{}
		s.histograms[cmd.id] = h
	}
	h.record(d)
}

// histogram is cmd's, or nil if it was never called.
func (s *server) histogram(cmd *command) *commandHistogram {
	if cmd.id >= len(s.histograms) {
		return nil
	}
	return s.histograms[cmd.id]
}

// latencyHistogramCommand is LATENCY HISTOGRAM [command ...]: a map from
// each command's full name to its histogram, for every command called so
// far or for those named (a container such as CONFIG names all of its
// subcommands). Names that are no command are skipped, as in Redis.
func latencyHistogramCommand(s *server, c *client, argv [][]byte) {
	var cmds []*command
	add := func(cmd *command) {
		if s.histogram(cmd) != nil {
			cmds = append(cmds, cmd)
		}
	}
	if len(argv) == 2 {
		for _, cmd := range s.sortedCommands() {
			add(cmd)
			for _, sub := range subcommandList(cmd) {
				add(sub)
			}
		}
	} else {
		for _, name := range argv[2:] {
			cmd := s.lookupCommandByName(name)
			if cmd == nil {
				continue
			}
			add(cmd)
			for _, sub := range subcommandList(cmd) {
				add(sub)
			}
		}
	}
	c.addArrayLen(2 * len(cmds)) // a RESP2 map: name, histogram, name...
	for _, cmd := range cmds {
		c.addBulkString(cmd.fullName)
		addHistogram(c, s.histogram(cmd))
	}
}

func addHistogram(c *client, h *commandHistogram) {
	c.addArrayLen(4)
	c.addBulkString("calls")
	c.addInt(h.calls)
	c.addBulkString("histogram_usec")
	levels := 0
	for _, n := range h.counts {
		if n > 0 {
			levels++
		}
	}
	c.addArrayLen(2 * levels)
	var cumulative int64
	for k, n := range h.counts {
		cumulative += n
		if n > 0 {
			c.addInt(levelLabel(k))
			c.addInt(cumulative)
		}
	}
}
