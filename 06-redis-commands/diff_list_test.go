//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strconv"
	"testing"
)

// The list commands against real Redis: every command, its errors, empty
// and reversed ranges, negative indexes, missing keys, and the key going
// when its last element does.
func TestSameAsRedisList(t *testing.T) {
	abc := cmd("RPUSH", "l", "a", "b", "c", "a", "b", "c")
	runDiff(t, []diffCase{
		commands("arity",
			cmd("LPUSH", "l"), cmd("RPUSH"), cmd("LPUSHX", "l"), cmd("RPUSHX", "l"), cmd("LPOP"),
			cmd("LPOP", "l", "1", "2"), cmd("RPOP", "l", "1", "2"), cmd("LLEN"), cmd("LLEN", "a", "b"),
			cmd("LRANGE", "l", "0"), cmd("LINDEX", "l"), cmd("LSET", "l", "0"), cmd("LINSERT", "l", "before", "a"),
			cmd("LREM", "l", "0"), cmd("LTRIM", "l", "0"), cmd("LPOS", "l"), cmd("LMOVE", "a", "b", "left"),
			cmd("RPOPLPUSH", "a"), cmd("lpush")),
		commands("push and pop",
			cmd("LPUSH", "l", "a", "b", "c"), cmd("RPUSH", "l", "x", "y"), cmd("LRANGE", "l", "0", "-1"),
			cmd("LLEN", "l"), cmd("LPOP", "l"), cmd("RPOP", "l"), cmd("LRANGE", "l", "0", "-1"),
			cmd("LPUSH", "l", ""), cmd("LINDEX", "l", "0"), cmd("TYPE", "l")),
		commands("pushx",
			cmd("LPUSHX", "l", "a"), cmd("RPUSHX", "l", "a", "b"), cmd("EXISTS", "l"),
			cmd("RPUSH", "l", "x"), cmd("LPUSHX", "l", "a", "b"), cmd("RPUSHX", "l", "z"), cmd("LRANGE", "l", "0", "-1")),
		commands("pop with count", abc,
			cmd("LPOP", "l", "0"), cmd("LPOP", "l", "2"), cmd("RPOP", "l", "1"), cmd("RPOP", "l", "100"),
			cmd("EXISTS", "l"), cmd("LPOP", "l"), cmd("LPOP", "l", "0"), cmd("LPOP", "l", "3"), cmd("RPOP", "l", "3")),
		commands("pop count errors", abc,
			cmd("LPOP", "l", "-1"), cmd("LPOP", "l", "x"), cmd("RPOP", "l", "1.5"), cmd("LPOP", "nokey", "-1"),
			cmd("LPOP", "l", "9223372036854775807"), cmd("LPOP", "l", "9223372036854775808"), cmd("EXISTS", "l")),
		commands("last pop deletes the key and its ttl",
			cmd("RPUSH", "l", "a"), cmd("EXPIRE", "l", "100"), cmd("RPOP", "l"), cmd("EXISTS", "l"),
			cmd("RPUSH", "l", "b"), cmd("TTL", "l")),
		commands("lrange", abc,
			cmd("LRANGE", "l", "0", "-1"), cmd("LRANGE", "l", "1", "2"), cmd("LRANGE", "l", "-2", "-1"),
			cmd("LRANGE", "l", "-100", "100"), cmd("LRANGE", "l", "3", "1"), cmd("LRANGE", "l", "-1", "-2"),
			cmd("LRANGE", "l", "6", "10"), cmd("LRANGE", "l", "5", "5"), cmd("LRANGE", "l", "0", "-7"),
			cmd("LRANGE", "l", "-9223372036854775808", "9223372036854775807"),
			cmd("LRANGE", "l", "x", "1"), cmd("LRANGE", "l", "0", "y"), cmd("LRANGE", "nokey", "0", "-1"),
			cmd("LRANGE", "nokey", "x", "1")),
		commands("lindex and lset", abc,
			cmd("LINDEX", "l", "0"), cmd("LINDEX", "l", "-1"), cmd("LINDEX", "l", "5"), cmd("LINDEX", "l", "6"),
			cmd("LINDEX", "l", "-7"), cmd("LINDEX", "l", "x"), cmd("LINDEX", "nokey", "x"),
			cmd("LSET", "l", "0", "A"), cmd("LSET", "l", "-1", "C"), cmd("LSET", "l", "6", "x"),
			cmd("LSET", "l", "-7", "x"), cmd("LSET", "l", "x", "y"), cmd("LSET", "nokey", "0", "x"),
			cmd("LSET", "nokey", "x", "y"), cmd("LRANGE", "l", "0", "-1")),
		commands("linsert", abc,
			cmd("LINSERT", "l", "BEFORE", "a", "0"), cmd("LINSERT", "l", "after", "c", "z"),
			cmd("LINSERT", "l", "after", "nopivot", "z"), cmd("LINSERT", "l", "middle", "a", "z"),
			cmd("LINSERT", "nokey", "before", "a", "z"), cmd("LINSERT", "nokey", "x", "a", "z"),
			cmd("LINSERT", "l", "before\x00x", "a", "y"), cmd("LRANGE", "l", "0", "-1")),
		commands("lrem", abc,
			cmd("LREM", "l", "1", "a"), cmd("LRANGE", "l", "0", "-1"), cmd("LREM", "l", "-1", "b"),
			cmd("LRANGE", "l", "0", "-1"), cmd("RPUSH", "l", "c", "c"), cmd("LREM", "l", "-2", "c"),
			cmd("LRANGE", "l", "0", "-1"), cmd("LREM", "l", "0", "c"), cmd("LREM", "l", "x", "c"),
			cmd("LREM", "nokey", "0", "a"), cmd("LREM", "l", "-9223372036854775808", "b"),
			cmd("LRANGE", "l", "0", "-1"), cmd("LREM", "l", "0", "a"), cmd("EXISTS", "l")),
		commands("ltrim", abc,
			cmd("LTRIM", "l", "1", "-2"), cmd("LRANGE", "l", "0", "-1"), cmd("LTRIM", "l", "-100", "100"),
			cmd("LRANGE", "l", "0", "-1"), cmd("LTRIM", "l", "x", "1"), cmd("LTRIM", "nokey", "0", "1"),
			cmd("LTRIM", "l", "2", "1"), cmd("EXISTS", "l"), cmd("RPUSH", "l", "a"), cmd("LTRIM", "l", "-1", "-2"),
			cmd("EXISTS", "l")),
		commands("lpos", abc,
			cmd("LPOS", "l", "a"), cmd("LPOS", "l", "c"), cmd("LPOS", "l", "z"), cmd("LPOS", "l", "a", "RANK", "2"),
			cmd("LPOS", "l", "a", "RANK", "-1"), cmd("LPOS", "l", "a", "RANK", "3"), cmd("LPOS", "l", "a", "COUNT", "0"),
			cmd("LPOS", "l", "b", "COUNT", "1"), cmd("LPOS", "l", "c", "RANK", "-1", "COUNT", "5"),
			cmd("LPOS", "l", "c", "MAXLEN", "3"), cmd("LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1"),
			cmd("LPOS", "l", "a", "count", "0", "maxlen", "0"), cmd("LPOS", "l", "z", "COUNT", "2"),
			cmd("LPOS", "nokey", "a"), cmd("LPOS", "nokey", "a", "COUNT", "1"),
			cmd("LPOS", "l", "a", "RANK", "-9223372036854775808"),
			cmd("LPOS", "l", "a", "RANK", "-9223372036854775808", "COUNT", "0"),
			cmd("LPOS", "l", "a", "RANK", "9223372036854775807")),
		commands("lpos errors", abc,
			cmd("LPOS", "l", "a", "RANK", "0"), cmd("LPOS", "nokey", "a", "RANK", "0"), cmd("LPOS", "l", "a", "RANK", "x"),
			cmd("LPOS", "l", "a", "COUNT", "-1"), cmd("LPOS", "l", "a", "COUNT", "x"), cmd("LPOS", "l", "a", "MAXLEN", "-1"),
			cmd("LPOS", "l", "a", "RANK"), cmd("LPOS", "l", "a", "FOO", "1"), cmd("LPOS", "l", "a", "RANK", "1", "COUNT")),
		commands("lmove and rpoplpush", abc,
			cmd("LMOVE", "l", "m", "LEFT", "RIGHT"), cmd("LMOVE", "l", "m", "right", "left"),
			cmd("RPOPLPUSH", "l", "m"), cmd("LRANGE", "l", "0", "-1"), cmd("LRANGE", "m", "0", "-1"),
			cmd("LMOVE", "l", "l", "LEFT", "RIGHT"), cmd("LRANGE", "l", "0", "-1"),
			cmd("LMOVE", "nokey", "m", "LEFT", "LEFT"), cmd("RPOPLPUSH", "nokey", "m"),
			cmd("LMOVE", "l", "m", "UP", "LEFT"), cmd("LMOVE", "l", "m", "LEFT", "DOWN"),
			cmd("LMOVE", "nokey", "m", "UP", "LEFT")),
		commands("lmove of the last element",
			cmd("RPUSH", "s", "x"), cmd("EXPIRE", "s", "100"), cmd("LMOVE", "s", "s", "LEFT", "RIGHT"), cmd("TTL", "s"),
			cmd("LMOVE", "s", "d", "LEFT", "RIGHT"), cmd("EXISTS", "s"), cmd("LRANGE", "d", "0", "-1"),
			cmd("SET", "str", "v"), cmd("LMOVE", "d", "str", "LEFT", "LEFT"), cmd("LRANGE", "d", "0", "-1")),
		commands("big list",
			append([]string{"RPUSH", "big"}, manyWords(600)...), cmd("LLEN", "big"), cmd("LRANGE", "big", "100", "110"),
			cmd("LINDEX", "big", "-300"), cmd("LTRIM", "big", "10", "-10"), cmd("LPOS", "big", "w500"),
			cmd("LPOP", "big", "5"), cmd("RPOP", "big", "500"), cmd("LRANGE", "big", "0", "-1")),
	})
}

// manyWords is w0, w1, ... w(n-1).
func manyWords(n int) []string {
	words := make([]string, n)
	for i := range words {
		words[i] = "w" + strconv.Itoa(i)
	}
	return words
}
