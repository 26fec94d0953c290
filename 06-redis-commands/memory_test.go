//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestUsedMemoryIsTheSumOfTheKeys runs commands of every kind that change
// a key's size, including a blocked BLMOVE served by another client's
// push, then checks the incremental count INFO reports against MEMORY
// USAGE key SAMPLES 0 of every key, which counts each value's elements one
// by one: a write path that forgot to report its key, or a value type
// whose running count went wrong, would leave the two apart.
func TestUsedMemoryIsTheSumOfTheKeys(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	waiter := dial(t, srv.Addr())
	require.Equal(t, "0", infoFields(bulkBody(t, c.do("INFO", "memory")))["used_memory"])

	waiter.Send(resp("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"))
	for _, cmd := range [][]string{
		{"SET", "s", "hello"}, {"APPEND", "s", strings.Repeat("x", 300)}, {"SETRANGE", "s", "1000", "y"},
		{"SET", "n", "10"}, {"INCRBY", "n", "123456789"}, {"SETBIT", "bits", "5000", "1"}, {"BITOP", "NOT", "nbits", "bits"},
		{"SET", "gone", "x"}, {"GETDEL", "gone"}, {"SET", "t", "v", "EX", "1000"}, {"PERSIST", "t"}, {"EXPIRE", "s", "1000"},
		{"RPUSH", "l", "a", "bb", "ccc", strings.Repeat("d", 200)}, {"LPUSH", "l", "z"}, {"LSET", "l", "0", strings.Repeat("e", 100)},
		{"LINSERT", "l", "BEFORE", "bb", "new"}, {"LREM", "l", "0", "a"}, {"LPOP", "l"}, {"LTRIM", "l", "0", "1"},
		{"HSET", "h", "f1", "v1", "f2", strings.Repeat("w", 80)}, {"HSET", "h", "f1", strings.Repeat("v", 50)}, {"HDEL", "h", "f2"},
		{"HINCRBY", "h", "c", "5"}, {"HINCRBYFLOAT", "h", "f", "1.5"},
		{"SADD", "a", "1", "2", "3", "four"}, {"SADD", "b", "3", "four", "5"}, {"SREM", "a", "1"}, {"SINTERSTORE", "ab", "a", "b"},
		{"SMOVE", "b", "ab", "5"}, {"SPOP", "a"},
		{"SET", "g", "v"}, {"GETEX", "g", "EX", "1000"},
		{"ZADD", "z", "1", "one", "2", "two", "3", "three"}, {"ZADD", "z", "10", "one"}, {"ZINCRBY", "z", "5", "two"},
		{"ZREM", "z", "three"}, {"ZADD", "zu", "1", "a", "2", "b", "3", "c"}, {"ZREMRANGEBYRANK", "zu", "0", "0"}, {"ZREMRANGEBYSCORE", "zu", "3", "3"}, {"SUNIONSTORE", "su", "a", "b"}, {"ZPOPMIN", "z"},
		{"COPY", "h", "hcopy"}, {"RENAME", "hcopy", "hcopy2"}, {"MOVE", "hcopy2", "1"}, {"COPY", "z", "z2", "DB", "2"},
		{"RPUSH", "dst", "first"}, {"RPUSH", "src", "moved", "stays"}, {"SELECT", "3"}, {"SET", "flushed", "x"}, {"FLUSHDB"}, {"SELECT", "0"},
		{"MSET", "m1", "a", "m2", "b"}, {"DEL", "m1"}, {"GETSET", "m2", strings.Repeat("g", 40)},
	} {
		require.NotRegexp(t, `^-`, c.do(cmd...), "%q", cmd)
	}
	waiter.Expect("$5\r\nmoved\r\n")
	// Reversing the order of 64 members moves each to a new node with a
	// level drawn at random: the count must follow each node's levels.
	for i := range 64 {
		c.do("ZADD", "zr", strconv.Itoa(i), "m"+strconv.Itoa(i))
	}
	for i := range 64 {
		c.do("ZADD", "zr", strconv.Itoa(-i), "m"+strconv.Itoa(i))
	}

	var sum int64
	for db := range 16 {
		c.do("SELECT", strconv.Itoa(db))
		for _, key := range arrayItems(t, c.do("KEYS", "*")) {
			usage := c.do("MEMORY", "USAGE", key, "SAMPLES", "0")
			require.Regexp(t, `^:\d+\r\n$`, usage, key)
			require.Equal(t, usage, c.do("MEMORY", "USAGE", key), key)
			sum += mustInt(t, strings.TrimSpace(usage[1:]))
		}
	}
	fields := infoFields(bulkBody(t, c.do("INFO", "memory")))
	require.Equal(t, strconv.FormatInt(sum, 10), fields["used_memory"])
	require.GreaterOrEqual(t, mustInt(t, fields["used_memory_peak"]), sum)

	// Deleting every key gives every byte back.
	c.do("FLUSHALL")
	require.Equal(t, "0", infoFields(bulkBody(t, c.do("INFO", "memory")))["used_memory"])
}

// TestMemoryUsageFollowsTheValue checks MEMORY USAGE's figures against
// what memory.go says a key costs: growing a value by n bytes grows its
// cost by at least n, and a key with a TTL pays for its slot in expires.
func TestMemoryUsageFollowsTheValue(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	usage := func(key string) int64 {
		return mustInt(t, strings.TrimSpace(strings.TrimPrefix(c.do("MEMORY", "USAGE", key), ":")))
	}
	c.do("SET", "k", "")
	empty := usage("k")
	require.Equal(t, entryBytes+dictSlotBytes+1, empty)
	c.do("SET", "k", strings.Repeat("x", 1000))
	require.GreaterOrEqual(t, usage("k")-empty, int64(1000))
	before := usage("k")
	c.do("EXPIRE", "k", "1000")
	require.Equal(t, before+dictSlotBytes, usage("k"))

	c.do("RPUSH", "l", "a")
	one := usage("l")
	c.do("RPUSH", "l", strings.Repeat("y", 10000))
	require.GreaterOrEqual(t, usage("l")-one, int64(10000))
	require.Equal(t, "$-1\r\n", c.do("MEMORY", "USAGE", "nokey"))
}

// TestMemoryDoctorReadsTheCount walks MEMORY DOCTOR through Redis's three
// reports: too little data to judge (under 5 MB counted), nothing wrong,
// and a peak over 150% of today's use.
func TestMemoryDoctorReadsTheCount(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	require.Contains(t, bulkBody(t, c.do("MEMORY", "DOCTOR")), "Hi Sam, this instance is empty or is using very little memory")
	big := strings.Repeat("x", 1<<20)
	for i := range 12 {
		require.Equal(t, "+OK\r\n", c.do("SET", "big"+strconv.Itoa(i), big))
	}
	require.Contains(t, bulkBody(t, c.do("MEMORY", "DOCTOR")), "Hi Sam, I can't find any memory issue in your instance.")
	for i := range 5 {
		c.do("DEL", "big"+strconv.Itoa(i))
	}
	report := bulkBody(t, c.do("MEMORY", "DOCTOR"))
	require.True(t, strings.HasPrefix(report, "Sam, I detected a few issues in this Redis instance memory implants:\n\n * Peak memory:"), "%q", report)
	require.True(t, strings.HasSuffix(report, "I'm here to keep you safe, Sam. I want to help you.\n"), "%q", report)
}
