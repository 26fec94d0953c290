//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"math/rand"
	"strconv"
	"testing"
)

// TestSameAsRedisRandom holds conversations that no one wrote by hand:
// short sequences of string, list, hash, key and expiry commands with arguments drawn
// from a small vocabulary of keys, numbers, odd strings and option names,
// so that commands meet each other's values and options in combinations
// the hand-written tables miss. The seed is fixed, so a failure repeats.
// Times come only in seconds (EX, EXAT, EXPIRE, SETEX): a TTL of a few
// milliseconds could run out on one server and not the other.
func TestSameAsRedisRandom(t *testing.T) {
	names := []string{"SET", "GET", "INCR", "DECR", "INCRBY", "DECRBY", "INCRBYFLOAT", "APPEND",
		"STRLEN", "GETRANGE", "SETRANGE", "GETSET", "GETDEL", "GETEX", "SETNX", "SETEX",
		"MGET", "MSET", "MSETNX", "DEL", "EXISTS", "TYPE", "RENAME", "RENAMENX", "EXPIRE",
		"EXPIREAT", "PERSIST", "TTL", "SELECT", "DBSIZE", "ECHO", "PING", "UNLINK", "EXPIRETIME", "SUBSTR",
		"LPUSH", "RPUSH", "LPUSHX", "LPOP", "RPOP", "LLEN", "LRANGE", "LINDEX", "LSET", "LINSERT", "LREM",
		"LTRIM", "LPOS", "LMOVE", "RPOPLPUSH", "HSET", "HSETNX", "HGET", "HMGET", "HDEL", "HLEN", "HSTRLEN",
		"HEXISTS", "HINCRBY", "HINCRBYFLOAT", "COPY", "MOVE"}
	words := []string{"k", "k2", "n", "", "1", "-1", "0", "10", "abc", "3.5", "9223372036854775807",
		"-9223372036854775808", "1e3", " 1", "0x10", "inf", "-0", "007", "EX", "EXAT",
		"NX", "XX", "GT", "LT", "KEEPTTL", "GET", "PERSIST", "ex", "nx", "LEFT", "right", "BEFORE", "after",
		"RANK", "COUNT", "MAXLEN", "DB", "REPLACE"}
	random := rand.New(rand.NewSource(1))
	var cases []diffCase
	for i := range 800 {
		var cmds [][]string
		for range 1 + random.Intn(6) {
			cmd := []string{names[random.Intn(len(names))]}
			for range random.Intn(5) {
				if random.Intn(10) == 0 {
					cmd = append(cmd, strconv.Itoa(random.Intn(100000)-5))
				} else {
					cmd = append(cmd, words[random.Intn(len(words))])
				}
			}
			cmds = append(cmds, cmd)
		}
		cases = append(cases, commands("random "+strconv.Itoa(i), cmds...))
	}
	runDiff(t, cases)
}
