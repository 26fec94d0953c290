package main

import (
	"bytes"
	"os"
	"strconv"
)

// anonHugePagesBytes is how much of the process's memory sits in
// transparent huge pages: the AnonHugePages line of
// /proc/self/smaps_rollup (proc(5); Linux 4.14 on), the sum of the lines
// of /proc/self/smaps that Redis's THPGetAnonHugePagesSize adds up.
// Redis's LATENCY DOCTOR warns when it is not zero: a huge page is
// 2 MB to copy or to fault in at once, and Redis forks to persist.
func anonHugePagesBytes() int64 {
	data, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("AnonHugePages:")); ok {
			kb, _ := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte("kB")))), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
