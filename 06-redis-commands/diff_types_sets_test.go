//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import "testing"

// The set, sorted set, bit and LCS commands join the WRONGTYPE matrix of
// diff_types_test.go (TestSameAsRedisWrongType): a set key st and a
// sorted set key zs are made beside s, l and h, every command of each type
// is sent to the keys of every other type, and every other type's
// commands to st and zs. Command names are written in lower case, since
// withKey puts the key in place of every capital K.
func init() {
	typedKeys = append(typedKeys, cmd("SADD", "st", "1", "2"), cmd("ZADD", "zs", "1", "m"))
	keyOfType["set"] = "st"
	keyOfType["zset"] = "zs"
	typeCommands["set"] = [][]string{
		cmd("sadd", "K", "x"), cmd("srem", "K", "x"), cmd("smembers", "K"), cmd("sismember", "K", "x"),
		cmd("smismember", "K", "x"), cmd("scard", "K"), cmd("spop", "K"), cmd("spop", "K", "2"),
		cmd("srandmember", "K"), cmd("srandmember", "K", "-2"), cmd("smove", "K", "st", "1"), cmd("smove", "st", "K", "1"),
		cmd("sinter", "K", "st"), cmd("sinter", "nokey", "K"), cmd("sintercard", "2", "st", "K"), cmd("sunion", "st", "K"),
		cmd("sdiff", "K", "st"), cmd("sdiff", "st", "K"), cmd("sinterstore", "dst", "st", "K"), cmd("sunionstore", "dst", "K"),
		cmd("sdiffstore", "dst", "st", "K"), cmd("sscan", "K", "0"),
	}
	typeCommands["zset"] = [][]string{
		cmd("zadd", "K", "1", "x"), cmd("zadd", "K", "XX", "1", "x"), cmd("zincrby", "K", "1", "x"), cmd("zrem", "K", "x"),
		cmd("zscore", "K", "x"), cmd("zmscore", "K", "x"), cmd("zcard", "K"), cmd("zcount", "K", "0", "1"),
		cmd("zlexcount", "K", "-", "+"), cmd("zrank", "K", "x"), cmd("zrevrank", "K", "x"), cmd("zrange", "K", "0", "-1"),
		cmd("zrange", "K", "0", "1", "BYSCORE"), cmd("zrangebyscore", "K", "0", "1"), cmd("zrevrange", "K", "0", "-1"),
		cmd("zrevrangebyscore", "K", "1", "0"), cmd("zrangebylex", "K", "-", "+"), cmd("zrevrangebylex", "K", "+", "-"),
		cmd("zpopmin", "K"), cmd("zpopmax", "K", "2"), cmd("zremrangebyrank", "K", "0", "-1"),
		cmd("zremrangebyscore", "K", "0", "1"), cmd("zremrangebylex", "K", "-", "+"), cmd("zscan", "K", "0"),
	}
	typeCommands["string"] = append(typeCommands["string"],
		cmd("setbit", "K", "1", "1"), cmd("getbit", "K", "1"), cmd("bitcount", "K"), cmd("bitcount", "K", "0", "1", "BIT"),
		cmd("bitpos", "K", "1"), cmd("bitop", "AND", "dst", "s", "K"), cmd("bitop", "NOT", "dst", "K"), cmd("lcs", "s", "K"),
		cmd("lcs", "K", "s", "LEN"))
}

// TestSameAsRedisSetKeys runs the commands about keys on sets and sorted
// sets.
func TestSameAsRedisSetKeys(t *testing.T) {
	keys := [][]string{cmd("SADD", "st", "1", "2"), cmd("ZADD", "zs", "1", "m", "2", "n"), cmd("SET", "s", "v")}
	with := func(cmds ...[]string) [][]string { return append(append([][]string{}, keys...), cmds...) }
	runDiff(t, []diffCase{
		commands("type exists del", with(cmd("TYPE", "st"), cmd("TYPE", "zs"), cmd("EXISTS", "st", "zs"), cmd("DBSIZE"),
			cmd("DEL", "st", "zs"), cmd("EXISTS", "st", "zs"))...),
		unordered(1, commands("scan by type", with(cmd("SCAN", "0", "TYPE", "set"), cmd("SCAN", "0", "TYPE", "zset"),
			cmd("SCAN", "0", "TYPE", "ZSET"), cmd("KEYS", "*"))...)),
		commands("rename and expire", with(cmd("RENAME", "zs", "z2"), cmd("ZRANGE", "z2", "0", "-1", "WITHSCORES"),
			cmd("RENAME", "st", "s"), cmd("TYPE", "s"), cmd("SCARD", "s"), cmd("EXPIRE", "z2", "100"), cmd("TTL", "z2"),
			cmd("ZADD", "z2", "3", "o"), cmd("TTL", "z2"), cmd("SET", "z2", "v"), cmd("TTL", "z2"), cmd("TYPE", "z2"))...),
		commands("set and bitop over a set", with(cmd("SETBIT", "st", "1", "1"), cmd("BITOP", "OR", "st", "s"), cmd("TYPE", "st"),
			cmd("GET", "st"), cmd("SINTERSTORE", "s", "zs"), cmd("SUNIONSTORE", "s", "nokey"), cmd("EXISTS", "s"))...),
	})
}
