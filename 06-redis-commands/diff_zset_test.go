//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// The sorted set commands against real Redis. A sorted set's order is
// defined, so every reply is compared byte for byte.
func TestSameAsRedisZset(t *testing.T) {
	abc := cmd("ZADD", "z", "1", "a", "2", "b", "3", "c")
	lex := cmd("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "")
	runDiff(t, []diffCase{
		commands("arity",
			cmd("ZADD", "z", "1"), cmd("ZINCRBY", "z", "1"), cmd("ZREM", "z"), cmd("ZSCORE", "z"), cmd("ZMSCORE", "z"),
			cmd("ZCARD"), cmd("ZCOUNT", "z", "1"), cmd("ZRANK", "z"), cmd("ZREVRANK", "z", "a", "b"), cmd("ZRANGE", "z", "0"),
			cmd("ZRANGEBYSCORE", "z", "0"), cmd("ZREVRANGE", "z", "0"), cmd("ZREVRANGEBYSCORE", "z", "0"),
			cmd("ZRANGEBYLEX", "z", "-"), cmd("ZPOPMIN"), cmd("ZPOPMAX"), cmd("ZREMRANGEBYRANK", "z", "0"),
			cmd("ZREMRANGEBYSCORE", "z", "0"), cmd("ZSCAN", "z"), cmd("ZLEXCOUNT", "z", "-"), cmd("ZREMRANGEBYLEX", "z", "-")),
		commands("zadd options", abc,
			cmd("ZADD", "z", "NX", "10", "a", "4", "d"), cmd("ZADD", "z", "XX", "10", "a", "5", "e"), cmd("ZADD", "z", "CH", "11", "a", "5", "e"),
			cmd("ZADD", "z", "GT", "CH", "1", "a", "20", "b"), cmd("ZADD", "z", "LT", "ch", "30", "c", "0", "b"),
			cmd("ZADD", "z", "XX", "GT", "100", "c"), cmd("ZADD", "z", "xx", "lt", "ch", "1", "nope"),
			cmd("ZADD", "z", "NX", "XX", "1", "a"), cmd("ZADD", "z", "GT", "LT", "1", "a"), cmd("ZADD", "z", "NX", "GT", "1", "a"),
			cmd("ZADD", "z", "NX", "LT", "1", "a"), cmd("ZADD", "z", "INCR", "1", "a", "2", "b"), cmd("ZADD", "z", "NX"), cmd("ZADD", "z", "NX", "1"), cmd("ZADD", "z", "1", "NX"), cmd("ZADD", "z", "NX", "NX", "1", "nx"),
			cmd("ZADD", "z", "1", "a", "2"), cmd("ZADD", "z", "FOO", "1", "a"), cmd("ZADD", "z", "1", "a", "x", "b"),
			cmd("ZADD", "z", "NX", "XX", "1", "a", "2"), cmd("ZADD", "z", "NX", "XX", "INCR", "1", "a", "2", "b"),
			cmd("ZADD", "z", "INCR", "GT", "LT", "1", "a", "x", "b"),
			cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"), cmd("ZADD", "nokey", "XX", "1", "a"), cmd("EXISTS", "nokey"),
			cmd("ZADD", "nokey", "XX", "INCR", "1", "a"), cmd("EXISTS", "nokey"), cmd("ZADD", "z", "2", "a", "2", "a", "3", "a"),
			cmd("ZSCORE", "z", "a"), cmd("TYPE", "z")),
		commands("zadd incr and zincrby", abc,
			cmd("ZADD", "z", "INCR", "5", "a"), cmd("ZADD", "z", "INCR", "5", "new"), cmd("ZADD", "z", "NX", "INCR", "5", "a"),
			cmd("ZADD", "z", "XX", "INCR", "5", "nope"), cmd("ZADD", "z", "GT", "INCR", "-1", "a"), cmd("ZADD", "z", "LT", "INCR", "-1", "a"),
			cmd("ZADD", "z", "INCR", "0", "a"), cmd("ZINCRBY", "z", "2.5", "b"), cmd("ZINCRBY", "z", "1", "fresh"),
			cmd("ZINCRBY", "z", "x", "b"), cmd("ZINCRBY", "z", "inf", "b"), cmd("ZINCRBY", "z", "-inf", "b"), cmd("ZSCORE", "z", "b"),
			cmd("ZINCRBY", "z", "-0", "zero"), cmd("ZSCORE", "z", "zero"), cmd("ZADD", "z", "INCR", "-0", "zero2"),
			cmd("ZINCRBY", "nokey", "1", "m"), cmd("ZRANGE", "z", "0", "-1", "WITHSCORES")),
		commands("scores as Redis reads and prints them",
			cmd("ZADD", "f", "1.1", "a", "inf", "b", "-inf", "c", "1e20", "d", "0.0001", "e", "1e-5", "f", "-0", "g"),
			cmd("ZADD", "f", "123456789012345678", "h", "+5", "i", "0x10", "j", "1E3", "k", ".5", "l", "5.", "m", "Infinity", "n"),
			cmd("ZADD", "f", "4e-320", "o", "-1.5e-3", "p", "0.1", "q", "1e308", "r", "3", "s"),
			cmd("ZRANGE", "f", "0", "-1", "WITHSCORES"), cmd("ZSCAN", "f", "0"),
			cmd("ZADD", "f", "nan", "x"), cmd("ZADD", "f", "", "x"), cmd("ZADD", "f", " 1", "x"), cmd("ZADD", "f", "1 ", "x"),
			cmd("ZADD", "f", "1e400", "x"), cmd("ZADD", "f", "1e-400", "x"), cmd("ZADD", "f", "-1e400", "x"), cmd("ZADD", "f", "0x", "x"),
			cmd("ZADD", "f", "1e", "x"), cmd("ZADD", "f", "1e+", "x"), cmd("ZADD", "f", "--1", "x"), cmd("ZADD", "f", "1_000", "x"),
			cmd("ZADD", "f", "0x1p3", "x"), cmd("ZADD", "f", "0x1.8", "y"), cmd("ZADD", "f", "infinit", "x"), cmd("ZADD", "f", "1\x00", "x"),
			cmd("ZSCORE", "f", "x"), cmd("ZSCORE", "f", "y"), cmd("ZMSCORE", "f", "a", "nope", "b")),
		commands("zrem zscore zcard zrank", abc,
			cmd("ZSCORE", "z", "a"), cmd("ZSCORE", "z", "nope"), cmd("ZSCORE", "nokey", "a"), cmd("ZMSCORE", "z", "c", "x", "a"),
			cmd("ZMSCORE", "nokey", "a", "b"), cmd("ZCARD", "z"), cmd("ZCARD", "nokey"), cmd("ZRANK", "z", "a"), cmd("ZRANK", "z", "c"),
			cmd("ZREVRANK", "z", "a"), cmd("ZREVRANK", "z", "c"), cmd("ZRANK", "z", "nope"), cmd("ZRANK", "nokey", "a"),
			cmd("ZREVRANK", "nokey", "a"), cmd("ZREM", "z", "a", "a", "nope"), cmd("ZREM", "nokey", "a"), cmd("ZCARD", "z"),
			cmd("EXPIRE", "z", "100"), cmd("ZREM", "z", "b", "c"), cmd("EXISTS", "z"), cmd("ZADD", "z", "1", "x"), cmd("TTL", "z")),
		commands("zrange by rank", abc, cmd("ZADD", "z", "4", "d", "5", "e"),
			cmd("ZRANGE", "z", "0", "-1"), cmd("ZRANGE", "z", "1", "3", "WITHSCORES"), cmd("ZRANGE", "z", "-2", "-1"),
			cmd("ZRANGE", "z", "-100", "100"), cmd("ZRANGE", "z", "3", "1"), cmd("ZRANGE", "z", "5", "10"), cmd("ZRANGE", "z", "-1", "-2"),
			cmd("ZRANGE", "z", "0", "-1", "REV"), cmd("ZRANGE", "z", "0", "1", "REV", "WITHSCORES"), cmd("ZREVRANGE", "z", "0", "1"),
			cmd("ZREVRANGE", "z", "-2", "-1", "withscores"), cmd("ZREVRANGE", "z", "0", "-1", "REV"), cmd("ZRANGE", "nokey", "0", "-1"),
			cmd("ZRANGE", "z", "a", "1"), cmd("ZRANGE", "z", "0", "1.5"), cmd("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"),
			cmd("ZREVRANGE", "z", "0", "1", "LIMIT", "0", "1"), cmd("ZRANGE", "z", "0", "1", "FOO"), cmd("ZRANGE", "z", "0", "1", "LIMIT", "0"),
			cmd("ZRANGE", "z", "0", "1", "REV", "REV"), cmd("ZRANGE", "nokey", "a", "b"), cmd("ZRANGE", "z", "0", "9223372036854775807"),
			cmd("ZRANGE", "z", "-9223372036854775808", "0")),
		commands("zrange by score", abc, cmd("ZADD", "z", "4", "d", "5", "e", "-inf", "ninf", "inf", "pinf"),
			cmd("ZRANGEBYSCORE", "z", "-inf", "+inf"), cmd("ZRANGEBYSCORE", "z", "2", "4", "WITHSCORES"), cmd("ZRANGEBYSCORE", "z", "(2", "(4"),
			cmd("ZRANGEBYSCORE", "z", "(2", "4"), cmd("ZRANGEBYSCORE", "z", "4", "2"), cmd("ZRANGEBYSCORE", "z", "(2", "2"),
			cmd("ZRANGEBYSCORE", "z", "2", "2"), cmd("ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "1", "2"),
			cmd("ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "1", "-1"), cmd("ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "-1", "2"),
			cmd("ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "100", "2"), cmd("ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "0", "0"),
			cmd("ZRANGEBYSCORE", "z", "3", "inf", "LIMIT", "1", "10", "WITHSCORES"), cmd("ZREVRANGEBYSCORE", "z", "4", "2"),
			cmd("ZREVRANGEBYSCORE", "z", "2", "4"), cmd("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "1", "3"),
			cmd("ZREVRANGEBYSCORE", "z", "(4", "(1"), cmd("ZRANGE", "z", "2", "4", "BYSCORE"), cmd("ZRANGE", "z", "4", "2", "BYSCORE", "REV"),
			cmd("ZRANGE", "z", "(1", "+inf", "BYSCORE", "LIMIT", "1", "2", "WITHSCORES"), cmd("ZRANGEBYSCORE", "z", "x", "1"),
			cmd("ZRANGEBYSCORE", "z", "1", "nan"), cmd("ZRANGEBYSCORE", "z", "((1", "2"), cmd("ZRANGEBYSCORE", "z", "(", "2"),
			cmd("ZRANGEBYSCORE", "z", " 1", "2"), cmd("ZRANGEBYSCORE", "z", "1 ", "2"), cmd("ZRANGEBYSCORE", "z", "1e400", "inf"),
			cmd("ZRANGEBYSCORE", "z", "-1e400", "(-inf"), cmd("ZRANGEBYSCORE", "z", "0x2", "3"), cmd("ZRANGEBYSCORE", "z", "", "3"),
			cmd("ZRANGEBYSCORE", "z", "1", "2", "REV"), cmd("ZRANGEBYSCORE", "z", "1", "2", "BYLEX"), cmd("ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "x", "1"),
			cmd("ZRANGEBYSCORE", "z", "1", "2", "LIMIT", "1"), cmd("ZRANGEBYSCORE", "nokey", "1", "2"), cmd("ZRANGEBYSCORE", "nokey", "x", "2"),
			cmd("ZRANGE", "z", "1", "2", "BYSCORE", "BYLEX"), cmd("ZRANGE", "z", "1", "2", "BYSCORE", "BYSCORE")),
		commands("zrange by lex", lex,
			cmd("ZRANGEBYLEX", "l", "-", "+"), cmd("ZRANGEBYLEX", "l", "[b", "[d"), cmd("ZRANGEBYLEX", "l", "(b", "(d"),
			cmd("ZRANGEBYLEX", "l", "[b", "(b"), cmd("ZRANGEBYLEX", "l", "[b", "[b"), cmd("ZRANGEBYLEX", "l", "+", "-"),
			cmd("ZRANGEBYLEX", "l", "-", "-"), cmd("ZRANGEBYLEX", "l", "+", "+"), cmd("ZRANGEBYLEX", "l", "[", "[b"),
			cmd("ZRANGEBYLEX", "l", "(", "(b"), cmd("ZRANGEBYLEX", "l", "-", "+", "LIMIT", "1", "2"), cmd("ZRANGEBYLEX", "l", "[c", "+", "LIMIT", "0", "-1"),
			cmd("ZREVRANGEBYLEX", "l", "+", "-"), cmd("ZREVRANGEBYLEX", "l", "[d", "(a", "LIMIT", "1", "2"), cmd("ZREVRANGEBYLEX", "l", "-", "+"),
			cmd("ZRANGE", "l", "[b", "[d", "BYLEX"), cmd("ZRANGE", "l", "[d", "[b", "BYLEX", "REV"), cmd("ZRANGE", "l", "-", "+", "BYLEX", "LIMIT", "2", "2"),
			cmd("ZRANGEBYLEX", "l", "a", "b"), cmd("ZRANGEBYLEX", "l", "[a", "bb"), cmd("ZRANGEBYLEX", "l", "", "+"), cmd("ZRANGEBYLEX", "l", "+a", "+"),
			cmd("ZRANGEBYLEX", "l", "-", "+", "WITHSCORES"), cmd("ZRANGE", "l", "-", "+", "BYLEX", "WITHSCORES"), cmd("ZRANGEBYLEX", "nokey", "-", "+"),
			cmd("ZRANGEBYLEX", "nokey", "x", "+"), cmd("ZLEXCOUNT", "l", "-", "+"), cmd("ZLEXCOUNT", "l", "(a", "[c"), cmd("ZLEXCOUNT", "l", "[c", "[a"),
			cmd("ZLEXCOUNT", "l", "x", "+"), cmd("ZLEXCOUNT", "nokey", "-", "+"), cmd("ZREMRANGEBYLEX", "l", "[b", "(d"),
			cmd("ZREMRANGEBYLEX", "l", "x", "+"), cmd("ZRANGEBYLEX", "l", "-", "+"), cmd("ZREMRANGEBYLEX", "l", "-", "+"), cmd("EXISTS", "l")),
		commands("zcount", abc, cmd("ZADD", "z", "4", "d"),
			cmd("ZCOUNT", "z", "-inf", "+inf"), cmd("ZCOUNT", "z", "(1", "3"), cmd("ZCOUNT", "z", "3", "1"), cmd("ZCOUNT", "z", "(2", "(3"),
			cmd("ZCOUNT", "z", "10", "20"), cmd("ZCOUNT", "z", "-20", "-10"), cmd("ZCOUNT", "z", "x", "1"), cmd("ZCOUNT", "nokey", "0", "1"),
			cmd("ZCOUNT", "nokey", "x", "1")),
		commands("zpopmin zpopmax", abc, cmd("ZADD", "z", "4", "d", "5", "e"),
			cmd("ZPOPMIN", "z"), cmd("ZPOPMAX", "z"), cmd("ZPOPMIN", "z", "2"), cmd("ZPOPMIN", "z", "0"), cmd("ZPOPMIN", "z", "-1"),
			cmd("ZPOPMIN", "z", "x"), cmd("ZPOPMIN", "z", "1", "2"), cmd("ZPOPMIN", "nokey"), cmd("ZPOPMAX", "nokey", "3"),
			cmd("ZPOPMIN", "nokey", "-1"), cmd("ZPOPMAX", "z", "100"), cmd("EXISTS", "z"), cmd("ZADD", "z", "1.5", "a"),
			cmd("ZPOPMAX", "z", "9223372036854775807"), cmd("EXISTS", "z")),
		commands("zremrangebyrank and byscore", abc, cmd("ZADD", "z", "4", "d", "5", "e", "6", "f"),
			cmd("ZREMRANGEBYRANK", "z", "0", "0"), cmd("ZREMRANGEBYRANK", "z", "-1", "-1"), cmd("ZREMRANGEBYRANK", "z", "3", "1"),
			cmd("ZREMRANGEBYRANK", "z", "10", "20"), cmd("ZREMRANGEBYRANK", "z", "x", "1"), cmd("ZREMRANGEBYRANK", "nokey", "0", "-1"),
			cmd("ZRANGE", "z", "0", "-1"), cmd("ZREMRANGEBYSCORE", "z", "(2", "4"), cmd("ZREMRANGEBYSCORE", "z", "5", "1"),
			cmd("ZREMRANGEBYSCORE", "z", "x", "1"), cmd("ZREMRANGEBYSCORE", "nokey", "0", "1"), cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"),
			cmd("ZREMRANGEBYRANK", "z", "0", "-1"), cmd("EXISTS", "z"), cmd("ZADD", "z", "1", "a"), cmd("ZREMRANGEBYSCORE", "z", "-inf", "inf"),
			cmd("EXISTS", "z")),
		commands("zscan", abc,
			cmd("ZSCAN", "z", "0"), cmd("ZSCAN", "z", "0", "MATCH", "[ab]"), cmd("ZSCAN", "z", "0", "COUNT", "1"), cmd("ZSCAN", "nokey", "0"),
			cmd("ZSCAN", "z", "x"), cmd("ZSCAN", "nokey", "x"), cmd("ZSCAN", "z", "0", "COUNT", "0"), cmd("ZSCAN", "nokey", "0", "COUNT", "0"),
			cmd("ZSCAN", "z", "0", "TYPE", "zset"), cmd("ZSCAN", "z", "0", "MATCH")),
	})
}

// TestSameAsRedisZsetRandom holds seeded random conversations of sorted
// set commands over a few keys, members and scores (many equal, so that
// members break ties), with the range arguments drawn from ranks, scores,
// lex bounds and option words. Every reply of a sorted set is ordered, so
// they are compared byte for byte; a failure repeats with the seed.
func TestSameAsRedisZsetRandom(t *testing.T) {
	names := []string{"ZADD", "ZADD", "ZADD", "ZINCRBY", "ZREM", "ZSCORE", "ZMSCORE", "ZCARD", "ZCOUNT", "ZLEXCOUNT",
		"ZRANK", "ZREVRANK", "ZRANGE", "ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZRANGEBYLEX",
		"ZREVRANGEBYLEX", "ZPOPMIN", "ZPOPMAX", "ZREMRANGEBYRANK", "ZREMRANGEBYSCORE", "ZREMRANGEBYLEX"}
	words := []string{"z", "z", "z", "z2", "a", "b", "c", "d", "e", "0", "1", "2", "-1", "-2", "3", "(1", "(2",
		"-inf", "+inf", "[a", "[c", "(b", "-", "+", "WITHSCORES", "LIMIT", "BYSCORE", "BYLEX", "REV", "NX", "XX",
		"GT", "LT", "CH", "INCR", "1.5", "x"}
	rng := rand.New(rand.NewPCG(7, 8))
	var cases []diffCase
	for i := range 150 {
		cmds := [][]string{cmd("ZADD", "z", "1", "a", "1", "b", "2", "c", "2", "d", "3", "e")}
		for range 2 + rng.IntN(8) {
			c := []string{names[rng.IntN(len(names))], "z"}
			if rng.IntN(8) == 0 {
				c[1] = "z2"
			}
			for range 1 + rng.IntN(5) {
				c = append(c, words[rng.IntN(len(words))])
			}
			cmds = append(cmds, c)
		}
		cmds = append(cmds, cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"), cmd("ZRANGE", "z2", "0", "-1", "WITHSCORES"))
		cases = append(cases, commands("random "+strconv.Itoa(i), cmds...))
	}
	runDiff(t, cases)
}
