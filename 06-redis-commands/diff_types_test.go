//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strings"
	"testing"
)

// typedKeys makes one key of each type: s a string, l a list, h a hash.
var typedKeys = [][]string{
	cmd("SET", "s", "1"), cmd("RPUSH", "l", "1", "2"), cmd("HSET", "h", "f", "1"),
}

// typeCommands are the commands of each type with K where the key goes.
var typeCommands = map[string][][]string{
	"string": {
		cmd("GET", "K"), cmd("GETSET", "K", "v"), cmd("GETDEL", "K"), cmd("GETEX", "K", "EX", "10"),
		cmd("SET", "K", "v", "GET"), cmd("APPEND", "K", "x"), cmd("STRLEN", "K"), cmd("GETRANGE", "K", "0", "1"),
		cmd("SETRANGE", "K", "0", "x"), cmd("SETRANGE", "K", "0", ""), cmd("INCR", "K"), cmd("DECRBY", "K", "2"),
		cmd("INCRBYFLOAT", "K", "1.5"), cmd("MGET", "K", "s"),
	},
	"list": {
		cmd("LPUSH", "K", "x"), cmd("RPUSH", "K", "x"), cmd("LPUSHX", "K", "x"), cmd("RPUSHX", "K", "x"),
		cmd("LPOP", "K"), cmd("RPOP", "K", "2"), cmd("LLEN", "K"), cmd("LRANGE", "K", "0", "-1"), cmd("LINDEX", "K", "0"),
		cmd("LSET", "K", "0", "x"), cmd("LINSERT", "K", "BEFORE", "1", "x"), cmd("LREM", "K", "0", "1"),
		cmd("LTRIM", "K", "0", "1"), cmd("LPOS", "K", "1"), cmd("LMOVE", "K", "l", "LEFT", "LEFT"),
		cmd("LMOVE", "l", "K", "LEFT", "LEFT"), cmd("RPOPLPUSH", "K", "l"), cmd("RPOPLPUSH", "l", "K"),
	},
	"hash": {
		cmd("HSET", "K", "f", "v"), cmd("HMSET", "K", "f", "v"), cmd("HSETNX", "K", "f", "v"), cmd("HGET", "K", "f"),
		cmd("HMGET", "K", "f"), cmd("HDEL", "K", "f"), cmd("HLEN", "K"), cmd("HSTRLEN", "K", "f"),
		cmd("HEXISTS", "K", "f"), cmd("HGETALL", "K"), cmd("HKEYS", "K"), cmd("HVALS", "K"),
		cmd("HINCRBY", "K", "f", "1"), cmd("HINCRBYFLOAT", "K", "f", "1"), cmd("HRANDFIELD", "K"),
		cmd("HRANDFIELD", "K", "2"), cmd("HSCAN", "K", "0"),
	},
}

// keyOfType is the key of typedKeys holding each type.
var keyOfType = map[string]string{"string": "s", "list": "l", "hash": "h"}

// TestSameAsRedisWrongType sends every command of each type to the keys
// of every other type: each answers WRONGTYPE (or, for MGET, a null) and
// changes nothing, which the final dump checks.
func TestSameAsRedisWrongType(t *testing.T) {
	dump := [][]string{cmd("TYPE", "s"), cmd("TYPE", "l"), cmd("TYPE", "h"), cmd("GET", "s"),
		cmd("LRANGE", "l", "0", "-1"), cmd("HGETALL", "h"), cmd("DBSIZE")}
	var cases []diffCase
	for typ, cmds := range typeCommands {
		for other, key := range keyOfType {
			if other == typ {
				continue
			}
			conversation := append([][]string{}, typedKeys...)
			for _, c := range cmds {
				conversation = append(conversation, withKey(c, key))
			}
			conversation = append(conversation, dump...)
			cases = append(cases, commands(typ+" commands on a "+other, conversation...))
		}
	}
	runDiff(t, cases)
}

// TestSameAsRedisKeysOfEveryType runs the commands about keys on keys of
// every type.
func TestSameAsRedisKeysOfEveryType(t *testing.T) {
	keys := append([][]string{}, typedKeys...)
	with := func(cmds ...[]string) [][]string { return append(append([][]string{}, keys...), cmds...) }
	runDiff(t, []diffCase{
		commands("type exists dbsize", with(cmd("TYPE", "s"), cmd("TYPE", "l"), cmd("TYPE", "h"),
			cmd("EXISTS", "s", "l", "h", "x"), cmd("DBSIZE"))...),
		commands("del", with(cmd("DEL", "l", "h"), cmd("EXISTS", "l", "h"), cmd("DBSIZE"))...),
		commands("rename", with(cmd("RENAME", "l", "l2"), cmd("LRANGE", "l2", "0", "-1"), cmd("RENAME", "h", "s"),
			cmd("TYPE", "s"), cmd("HGET", "s", "f"), cmd("RENAMENX", "l2", "s"))...),
		commands("expire", with(cmd("EXPIRE", "l", "100"), cmd("TTL", "l"), cmd("PERSIST", "l"), cmd("TTL", "l"),
			cmd("PEXPIRE", "h", "-1"), cmd("EXISTS", "h"))...),
		unordered(1, commands("scan by type", with(cmd("SCAN", "0", "TYPE", "list"), cmd("SCAN", "0", "TYPE", "hash"),
			cmd("SCAN", "0", "TYPE", "string"), cmd("SCAN", "0", "TYPE", "LIST"), cmd("KEYS", "*"))...)),
		commands("set over another type", with(cmd("SET", "l", "v"), cmd("TYPE", "l"), cmd("GET", "l"),
			cmd("MSET", "h", "1"), cmd("TYPE", "h"), cmd("SETNX", "s", "x"), cmd("MSETNX", "l", "1", "new", "2"))...),
		commands("flushdb", with(cmd("FLUSHDB"), cmd("DBSIZE"), cmd("EXISTS", "l", "h"))...),
		commands("randomkey of one list, then one hash",
			cmd("RPUSH", "l", "a"), cmd("RANDOMKEY"), cmd("LPOP", "l"), cmd("HSET", "h", "f", "v"), cmd("RANDOMKEY"),
			cmd("PEXPIRE", "h", "-1"), cmd("RANDOMKEY")),
	})
}

func withKey(c []string, key string) []string {
	out := make([]string, len(c))
	for i, w := range c {
		out[i] = strings.ReplaceAll(w, "K", key)
	}
	return out
}

// TestSameAsRedisCopyMoveObjectFunction covers COPY and MOVE on every
// type, and the parts of OBJECT and FUNCTION that answer as Redis does
// (OBJECT ENCODING and REFCOUNT describe our own structures; IDLETIME's
// figure is each server's own clock).
func TestSameAsRedisCopyMoveObjectFunction(t *testing.T) {
	with := func(cmds ...[]string) [][]string { return append(append([][]string{}, typedKeys...), cmds...) }
	runDiff(t, []diffCase{
		commands("copy", with(cmd("COPY", "l", "l2"), cmd("RPUSH", "l2", "3"), cmd("LRANGE", "l", "0", "-1"),
			cmd("LRANGE", "l2", "0", "-1"), cmd("COPY", "h", "s"), cmd("COPY", "h", "s", "REPLACE"), cmd("TYPE", "s"),
			cmd("HSET", "s", "g", "2"), cmd("HLEN", "h"), cmd("COPY", "s", "h", "replace", "REPLACE"), cmd("HLEN", "h"),
			cmd("COPY", "nokey", "x"), cmd("EXISTS", "x"))...),
		commands("copy with ttl and db", with(cmd("EXPIRE", "l", "100"), cmd("COPY", "l", "l", "DB", "3"),
			cmd("COPY", "l", "m", "db", "0"), cmd("TTL", "m"), cmd("SELECT", "3"), cmd("TTL", "l"), cmd("LRANGE", "l", "0", "-1"),
			cmd("COPY", "l", "l", "DB", "0"), cmd("COPY", "l", "l", "DB", "0", "REPLACE"), cmd("SELECT", "0"),
			cmd("LRANGE", "l", "0", "-1"))...),
		commands("copy errors", with(cmd("COPY", "s"), cmd("COPY", "s", "s"), cmd("COPY", "s", "s", "DB", "0"),
			cmd("COPY", "s", "x", "DB", "16"), cmd("COPY", "s", "x", "DB", "-1"), cmd("COPY", "s", "x", "DB", "x"),
			cmd("COPY", "s", "x", "DB", "4294967296"), cmd("COPY", "s", "x", "DB"), cmd("COPY", "s", "x", "FOO"),
			cmd("COPY", "nokey", "nokey"), cmd("COPY", "nokey", "x", "DB", "99"), cmd("COPY", "s", "x", "REPLACE", "DB"))...),
		commands("move", with(cmd("EXPIRE", "h", "100"), cmd("MOVE", "h", "1"), cmd("EXISTS", "h"), cmd("SELECT", "1"),
			cmd("HGET", "h", "f"), cmd("TTL", "h"), cmd("SET", "l", "x"), cmd("SELECT", "0"), cmd("MOVE", "l", "1"),
			cmd("LLEN", "l"), cmd("MOVE", "nokey", "1"), cmd("MOVE", "s", "0"), cmd("MOVE", "s", "16"),
			cmd("MOVE", "s", "x"), cmd("MOVE", "nokey", "-1"), cmd("MOVE", "s"))...),
		commands("object", with(cmd("OBJECT", "FREQ", "s"), cmd("OBJECT", "freq", "nokey"), cmd("OBJECT", "ENCODING", "nokey"),
			cmd("OBJECT", "IDLETIME", "nokey"), cmd("OBJECT", "REFCOUNT", "nokey"), cmd("OBJECT"), cmd("OBJECT", "x"),
			cmd("OBJECT", "ENCODING"), cmd("OBJECT", "ENCODING", "s", "l"), cmd("OBJECT", "HELP"),
			cmd("OBJECT", "help", "x"))...),
		commands("function",
			cmd("FUNCTION", "LIST"), cmd("FUNCTION", "LIST", "WITHCODE"), cmd("FUNCTION", "LIST", "LIBRARYNAME", "x*"),
			cmd("FUNCTION", "LIST", "withcode", "libraryname", "x", "withcode"), cmd("FUNCTION", "LIST", "LIBRARYNAME"),
			cmd("FUNCTION", "LIST", "x\x00y"), cmd("FUNCTION", "STATS"), cmd("FUNCTION", "STATS", "x"),
			cmd("FUNCTION", "FLUSH"), cmd("FUNCTION", "FLUSH", "ASYNC"), cmd("FUNCTION", "flush", "sync"),
			cmd("FUNCTION", "FLUSH", "x"), cmd("FUNCTION", "FLUSH", "sync", "x"), cmd("FUNCTION"), cmd("FUNCTION", "x")),
	})
}
