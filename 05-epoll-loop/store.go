//go:build linux || darwin || freebsd || netbsd || openbsd

package main

// counters is the state that chapters 02 to 04 had to guard: here it is a
// plain map, read and written by the loop's one goroutine only, so
// count++ needs no lock, no atomic and no channel.
type counters map[string]int64

func (c counters) Incr(key string) int64 {
	c[key]++
	return c[key]
}

func (c counters) Get(key string) (int64, bool) {
	n, ok := c[key]
	return n, ok
}
