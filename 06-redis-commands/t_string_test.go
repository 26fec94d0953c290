//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// stringExchange is one command and the exact reply it must get.
type stringExchange struct {
	args  []string
	reply string
}

func answers(reply string, args ...string) stringExchange {
	return stringExchange{args: args, reply: reply}
}

const (
	stringEmptyBulk   = "$0\r\n\r\n"
	stringNotInteger  = "-ERR value is not an integer or out of range\r\n"
	stringNotFloat    = "-ERR value is not a valid float\r\n"
	stringSyntaxError = "-ERR syntax error\r\n"
)

func stringBulk(s string) string { return "$" + strconv.Itoa(len(s)) + "\r\n" + s + "\r\n" }
func stringInt(n int64) string   { return ":" + strconv.FormatInt(n, 10) + "\r\n" }

// TestStringCommands runs each command's happy paths and errors over a real
// socket, each table row on an empty database.
func TestStringCommands(t *testing.T) {
	srv, _ := startServer(t, config{})
	tests := []struct {
		name            string
		stringExchanges []stringExchange
	}{
		{"get set", []stringExchange{
			answers(replyNull, "GET", "k"), answers(replyOK, "SET", "k", "v"), answers(stringBulk("v"), "GET", "k"),
			answers(replyOK, "SET", "k", "\x00\r\n"), answers(stringBulk("\x00\r\n"), "GET", "k"),
		}},
		{"set options", []stringExchange{
			answers(replyNull, "SET", "k", "1", "XX"), answers(replyOK, "SET", "k", "1", "NX"), answers(replyNull, "SET", "k", "2", "NX"),
			answers(replyOK, "SET", "k", "3", "XX"), answers(stringBulk("3"), "SET", "k", "4", "GET"), answers(stringBulk("4"), "SET", "k", "5", "NX", "GET"),
			answers(stringBulk("4"), "GET", "k"), answers(stringSyntaxError, "SET", "k", "v", "NX", "XX"), answers(stringSyntaxError, "SET", "k", "v", "EX"),
			answers(stringSyntaxError, "SET", "k", "v", "KEEPTTL", "PX", "1"), answers(replyOK, "SET", "k", "v", "EX", "1", "EX", "2"),
			answers("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "PX", "0"),
			answers("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "EX", "9223372036854775"),
			answers(stringNotInteger, "SET", "k", "v", "EX", "ten"),
		}},
		{"setnx setex psetex", []stringExchange{
			answers(stringInt(1), "SETNX", "k", "a"), answers(stringInt(0), "SETNX", "k", "b"), answers(stringBulk("a"), "GET", "k"),
			answers(replyOK, "SETEX", "k", "100", "c"), answers(replyOK, "PSETEX", "k", "100000", "d"), answers(stringBulk("d"), "GET", "k"),
			answers("-ERR invalid expire time in 'setex' command\r\n", "SETEX", "k", "0", "v"),
			answers("-ERR invalid expire time in 'psetex' command\r\n", "PSETEX", "k", "-1", "v"),
			answers("-ERR wrong number of arguments for 'setex' command\r\n", "SETEX", "k", "1"),
		}},
		{"getset getdel getex", []stringExchange{
			answers(replyNull, "GETSET", "k", "1"), answers(stringBulk("1"), "GETSET", "k", "2"), answers(stringBulk("2"), "GETDEL", "k"),
			answers(replyNull, "GETDEL", "k"), answers(replyNull, "GETEX", "k", "EX", "0"), answers(replyOK, "SET", "k", "v"),
			answers(stringBulk("v"), "GETEX", "k", "PERSIST"), answers(stringSyntaxError, "GETEX", "k", "NX"),
			answers("-ERR invalid expire time in 'getex' command\r\n", "GETEX", "k", "EX", "0"),
			answers(stringBulk("v"), "GETEX", "k", "PXAT", "1"), answers(replyNull, "GET", "k"),
		}},
		{"mget mset msetnx", []stringExchange{
			answers(replyOK, "MSET", "a", "1", "b", "2"), answers("*3\r\n"+stringBulk("1")+stringBulk("2")+replyNull, "MGET", "a", "b", "c"),
			answers(stringInt(0), "MSETNX", "c", "3", "a", "4"), answers(replyNull, "GET", "c"), answers(stringInt(1), "MSETNX", "c", "3", "d", "4"),
			answers("-ERR wrong number of arguments for 'mset' command\r\n", "MSET", "a", "1", "b"),
			answers("-ERR wrong number of arguments for 'msetnx' command\r\n", "MSETNX", "a", "1", "b"),
		}},
		{"append strlen", []stringExchange{
			answers(stringInt(0), "STRLEN", "k"), answers(stringInt(2), "APPEND", "k", "ab"), answers(stringInt(5), "APPEND", "k", "cde"),
			answers(stringInt(5), "STRLEN", "k"), answers(stringBulk("abcde"), "GET", "k"), answers(stringInt(0), "APPEND", "e", ""),
			answers(stringBulk(""), "GET", "e"),
		}},
		{"getrange setrange", []stringExchange{
			answers(stringEmptyBulk, "GETRANGE", "k", "0", "-1"), answers(stringInt(5), "SETRANGE", "k", "2", "abc"),
			answers(stringBulk("\x00\x00abc"), "GET", "k"), answers(stringBulk("abc"), "GETRANGE", "k", "-3", "-1"),
			answers(stringEmptyBulk, "GETRANGE", "k", "-1", "-3"), answers(stringBulk("\x00\x00abc"), "GETRANGE", "k", "-100", "100"),
			answers(stringBulk("b"), "SUBSTR", "k", "3", "3"), answers(stringInt(5), "SETRANGE", "k", "0", ""),
			answers(stringInt(0), "SETRANGE", "new", "10", ""), answers(replyNull, "GET", "new"),
			answers("-ERR offset is out of range\r\n", "SETRANGE", "k", "-1", "x"),
			answers("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n", "SETRANGE", "k", "536870912", "x"),
			answers(stringNotInteger, "GETRANGE", "k", "x", "1"),
		}},
		{"counters", []stringExchange{
			answers(stringInt(1), "INCR", "k"), answers(stringInt(0), "DECR", "k"), answers(stringInt(10), "INCRBY", "k", "10"),
			answers(stringInt(7), "DECRBY", "k", "3"), answers(stringBulk("7"), "GET", "k"), answers(replyOK, "SET", "k", "0123"),
			answers(stringNotInteger, "INCR", "k"), answers(stringNotInteger, "INCRBY", "n", "1.5"),
			answers("-ERR decrement would overflow\r\n", "DECRBY", "n", "-9223372036854775808"),
			answers(replyOK, "SET", "k", "9223372036854775807"),
			answers("-ERR increment or decrement would overflow\r\n", "INCR", "k"),
		}},
		{"incrbyfloat", []stringExchange{
			answers(stringBulk("10.5"), "INCRBYFLOAT", "k", "10.5"), answers(stringBulk("3010.5"), "INCRBYFLOAT", "k", "3.0e3"),
			// As in Redis: 0.1 has no exact binary form, and 17 decimals show it.
			answers(stringBulk("3010.60000000000000009"), "INCRBYFLOAT", "k", "0.1"),
			answers(stringBulk("3010.60000000000000009"), "GET", "k"),
			answers(stringBulk("0.33333333333333333"), "INCRBYFLOAT", "t", "0.333333333333333333333"),
			answers(stringBulk("0.00000381469726562"), "INCRBYFLOAT", "h", "0.000003814697265625"),
			answers(stringNotFloat, "INCRBYFLOAT", "k", "nan"), answers(stringNotFloat, "INCRBYFLOAT", "k", " 1"),
			answers(stringNotFloat, "INCRBYFLOAT", "k", "1e5000"),
			answers("-ERR increment would produce NaN or Infinity\r\n", "INCRBYFLOAT", "k", "inf"),
			answers(replyOK, "SET", "s", "abc"), answers(stringNotFloat, "INCRBYFLOAT", "s", "1"),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := dial(t, srv.Addr())
			require.Equal(t, replyOK, c.do("FLUSHALL"))
			for _, e := range tc.stringExchanges {
				require.Equal(t, e.reply, c.do(e.args...), "%q", e.args)
			}
		})
	}
}

// stringTTL asks the server for a key's TTL in seconds (-1: none, -2: no key).
func stringTTL(t *testing.T, c *testConn, key string) int64 {
	t.Helper()
	reply := c.do("TTL", key)
	require.True(t, strings.HasPrefix(reply, ":"), "TTL reply %q", reply)
	n, err := strconv.ParseInt(strings.TrimSpace(reply[1:]), 10, 64)
	require.NoError(t, err)
	return n
}

// TestStringCommandsTTL checks which commands set, keep or clear a TTL.
// A TTL depends on the clock, so it is compared with a tolerance.
func TestStringCommandsTTL(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	in100 := strconv.FormatInt(time.Now().Unix()+100, 10)
	in100ms := strconv.FormatInt(time.Now().UnixMilli()+100_000, 10)
	tests := []struct {
		name string
		cmds [][]string // run in order on key k
		ttl  int64      // wanted; 100 also accepts 99
	}{
		{"set ex", [][]string{{"SET", "k", "v", "EX", "100"}}, 100},
		{"set px", [][]string{{"SET", "k", "v", "PX", "100000"}}, 100},
		{"set exat", [][]string{{"SET", "k", "v", "EXAT", in100}}, 100},
		{"set pxat", [][]string{{"SET", "k", "v", "PXAT", in100ms}}, 100},
		{"setex", [][]string{{"SETEX", "k", "100", "v"}}, 100},
		{"psetex", [][]string{{"PSETEX", "k", "100000", "v"}}, 100},
		{"set clears", [][]string{{"SETEX", "k", "100", "v"}, {"SET", "k", "w"}}, -1},
		{"set keepttl keeps", [][]string{{"SETEX", "k", "100", "v"}, {"SET", "k", "w", "KEEPTTL"}}, 100},
		{"set get clears", [][]string{{"SETEX", "k", "100", "v"}, {"SET", "k", "w", "GET"}}, -1},
		{"set xx ex replaces", [][]string{{"SETEX", "k", "5000", "v"}, {"SET", "k", "w", "XX", "EX", "100"}}, 100},
		{"set nx fails keeps", [][]string{{"SETEX", "k", "100", "v"}, {"SET", "k", "w", "NX", "EX", "5000"}}, 100},
		{"getset clears", [][]string{{"SETEX", "k", "100", "v"}, {"GETSET", "k", "w"}}, -1},
		{"mset clears", [][]string{{"SETEX", "k", "100", "v"}, {"MSET", "k", "w"}}, -1},
		{"getex sets", [][]string{{"SET", "k", "v"}, {"GETEX", "k", "EX", "100"}}, 100},
		{"getex persist", [][]string{{"SETEX", "k", "100", "v"}, {"GETEX", "k", "PERSIST"}}, -1},
		{"getex plain keeps", [][]string{{"SETEX", "k", "100", "v"}, {"GETEX", "k"}}, 100},
		{"incr keeps", [][]string{{"SETEX", "k", "100", "1"}, {"INCR", "k"}}, 100},
		{"decrby keeps", [][]string{{"SETEX", "k", "100", "1"}, {"DECRBY", "k", "5"}}, 100},
		{"incrbyfloat keeps", [][]string{{"SETEX", "k", "100", "1"}, {"INCRBYFLOAT", "k", "0.5"}}, 100},
		{"append keeps", [][]string{{"SETEX", "k", "100", "v"}, {"APPEND", "k", "w"}}, 100},
		{"setrange keeps", [][]string{{"SETEX", "k", "100", "v"}, {"SETRANGE", "k", "3", "w"}}, 100},
		{"getdel removes", [][]string{{"SETEX", "k", "100", "v"}, {"GETDEL", "k"}}, -2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, replyOK, c.do("FLUSHALL"))
			for _, args := range tc.cmds {
				require.False(t, strings.HasPrefix(c.do(args...), "-"), "%q", args)
			}
			got := stringTTL(t, c, "k")
			if tc.ttl == 100 {
				require.Contains(t, []int64{99, 100}, got)
			} else {
				require.Equal(t, tc.ttl, got)
			}
		})
	}
}

// TestStringKeysExpire waits, for real but briefly, for short TTLs to
// pass, and checks that the key is gone for every reader.
func TestStringKeysExpire(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	require.Equal(t, replyOK, c.do("SET", "a", "1", "PX", "30"))
	require.Equal(t, replyOK, c.do("PSETEX", "b", "30", "2"))
	require.Equal(t, replyOK, c.do("SET", "c", "3"))
	require.Equal(t, stringBulk("3"), c.do("GETEX", "c", "PX", "30"))
	require.Equal(t, replyOK, c.do("SET", "kept", "4", "PX", "30"))
	require.Equal(t, replyOK, c.do("SET", "kept", "5"))
	// The three were given 30 ms at slightly different moments: wait
	// until all have run out, however slow the machine.
	deadline := time.Now().Add(2 * time.Second)
	for c.do("MGET", "a", "b", "c") != "*3\r\n"+replyNull+replyNull+replyNull {
		require.True(t, time.Now().Before(deadline), "a, b and c never all expired")
		time.Sleep(5 * time.Millisecond) // waiting for the clock, not for the server
	}
	require.Equal(t, stringInt(0), c.do("STRLEN", "b"))
	require.Equal(t, stringEmptyBulk, c.do("GETRANGE", "c", "0", "-1"))
	require.Equal(t, stringBulk("5"), c.do("GET", "kept"), "plain SET must have dropped the TTL")
	require.Equal(t, stringInt(1), c.do("INCR", "a"), "an expired counter starts again from 0")
}

// TestStringMaxSize lowers proto-max-bulk-len so that APPEND and SETRANGE
// hit it without half a gigabyte of memory.
func TestStringMaxSize(t *testing.T) {
	srv, _ := startServer(t, config{maxBulk: 1024})
	c := dial(t, srv.Addr())
	tooBig := "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"
	half := strings.Repeat("x", 512)
	require.Equal(t, stringInt(512), c.do("APPEND", "k", half))
	require.Equal(t, stringInt(1024), c.do("APPEND", "k", half))
	require.Equal(t, tooBig, c.do("APPEND", "k", "y"))
	require.Equal(t, stringInt(1024), c.do("SETRANGE", "k", "1023", "z"))
	require.Equal(t, tooBig, c.do("SETRANGE", "k", "1023", "zz"))
	require.Equal(t, tooBig, c.do("SETRANGE", "new", "1024", "z"))
	require.Equal(t, stringInt(1024), c.do("SETRANGE", "new", "1023", "z"))
	require.Equal(t, stringInt(1024), c.do("STRLEN", "k"))
}

// TestStringHotPathsDoNotAllocate runs commands as the loop does, without
// sockets, and counts allocations: a hit, or a write over an existing
// value that fits its memory, must allocate nothing.
func TestStringHotPathsDoNotAllocate(t *testing.T) {
	s := newState(config{databases: 16, maxBulk: defaultMaxBulkBytes, maxClients: 1, hz: 10})
	c := s.newClient(-1)
	reply := make([]byte, 0, 4096)
	setup := resp("SET", "k", "value") + resp("SET", "n", "100") + resp("SET", "t", "v", "EX", "1000") +
		resp("SET", "f", "1.5")
	c.reply = reply[:0]
	s.processInput(c, []byte(setup))
	for _, args := range [][]string{
		{"GET", "k"}, {"SET", "k", "other"}, {"SET", "t", "w", "EX", "1000"}, {"SET", "t", "w", "KEEPTTL"},
		{"INCR", "n"}, {"DECRBY", "n", "7"}, {"MGET", "k", "n"}, {"STRLEN", "k"}, {"GETRANGE", "k", "1", "3"},
		{"SETRANGE", "k", "0", "O"}, {"MSET", "k", "12345", "n", "100"}, {"GET", "missing"}, {"SETNX", "k", "x"},
	} {
		in := []byte(resp(args...))
		allocs := testing.AllocsPerRun(100, func() {
			c.reply = reply[:0]
			s.processInput(c, in)
		})
		require.Zero(t, allocs, "%q allocates; reply %q", args, c.reply)
		require.NotContains(t, string(c.reply), "-ERR", "%q", args)
	}
}
