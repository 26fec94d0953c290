package main

import "testing"

// A WATCH is broken by a write, not by a command that could have written
// and did not: Redis calls signalModifiedKey only after a change (t_*.c).
// Each case watches k, runs one command on it, then an EXEC: a null array
// if the command marked k, the queued PING's reply if it did not.
func TestSameAsRedisWatchOnlyRealWrites(t *testing.T) {
	watching := func(name string, setup [][]string, write ...string) diffCase {
		cmds := append(append([][]string{}, setup...), cmd("WATCH", "k"), write, cmd("MULTI"), cmd("PING"), cmd("EXEC"))
		return commands(name, cmds...)
	}
	str := [][]string{cmd("SET", "k", "v")}
	list := [][]string{cmd("RPUSH", "k", "a", "b")}
	set := [][]string{cmd("SADD", "k", "a")}
	hash := [][]string{cmd("HSET", "k", "f", "v")}
	zset := [][]string{cmd("ZADD", "k", "1", "a")}
	ttl := [][]string{cmd("SET", "k", "v", "EX", "100")}
	runDiff(t, []diffCase{
		// Commands that change nothing leave the WATCH standing.
		watching("set xx missing", nil, "SET", "k", "v", "XX"),
		watching("set nx existing", str, "SET", "k", "w", "NX"),
		watching("del missing", nil, "DEL", "k"),
		watching("expire missing", nil, "EXPIRE", "k", "100"),
		watching("expire nx with ttl", ttl, "EXPIRE", "k", "200", "NX"),
		watching("expire gt smaller", ttl, "EXPIRE", "k", "50", "GT"),
		watching("persist without ttl", str, "PERSIST", "k"),
		watching("getex without options", str, "GETEX", "k"),
		watching("incr not a number", str, "INCR", "k"),
		watching("append wrong type", list, "APPEND", "k", "x"),
		watching("setrange empty", str, "SETRANGE", "k", "0", ""),
		watching("lrem nothing", list, "LREM", "k", "0", "zz"),
		watching("linsert no pivot", list, "LINSERT", "k", "BEFORE", "zz", "x"),
		watching("lpop count 0", list, "LPOP", "k", "0"),
		watching("lpushx missing", nil, "LPUSHX", "k", "a"),
		watching("lmove missing", nil, "LMOVE", "k", "d", "LEFT", "LEFT"),
		watching("srem nothing", set, "SREM", "k", "zz"),
		watching("sadd existing", set, "SADD", "k", "a"),
		watching("spop count 0", set, "SPOP", "k", "0"),
		watching("smove missing member", set, "SMOVE", "k", "d", "zz"),
		watching("hdel nothing", hash, "HDEL", "k", "zz"),
		watching("hsetnx existing", hash, "HSETNX", "k", "f", "w"),
		watching("zrem nothing", zset, "ZREM", "k", "zz"),
		watching("zadd same score", zset, "ZADD", "k", "1", "a"),
		watching("zadd nx existing", zset, "ZADD", "k", "NX", "5", "a"),
		watching("zadd xx missing member", zset, "ZADD", "k", "XX", "5", "b"),
		watching("zremrangebyscore none", zset, "ZREMRANGEBYSCORE", "k", "5", "6"),
		watching("zpopmin count 0", zset, "ZPOPMIN", "k", "0"),
		watching("zincrby 0", zset, "ZINCRBY", "k", "0", "a"),
		watching("rename to itself", str, "RENAME", "k", "k"),
		watching("lpop missing", nil, "LPOP", "k"),
		// Commands that do change k break it, even when the value ends as
		// it was.
		watching("setbit same bit", [][]string{cmd("SETBIT", "k", "0", "1")}, "SETBIT", "k", "0", "1"),
		watching("ltrim whole list", list, "LTRIM", "k", "0", "-1"),
		watching("lset", list, "LSET", "k", "0", "a"),
		watching("hset same value", hash, "HSET", "k", "f", "v"),
		watching("hincrby 0", [][]string{cmd("HSET", "k", "f", "1")}, "HINCRBY", "k", "f", "0"),
		watching("incrby 0", [][]string{cmd("SET", "k", "1")}, "INCRBY", "k", "0"),
		watching("incrbyfloat 0", [][]string{cmd("SET", "k", "1")}, "INCRBYFLOAT", "k", "0"),
		watching("hincrbyfloat 0", [][]string{cmd("HSET", "k", "f", "1")}, "HINCRBYFLOAT", "k", "f", "0"),
		watching("getset same value", str, "GETSET", "k", "v"),
		watching("append empty", str, "APPEND", "k", ""),
		watching("expire", str, "EXPIRE", "k", "100"),
		watching("getex ex", ttl, "GETEX", "k", "EX", "100"),
		watching("persist", ttl, "PERSIST", "k"),
		watching("lrem one", list, "LREM", "k", "1", "a"),
		watching("linsert", list, "LINSERT", "k", "AFTER", "a", "x"),
		watching("lmove rotate", list, "LMOVE", "k", "k", "LEFT", "RIGHT"),
		watching("smove to where it is", [][]string{cmd("SADD", "k", "a"), cmd("SADD", "d", "a")}, "SMOVE", "k", "d", "a"),
		watching("smove in", [][]string{cmd("SADD", "s", "a"), cmd("SADD", "k", "a")}, "SMOVE", "s", "k", "a"),
		watching("smove in existing member", [][]string{cmd("SADD", "s", "a", "b"), cmd("SADD", "k", "a")}, "SMOVE", "s", "k", "a"),
		watching("zadd incr", zset, "ZADD", "k", "INCR", "1", "a"),
		watching("zadd nan after a change", [][]string{cmd("ZADD", "k", "+inf", "a")}, "ZADD", "k", "INCR", "-inf", "a"),
		watching("zpopmax", zset, "ZPOPMAX", "k"),
		watching("sinterstore empty over nothing", nil, "SINTERSTORE", "k", "nosuch"),
		watching("sinterstore empty over a key", str, "SINTERSTORE", "k", "nosuch"),
	})
}
