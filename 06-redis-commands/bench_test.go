package main

import (
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
