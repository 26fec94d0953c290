//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strings"
	"testing"
)

// BenchmarkProcessInput times the work the loop does between a read and a
// write, for 16 pipelined INCRs: split the lines, run each command, append
// the replies. No sockets, so -benchmem shows exactly what it allocates:
// one allocation per INCR, the key turned into a string to cross the
// wire.Counters interface (chapter 06 looks keys up without it).
func BenchmarkProcessInput(b *testing.B) {
	s := &server{counters: counters{}}
	c := &conn{}
	input := []byte(strings.Repeat("INCR counter\r\n", 16))
	replies := make([]byte, 0, 1024)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for range b.N {
		replies, _ = s.processInput(c, replies[:0], input)
	}
}
