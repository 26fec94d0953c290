package main

import (
	"strconv"
	"testing"
)

// Benchmarks of SADD and ZADD, as bench_test.go times GET and SET: the
// work between a read and a write, with -benchmem showing what they
// allocate.

// BenchmarkSAddExisting is redis-benchmark's SADD: without -r it adds the
// same member every time, so after the first call it only looks it up.
func BenchmarkSAddExisting(b *testing.B) {
	s, c := benchServer(b)
	s.processInput(c, []byte(resp("SADD", "myset", "element:__rand_int__")))
	run(b, s, c, resp("SADD", "myset", "element:__rand_int__"), ":0\r\n")
}

// BenchmarkZAddExisting is redis-benchmark's ZADD, likewise: the member is
// there already, with that score.
func BenchmarkZAddExisting(b *testing.B) {
	s, c := benchServer(b)
	s.processInput(c, []byte(resp("ZADD", "myzset", "0", "element:__rand_int__")))
	run(b, s, c, resp("ZADD", "myzset", "0", "element:__rand_int__"), ":0\r\n")
}

// BenchmarkSAddNew adds a new member each time, so the set grows to b.N
// members: the cost of a new map entry and slice slot.
func BenchmarkSAddNew(b *testing.B) {
	benchAddNew(b, func(i int) []string { return []string{"SADD", "myset", "element:" + strconv.Itoa(i)} })
}

// BenchmarkZAddNew adds a new member with a random-looking score each
// time: a skip-list insert, O(log n), plus the map entry.
func BenchmarkZAddNew(b *testing.B) {
	benchAddNew(b, func(i int) []string {
		score := strconv.Itoa(int(uint32(i) * 2654435761 % 1000003)) // Knuth's multiplicative hash: scattered scores
		return []string{"ZADD", "myzset", score, "element:" + strconv.Itoa(i)}
	})
}

// benchAddNew runs request(i) for i up to b.N, each adding one member.
// The requests are built before the timer starts, so only the command's
// own allocations count.
func benchAddNew(b *testing.B, request func(i int) []string) {
	s, c := benchServer(b)
	inputs := make([][]byte, b.N)
	for i := range inputs {
		inputs[i] = []byte(resp(request(i)...))
	}
	reply := make([]byte, 0, 64*1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		c.reply = reply[:0]
		s.processInput(c, inputs[i])
		if string(c.reply) != ":1\r\n" {
			b.Fatalf("request %d: reply %q", i, c.reply)
		}
	}
}
