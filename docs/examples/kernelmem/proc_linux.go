package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// slabCache is one line of /proc/slabinfo (format 2.1): a cache's name,
// the objects in use, and each object's size in bytes.
type slabCache struct {
	name       string
	activeObjs int64
	objSize    int64
}

func readSlabinfo() (map[string]slabCache, error) {
	f, err := os.Open("/proc/slabinfo")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseSlabinfo(f)
}

func parseSlabinfo(r io.Reader) (map[string]slabCache, error) {
	caches := make(map[string]slabCache)
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "slabinfo") || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			return nil, fmt.Errorf("slabinfo: short line %q", line)
		}
		active, err1 := strconv.ParseInt(f[1], 10, 64)
		size, err2 := strconv.ParseInt(f[3], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("slabinfo: bad line %q", line)
		}
		caches[f[0]] = slabCache{name: f[0], activeObjs: active, objSize: size}
	}
	return caches, sc.Err()
}

// slabGrowth is how much one cache grew between two readings.
type slabGrowth struct {
	name    string
	objs    int64
	objSize int64
}

func (g slabGrowth) bytes() int64 { return g.objs * g.objSize }

// grownCaches returns the caches that grew by at least minObjs objects,
// largest growth in bytes first.
func grownCaches(before, after map[string]slabCache, minObjs int64) []slabGrowth {
	var grown []slabGrowth
	for name, a := range after {
		d := a.activeObjs - before[name].activeObjs
		if d >= minObjs {
			grown = append(grown, slabGrowth{name: name, objs: d, objSize: a.objSize})
		}
	}
	sort.Slice(grown, func(i, j int) bool {
		if grown[i].bytes() != grown[j].bytes() {
			return grown[i].bytes() > grown[j].bytes()
		}
		return grown[i].name < grown[j].name
	})
	return grown
}

// tcpSockstat is the TCP line of /proc/net/sockstat: sockets in use,
// sockets allocated, and the pages TCP's buffers hold (tcp_memory_allocated,
// the figure net.ipv4.tcp_mem limits).
type tcpSockstat struct {
	inuse, alloc, memPages int64
}

func readSockstat() (tcpSockstat, error) {
	b, err := os.ReadFile("/proc/net/sockstat")
	if err != nil {
		return tcpSockstat{}, err
	}
	return parseSockstat(string(b))
}

func parseSockstat(text string) (tcpSockstat, error) {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "TCP:" {
			continue
		}
		var s tcpSockstat
		for i := 1; i+1 < len(f); i += 2 {
			v, err := strconv.ParseInt(f[i+1], 10, 64)
			if err != nil {
				return s, fmt.Errorf("sockstat: bad TCP line %q", line)
			}
			switch f[i] {
			case "inuse":
				s.inuse = v
			case "alloc":
				s.alloc = v
			case "mem":
				s.memPages = v
			}
		}
		return s, nil
	}
	return tcpSockstat{}, fmt.Errorf("sockstat: no TCP line")
}
