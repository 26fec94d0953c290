//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import "testing"

// The hash commands against real Redis. Replies whose order is the hash
// table's (HGETALL, HKEYS, HVALS, HSCAN, HRANDFIELD of the whole hash)
// are compared as sets.
func TestSameAsRedisHash(t *testing.T) {
	abc := cmd("HSET", "h", "a", "1", "b", "2", "c", "3")
	runDiff(t, []diffCase{
		commands("arity",
			cmd("HSET", "h", "a"), cmd("HSET", "h", "a", "1", "b"), cmd("HMSET", "h", "a", "1", "b"),
			cmd("HSETNX", "h", "a"), cmd("HGET", "h"), cmd("HMGET", "h"), cmd("HDEL", "h"), cmd("HLEN"),
			cmd("HSTRLEN", "h"), cmd("HEXISTS", "h"), cmd("HGETALL"), cmd("HKEYS", "h", "x"), cmd("HVALS"),
			cmd("HINCRBY", "h", "a"), cmd("HINCRBYFLOAT", "h", "a"), cmd("HRANDFIELD"), cmd("HSCAN", "h"),
			cmd("EXISTS", "h")),
		commands("set and get", abc,
			cmd("HSET", "h", "a", "10", "d", "4"), cmd("HMSET", "h", "e", "5", "a", "11"), cmd("HGET", "h", "a"),
			cmd("HGET", "h", "z"), cmd("HGET", "nokey", "a"), cmd("HMGET", "h", "a", "z", "e"),
			cmd("HMGET", "nokey", "a", "b"), cmd("HLEN", "h"), cmd("HLEN", "nokey"), cmd("HSTRLEN", "h", "a"),
			cmd("HSTRLEN", "h", "z"), cmd("HSTRLEN", "nokey", "a"), cmd("HEXISTS", "h", "a"),
			cmd("HEXISTS", "h", "z"), cmd("HEXISTS", "nokey", "a"), cmd("TYPE", "h"), cmd("HSET", "h", "", "")),
		commands("hsetnx",
			cmd("HSETNX", "h", "a", "1"), cmd("HSETNX", "h", "a", "2"), cmd("HGET", "h", "a"), cmd("HLEN", "h")),
		commands("hdel deletes the key with its last field", abc,
			cmd("EXPIRE", "h", "100"), cmd("HDEL", "h", "a", "a", "z"), cmd("HDEL", "h", "b", "c"),
			cmd("EXISTS", "h"), cmd("HDEL", "nokey", "a"), cmd("HSET", "h", "x", "1"), cmd("TTL", "h")),
		unordered(2, commands("hgetall", abc, cmd("HGETALL", "h"), cmd("HGETALL", "nokey"), cmd("HSCAN", "h", "0"),
			cmd("HSCAN", "h", "0", "MATCH", "a*"), cmd("HSCAN", "h", "0", "COUNT", "1"),
			cmd("HRANDFIELD", "h", "3", "WITHVALUES"), cmd("HRANDFIELD", "h", "100", "withvalues"))),
		unordered(1, commands("hkeys hvals", abc, cmd("HKEYS", "h"), cmd("HVALS", "h"), cmd("HKEYS", "nokey"),
			cmd("HVALS", "nokey"), cmd("HRANDFIELD", "h", "3"), cmd("HRANDFIELD", "h", "10"))),
		commands("hincrby", abc,
			cmd("HINCRBY", "h", "a", "5"), cmd("HINCRBY", "h", "new", "-3"), cmd("HINCRBY", "nokey", "f", "1"),
			cmd("HINCRBY", "h", "a", "x"), cmd("HINCRBY", "h", "a", "1.5"), cmd("HSET", "h", "s", "abc", "sp", " 1"),
			cmd("HINCRBY", "h", "s", "1"), cmd("HINCRBY", "h", "sp", "1"), cmd("HINCRBY", "h", "a", "9223372036854775807"),
			cmd("HINCRBY", "h", "new", "-9223372036854775808"), cmd("HGET", "h", "a"), cmd("HINCRBY", "h2", "f", "x"),
			cmd("EXISTS", "h2")),
		commands("hincrbyfloat", abc,
			cmd("HINCRBYFLOAT", "h", "a", "0.5"), cmd("HINCRBYFLOAT", "h", "new", "-1.25"), cmd("HINCRBYFLOAT", "h", "a", "x"),
			cmd("HINCRBYFLOAT", "h", "a", "inf"), cmd("HINCRBYFLOAT", "h", "a", "-infinity"), cmd("HINCRBYFLOAT", "h", "a", "nan"),
			cmd("HSET", "h", "s", "abc"), cmd("HINCRBYFLOAT", "h", "s", "1"), cmd("HINCRBYFLOAT", "h", "b", "1e4932"),
			cmd("HINCRBYFLOAT", "h", "b", "1e4932"), cmd("HINCRBYFLOAT", "h", "c", "5.0e3"), cmd("HGET", "h", "c"),
			cmd("HINCRBYFLOAT", "nokey", "f", "inf"), cmd("EXISTS", "nokey")),
		commands("hrandfield", cmd("HSET", "one", "f", "v"),
			cmd("HRANDFIELD", "one"), cmd("HRANDFIELD", "one", "1"), cmd("HRANDFIELD", "one", "-3"),
			cmd("HRANDFIELD", "one", "-2", "WITHVALUES"), cmd("HRANDFIELD", "one", "0"), cmd("HRANDFIELD", "nokey"),
			cmd("HRANDFIELD", "nokey", "5"), cmd("HRANDFIELD", "nokey", "-5", "withvalues"),
			cmd("HRANDFIELD", "one", "x"), cmd("HRANDFIELD", "one", "1", "withvaluesx"),
			cmd("HRANDFIELD", "one", "1", "withvalues", "x"), cmd("HRANDFIELD", "one", "-9223372036854775808"),
			cmd("HRANDFIELD", "one", "9223372036854775808"), cmd("HRANDFIELD", "one", "4611686018427387904", "WITHVALUES"),
			cmd("HRANDFIELD", "one", "-4611686018427387904", "WITHVALUES"), cmd("HRANDFIELD", "nokey", "x"),
			cmd("HRANDFIELD", "nokey", "1", "x")),
		commands("hscan errors", abc,
			cmd("HSCAN", "h", "x"), cmd("HSCAN", "nokey", "x"), cmd("HSCAN", "nokey", "0", "COUNT", "0"),
			cmd("HSCAN", "h", "0", "COUNT", "0"), cmd("HSCAN", "h", "0", "TYPE", "hash"), cmd("HSCAN", "h", "0", "MATCH"),
			cmd("HSCAN", "h", "0", "NOVALUES"), cmd("HSCAN", "h", "0", "COUNT", "x"), cmd("HSCAN", "nokey", "0")),
	})
}
