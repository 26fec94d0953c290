package main

import "testing"

// The blocking pops against real Redis, on one connection: served at once
// when a key has elements, their timeout errors, WRONGTYPE, and inside
// MULTI, where they never block. Waiting and waking need two clients:
// blocked_linux_test.go.
func TestSameAsRedisBlocking(t *testing.T) {
	runDiff(t, []diffCase{
		commands("served at once",
			cmd("RPUSH", "b", "1", "2", "3"), cmd("BLPOP", "a", "b", "0"), cmd("BRPOP", "a", "b", "1.5"),
			cmd("BLMOVE", "b", "c", "LEFT", "RIGHT", "0"), cmd("BRPOPLPUSH", "c", "b", "0"), cmd("LRANGE", "b", "0", "-1"),
			cmd("BLPOP", "b", "0"), cmd("EXISTS", "b"), cmd("BLPOP", "b", "b", "c", "0")),
		commands("zset served at once",
			cmd("ZADD", "z", "1", "a", "2", "b", "3.5", "c"), cmd("BZPOPMIN", "nokey", "z", "0"), cmd("BZPOPMAX", "z", "0"),
			cmd("BZPOPMAX", "z", "0.1"), cmd("EXISTS", "z")),
		commands("timeout errors",
			cmd("BLPOP", "a", "-1"), cmd("BLPOP", "a", "x"), cmd("BRPOP", "a", ""), cmd("BLPOP", "a", "1e400"),
			cmd("BLPOP", "a", "inf"), cmd("BLPOP", "a", "nan"), cmd("BZPOPMIN", "a", "-5"),
			cmd("BLMOVE", "a", "b", "LEFT", "LEFT", "-1"), cmd("BLMOVE", "a", "b", "UP", "LEFT", "x"),
			cmd("BLMOVE", "a", "b", "LEFT", "DOWN", "x"), cmd("BRPOPLPUSH", "a", "b", "x")),
		commands("wrong type",
			cmd("SET", "s", "x"), cmd("BLPOP", "s", "0"), cmd("BLPOP", "nokey", "s", "0"), cmd("BZPOPMIN", "s", "0"),
			cmd("RPUSH", "l", "a"), cmd("BZPOPMAX", "l", "0"), cmd("BLMOVE", "l", "s", "LEFT", "LEFT", "0"),
			cmd("BRPOPLPUSH", "s", "l", "0"), cmd("LRANGE", "l", "0", "-1"), cmd("BLPOP", "s", "-1")),
		commands("arity",
			cmd("BLPOP", "a"), cmd("BRPOP"), cmd("BLMOVE", "a", "b", "LEFT", "LEFT"), cmd("BRPOPLPUSH", "a", "b"),
			cmd("BZPOPMIN", "a"), cmd("BZPOPMAX")),
		commands("inside multi never blocks",
			cmd("MULTI"), cmd("BLPOP", "a", "0"), cmd("BRPOP", "a", "b", "0"), cmd("BLMOVE", "a", "b", "LEFT", "LEFT", "0"),
			cmd("BRPOPLPUSH", "a", "b", "0"), cmd("BZPOPMIN", "a", "0"), cmd("BZPOPMAX", "a", "0"),
			cmd("RPUSH", "a", "x"), cmd("BLPOP", "a", "0"), cmd("EXEC")),
		commands("a tiny negative timeout is none", cmd("BLPOP", "a", "-0.0001")),
		commands("timeout", cmd("BLPOP", "a", "0.01"), cmd("BLMOVE", "a", "b", "LEFT", "LEFT", "0.01"),
			cmd("BZPOPMIN", "a", "0.01"), cmd("PING")),
	})
}
