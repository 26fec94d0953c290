package main

import (
	"strconv"
	"strings"
	"testing"
)

// These benchmarks time the work between a read and a write: parse the
// request, run the command, append the reply. They call processInput as
// the loop does, without sockets, so that -benchmem shows exactly what the
// hot path allocates.

func benchServer(b *testing.B) (*server, *client) {
	s := newState(config{databases: 16, maxBulk: defaultMaxBulkBytes, maxClients: 1, hz: 10})
	c := s.newClient(-1)
	return s, c
}

// run feeds input to processInput b.N times and checks the reply once.
func run(b *testing.B, s *server, c *client, input, wantReply string) {
	b.Helper()
	in := []byte(input)
	reply := make([]byte, 0, 64*1024)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c.reply = reply[:0]
		if rest := s.processInput(c, in); len(rest) != 0 {
			b.Fatalf("unparsed: %q", rest)
		}
	}
	b.StopTimer()
	if string(c.reply) != wantReply {
		b.Fatalf("reply %q, want %q", c.reply, wantReply)
	}
}

func BenchmarkGetHit(b *testing.B) {
	s, c := benchServer(b)
	s.set(c.db, []byte("key:__rand_int__"), []byte("xxx"), false)
	run(b, s, c, resp("GET", "key:__rand_int__"), "$3\r\nxxx\r\n")
}

func BenchmarkSet(b *testing.B) {
	s, c := benchServer(b)
	run(b, s, c, resp("SET", "key:__rand_int__", "xxx"), "+OK\r\n")
}

func BenchmarkPipelinedPing(b *testing.B) {
	s, c := benchServer(b)
	run(b, s, c, strings.Repeat(resp("PING"), 16), strings.Repeat("+PONG\r\n", 16))
}

func BenchmarkInlinePing(b *testing.B) {
	s, c := benchServer(b)
	run(b, s, c, "PING\r\n", "+PONG\r\n")
}

// The list and hash commands of redis-benchmark's default run, on the
// same keys and values it uses.

// BenchmarkLPush's one allocation is the copy of the element it keeps.
func BenchmarkLPush(b *testing.B) {
	s, c := benchServer(b)
	// Each run pushes an element at the head and pops one at the tail,
	// so the list keeps two elements and never goes away.
	s.processInput(c, []byte(resp("RPUSH", "mylist", "xxx")))
	in := resp("LPUSH", "mylist", "xxx") + resp("RPOP", "mylist")
	run(b, s, c, in, ":2\r\n$3\r\nxxx\r\n")
}

// BenchmarkLRange100 and 600 are redis-benchmark's LRANGE_100 and
// LRANGE_600: a list of that many three-byte elements, read whole.
func BenchmarkLRange100(b *testing.B) { benchLRange(b, 100) }
func BenchmarkLRange600(b *testing.B) { benchLRange(b, 600) }

func benchLRange(b *testing.B, n int) {
	s, c := benchServer(b)
	push := []string{"RPUSH", "mylist"}
	for range n {
		push = append(push, "xxx")
	}
	s.processInput(c, []byte(resp(push...)))
	last := strconv.Itoa(n - 1)
	run(b, s, c, resp("LRANGE", "mylist", "0", last), "*"+strconv.Itoa(n)+"\r\n"+strings.Repeat("$3\r\nxxx\r\n", n))
}

// BenchmarkHSet overwrites a field. Its one allocation is the field's name:
// Go converts string(field) without copying to look a map up, but an
// assignment keeps its key, so it copies.
func BenchmarkHSet(b *testing.B) {
	s, c := benchServer(b)
	s.processInput(c, []byte(resp("HSET", "myhash", "element:__rand_int__", "xxx")))
	run(b, s, c, resp("HSET", "myhash", "element:__rand_int__", "xxx"), ":0\r\n")
}
