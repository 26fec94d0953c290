//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
	"onethread/internal/redistest"
)

// MEMORY, the maxmemory settings and what a server over its limit
// answers, against real Redis. Left out, because the figures are each
// server's own: MEMORY USAGE of a key, MEMORY STATS' values (their names
// are compared below), MEMORY MALLOC-STATS (jemalloc's report), INFO.
//
// Real Redis uses about a megabyte with no key at all, ours counts only
// keys: "CONFIG SET maxmemory 1" after one SET puts both over the limit.
func TestSameAsRedisMemory(t *testing.T) {
	runDiff(t, []diffCase{
		commands("memory errors", cmd("MEMORY"), cmd("MEMORY", "x"), cmd("memory", "Foo", "bar"), cmd("MEMORY", "USAGE"),
			cmd("MEMORY", "USAGE", "nokey"), cmd("MEMORY", "USAGE", "nokey", "SAMPLES"), cmd("MEMORY", "USAGE", "nokey", "SAMPLES", "x"),
			cmd("MEMORY", "USAGE", "nokey", "SAMPLES", "-1"), cmd("MEMORY", "USAGE", "nokey", "samples", "0"),
			cmd("MEMORY", "USAGE", "nokey", "SAMPLES", "5"), cmd("MEMORY", "USAGE", "nokey", "foo"), cmd("MEMORY", "USAGE", "nokey", "SAMPLES", "1", "SAMPLES", "2"),
			cmd("MEMORY", "USAGE", "nokey", "SAMPLES", "99999999999999999999"), cmd("MEMORY", "USAGE", "nokey", "SAMPLES", "1.5"),
			cmd("SET", "k", "v"), cmd("MEMORY", "USAGE", "k", "SAMPLES", "x"), cmd("MEMORY", "USAGE", "k", "x"), cmd("MEMORY", "USAGE", "k", "SAMPLES", "-5"),
			cmd("MEMORY", "STATS", "x"), cmd("MEMORY", "DOCTOR", "x"), cmd("MEMORY", "HELP"), cmd("memory", "help", "x"),
			cmd("MEMORY", "MALLOC-STATS", "x"), cmd("MEMORY", "PURGE", "x"), cmd("MEMORY", "PURGE"), cmd("MEMORY", "DOCTOR")),
		commands("config maxmemory", cmd("CONFIG", "GET", "maxmemory"), cmd("CONFIG", "SET", "maxmemory", "abc"), cmd("CONFIG", "SET", "maxmemory", "-1"),
			cmd("CONFIG", "SET", "maxmemory", "1.5mb"), cmd("CONFIG", "SET", "maxmemory", "10 mb"), cmd("CONFIG", "SET", "maxmemory", ""),
			cmd("CONFIG", "GET", "maxmemory"), cmd("CONFIG", "SET", "maxmemory", "99999999999999999999"), cmd("CONFIG", "GET", "maxmemory"),
			cmd("CONFIG", "SET", "maxmemory", "99999999999999999999mb"), cmd("CONFIG", "GET", "maxmemory"), cmd("CONFIG", "SET", "maxmemory", "7\x00kb"),
			cmd("CONFIG", "GET", "maxmemory"), cmd("CONFIG", "SET", "maxmemory", "1B"), cmd("CONFIG", "GET", "maxmemory"),
			cmd("CONFIG", "SET", "maxmemory", "10MB"), cmd("CONFIG", "GET", "maxmemory"),
			cmd("CONFIG", "SET", "maxmemory", "1gb"), cmd("CONFIG", "GET", "MAXMEMORY"), cmd("CONFIG", "SET", "maxmemory", "100k"), cmd("CONFIG", "GET", "maxmemory"),
			cmd("CONFIG", "SET", "maxmemory", "0"), cmd("CONFIG", "GET", "maxmemory")),
		commands("config maxmemory-policy", cmd("CONFIG", "GET", "maxmemory-policy"), cmd("CONFIG", "SET", "maxmemory-policy", "foo"),
			cmd("CONFIG", "SET", "maxmemory-policy", ""), cmd("CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LRU"), cmd("CONFIG", "GET", "maxmemory-policy"),
			cmd("CONFIG", "SET", "maxmemory-policy", "volatile-ttl"), cmd("CONFIG", "GET", "maxmemory-policy"),
			cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "maxmemory-samples", "0"), cmd("CONFIG", "GET", "maxmemory-policy"),
			cmd("CONFIG", "SET", "maxmemory-policy", "noeviction"), cmd("CONFIG", "GET", "maxmemory-policy")),
		commands("config maxmemory-samples", cmd("CONFIG", "GET", "maxmemory-samples"), cmd("CONFIG", "SET", "maxmemory-samples", "0"),
			cmd("CONFIG", "SET", "maxmemory-samples", "-1"), cmd("CONFIG", "SET", "maxmemory-samples", "abc"), cmd("CONFIG", "SET", "maxmemory-samples", "2147483648"),
			cmd("CONFIG", "SET", "maxmemory-samples", "10"), cmd("CONFIG", "GET", "maxmemory-samples"), cmd("CONFIG", "SET", "maxmemory-samples", "5")),
		commands("over the limit under noeviction", cmd("SET", "a", "1"), cmd("RPUSH", "l", "x", "y"), cmd("CONFIG", "SET", "maxmemory", "1"),
			cmd("SET", "b", "2"), cmd("SET", "a", "2"), cmd("GET", "a"), cmd("LPUSH", "l", "z"), cmd("LPOP", "l"), cmd("APPEND", "a", "x"),
			cmd("INCR", "a"), cmd("SETNX", "c", "1"), cmd("HSET", "h", "f", "v"), cmd("SADD", "s", "m"), cmd("ZADD", "z", "1", "m"),
			cmd("SETRANGE", "a", "0", "x"), cmd("EXISTS", "a"), cmd("EXPIRE", "a", "100"), cmd("PERSIST", "a"), cmd("NOSUCH"), cmd("SET", "x"),
			cmd("MULTI"), cmd("GET", "a"), cmd("EXEC"), cmd("MULTI"), cmd("EXEC"), cmd("MULTI"), cmd("DISCARD"),
			cmd("DEL", "l"), cmd("CONFIG", "SET", "maxmemory", "0"), cmd("SET", "b", "2"), cmd("GET", "b")),
		{name: "over the limit, inline", send: "set a 1\r\nconfig set maxmemory 1\r\nset b 2\r\nget a\r\nconfig set maxmemory 0\r\n"},
		commands("object freq and idletime under lfu", cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"), cmd("SET", "k", "v"),
			cmd("OBJECT", "FREQ", "k"), cmd("GET", "k"), cmd("OBJECT", "FREQ", "k"), cmd("OBJECT", "IDLETIME", "k"), cmd("OBJECT", "FREQ", "nokey"),
			cmd("OBJECT", "IDLETIME", "nokey"), cmd("CONFIG", "SET", "maxmemory-policy", "noeviction"), cmd("OBJECT", "FREQ", "k"),
			cmd("OBJECT", "FREQ", "nokey")),
		commands("command info and docs", cmd("COMMAND", "INFO", "memory|usage", "memory|stats", "memory|doctor", "memory|help",
			"memory|purge", "memory|malloc-stats"),
			cmd("COMMAND", "DOCS", "memory|usage", "memory|stats", "memory|doctor", "memory|help", "memory|purge", "memory|malloc-stats"),
			cmd("COMMAND", "GETKEYS", "memory", "usage", "k"), cmd("COMMAND", "GETKEYS", "memory", "usage", "k", "SAMPLES", "5")),
	})
}

// TestSameAsRedisExecOverTheLimit queues a write in MULTI, then another
// client puts the server over its limit: EXEC is refused whole, with the
// reason, as Redis refuses an EXEC holding a denyoom command.
func TestSameAsRedisExecOverTheLimit(t *testing.T) {
	redisAddr := redistest.Start(t)
	srv, _ := startServer(t, config{})
	for _, addr := range []string{redisAddr, srv.Addr()} {
		a, b := dial(t, addr), dial(t, addr)
		require.Equal(t, "+OK\r\n", b.do("SET", "k", "v"))
		require.Equal(t, "+OK\r\n", a.do("MULTI"))
		require.Equal(t, "+QUEUED\r\n", a.do("SET", "x", "1"))
		require.Equal(t, "+OK\r\n", b.do("CONFIG", "SET", "maxmemory", "1"))
		require.Equal(t, "-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n", a.do("EXEC"), addr)
		require.Equal(t, "+OK\r\n", a.do("MULTI"))
		require.Equal(t, "+OK\r\n", b.do("CONFIG", "SET", "maxmemory", "0"))
		require.Equal(t, "+QUEUED\r\n", a.do("GET", "k"))
		require.Equal(t, "+OK\r\n", b.do("CONFIG", "SET", "maxmemory", "1"))
		require.Equal(t, "*1\r\n$1\r\nv\r\n", a.do("EXEC"), "EXEC of reads only runs, %s", addr)
		require.Equal(t, "+OK\r\n", b.do("CONFIG", "SET", "maxmemory", "0"))
	}
}

// TestSameAsRedisMemoryStatsShape compares MEMORY STATS' field names, in
// order, and the type of each value: tools read it by name.
func TestSameAsRedisMemoryStatsShape(t *testing.T) {
	redisAddr := redistest.Start(t)
	srv, _ := startServer(t, config{})
	shape := func(addr string) []string {
		c := dial(t, addr)
		c.do("FLUSHALL")
		c.do("SET", "k", "v", "EX", "100")
		c.do("SELECT", "3")
		c.do("SET", "k", "v")
		c.Send(resp("MEMORY", "STATS"))
		require.NoError(t, c.Net.SetReadDeadline(time.Now().Add(2*time.Second)))
		return replyShape(t, c.Conn)
	}
	require.Equal(t, shape(redisAddr), shape(srv.Addr()))
}

// replyShape lists a reply's bulk strings that name fields (every other
// element of a map given as an array) and, for each value, its RESP type.
func replyShape(t *testing.T, c *nettest.Conn) []string {
	var shape []string
	var walk func(r *bufio.Reader)
	walk = func(r *bufio.Reader) {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
		switch line[0] {
		case '*':
			shape = append(shape, "array")
			for i := range n {
				if i%2 == 0 {
					name, err := readReply(r)
					require.NoError(t, err)
					shape = append(shape, name)
				} else {
					walk(r)
				}
			}
		case '$':
			_, err := r.Discard(n + 2)
			require.NoError(t, err)
			shape = append(shape, "bulk")
		default:
			shape = append(shape, line[:1])
		}
	}
	walk(c.R)
	return shape
}
