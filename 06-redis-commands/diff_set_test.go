//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The set commands against real Redis. Replies whose order is the hash
// table's (SMEMBERS, SINTER, SUNION, SDIFF, SSCAN, SPOP and SRANDMEMBER of
// the whole set) are compared as sets; random picks are checked for their
// properties in TestSetRandomPicks.
func TestSameAsRedisSet(t *testing.T) {
	abc := cmd("SADD", "s", "a", "b", "c")
	runDiff(t, []diffCase{
		commands("arity",
			cmd("SADD", "s"), cmd("SREM", "s"), cmd("SMEMBERS"), cmd("SISMEMBER", "s"), cmd("SMISMEMBER", "s"),
			cmd("SCARD"), cmd("SPOP"), cmd("SRANDMEMBER"), cmd("SMOVE", "a", "b"), cmd("SINTER"), cmd("SINTERCARD", "1"),
			cmd("SUNION"), cmd("SDIFF"), cmd("SINTERSTORE", "d"), cmd("SUNIONSTORE", "d"), cmd("SDIFFSTORE", "d"),
			cmd("SSCAN", "s"), cmd("EXISTS", "s", "d")),
		commands("sadd srem scard sismember", abc,
			cmd("SADD", "s", "a", "d", "d", ""), cmd("SCARD", "s"), cmd("SCARD", "nokey"), cmd("SISMEMBER", "s", "a"),
			cmd("SISMEMBER", "s", "z"), cmd("SISMEMBER", "nokey", "a"), cmd("SMISMEMBER", "s", "a", "z", ""),
			cmd("SMISMEMBER", "nokey", "a", "b"), cmd("SREM", "s", "a", "a", "z"), cmd("SREM", "nokey", "a"),
			cmd("SCARD", "s"), cmd("TYPE", "s"), cmd("SADD", "n", "1", "2", "3"), cmd("SCARD", "n")),
		commands("srem deletes the key with its last member", abc,
			cmd("EXPIRE", "s", "100"), cmd("SREM", "s", "a", "b", "c"), cmd("EXISTS", "s"), cmd("SADD", "s", "x"),
			cmd("TTL", "s")),
		unordered(1, commands("smembers and the algebra", abc, cmd("SADD", "t", "b", "c", "d"), cmd("SADD", "u", "c", "e"),
			cmd("SMEMBERS", "s"), cmd("SMEMBERS", "nokey"), cmd("SINTER", "s", "t"), cmd("SINTER", "s", "t", "u"),
			cmd("SINTER", "s", "nokey"), cmd("SINTER", "s"), cmd("SINTER", "s", "s"), cmd("SUNION", "s", "t", "u", "nokey"),
			cmd("SUNION", "nokey"), cmd("SDIFF", "s", "t"), cmd("SDIFF", "s", "nokey", "u"), cmd("SDIFF", "nokey", "s"),
			cmd("SDIFF", "s", "s"), cmd("SSCAN", "s", "0"), cmd("SSCAN", "s", "0", "MATCH", "[ab]"), cmd("SSCAN", "nokey", "0"))),
		unordered(1, commands("stores", abc, cmd("SADD", "t", "b", "c", "d"), cmd("SET", "str", "v"),
			cmd("SINTERSTORE", "d", "s", "t"), cmd("SMEMBERS", "d"), cmd("SUNIONSTORE", "d", "s", "t"), cmd("SMEMBERS", "d"),
			cmd("SDIFFSTORE", "d", "s", "t"), cmd("SMEMBERS", "d"), cmd("EXPIRE", "d", "100"),
			cmd("SUNIONSTORE", "d", "d", "t"), cmd("TTL", "d"), cmd("SINTERSTORE", "d", "s", "nokey"), cmd("EXISTS", "d"),
			cmd("SDIFFSTORE", "str", "s"), cmd("TYPE", "str"), cmd("SDIFFSTORE", "str", "s", "s"), cmd("EXISTS", "str"),
			cmd("SET", "str", "v"), cmd("SINTERSTORE", "str", "nokey"), cmd("EXISTS", "str"), cmd("SUNIONSTORE", "s", "s"),
			cmd("SMEMBERS", "s"), cmd("SINTERSTORE", "x", "s", "str"), cmd("SUNIONSTORE", "x", "nokey", "s"), cmd("SMEMBERS", "x"))),
		commands("sintercard", abc, cmd("SADD", "t", "b", "c", "d"), cmd("SET", "str", "v"),
			cmd("SINTERCARD", "2", "s", "t"), cmd("SINTERCARD", "1", "s"), cmd("SINTERCARD", "2", "s", "nokey"),
			cmd("SINTERCARD", "2", "s", "t", "LIMIT", "1"), cmd("SINTERCARD", "2", "s", "t", "limit", "0"),
			cmd("SINTERCARD", "2", "s", "t", "LIMIT", "100"), cmd("SINTERCARD", "0", "s"), cmd("SINTERCARD", "-1", "s"),
			cmd("SINTERCARD", "x", "s"), cmd("SINTERCARD", "3", "s", "t"), cmd("SINTERCARD", "1", "s", "LIMIT"),
			cmd("SINTERCARD", "1", "s", "LIMIT", "-1"), cmd("SINTERCARD", "1", "s", "LIMIT", "x"),
			cmd("SINTERCARD", "1", "s", "FOO", "1"), cmd("SINTERCARD", "2", "nokey", "str"),
			cmd("SINTERCARD", "1", "s", "LIMIT", "1", "LIMIT", "2"), cmd("SINTERCARD", "9223372036854775808", "s")),
		commands("smove", abc, cmd("SADD", "t", "x"), cmd("SET", "str", "v"),
			cmd("SMOVE", "s", "t", "a"), cmd("SMOVE", "s", "t", "z"), cmd("SMOVE", "s", "new", "b"), cmd("TYPE", "new"),
			cmd("SMOVE", "s", "s", "c"), cmd("SMOVE", "s", "s", "z"), cmd("SMOVE", "nokey", "str", "a"),
			cmd("SMOVE", "s", "str", "c"), cmd("SMOVE", "str", "s", "c"), cmd("SMOVE", "s", "t", "c"), cmd("EXISTS", "s"),
			cmd("SCARD", "t"), cmd("SMOVE", "t", "t", "a")),
		commands("spop and srandmember on one member", cmd("SADD", "one", "m"),
			cmd("SRANDMEMBER", "one"), cmd("SRANDMEMBER", "one", "1"), cmd("SRANDMEMBER", "one", "-3"),
			cmd("SRANDMEMBER", "one", "5"), cmd("SRANDMEMBER", "one", "0"), cmd("SRANDMEMBER", "nokey"),
			cmd("SRANDMEMBER", "nokey", "5"), cmd("SRANDMEMBER", "nokey", "-5"), cmd("SRANDMEMBER", "one", "x"),
			cmd("SRANDMEMBER", "nokey", "x"), cmd("SRANDMEMBER", "one", "1", "2"),
			cmd("SRANDMEMBER", "one", "-9223372036854775808"), cmd("SRANDMEMBER", "one", "9223372036854775807"),
			cmd("SPOP", "one", "0"), cmd("SPOP", "one", "-1"), cmd("SPOP", "one", "x"), cmd("SPOP", "nokey", "-1"),
			cmd("SPOP", "one", "1", "2"), cmd("SPOP", "nokey"), cmd("SPOP", "nokey", "3"), cmd("SPOP", "nokey", "0"),
			cmd("SPOP", "one"), cmd("EXISTS", "one"), cmd("SADD", "one", "m"), cmd("SPOP", "one", "1"), cmd("EXISTS", "one"),
			cmd("SADD", "one", "m"), cmd("SPOP", "one", "9223372036854775807"), cmd("EXISTS", "one")),
		unordered(1, commands("spop and srandmember of the whole set", abc,
			cmd("SRANDMEMBER", "s", "3"), cmd("SRANDMEMBER", "s", "100"), cmd("SPOP", "s", "5"), cmd("EXISTS", "s"))),
		commands("sscan errors", abc,
			cmd("SSCAN", "s", "x"), cmd("SSCAN", "nokey", "x"), cmd("SSCAN", "nokey", "0", "COUNT", "0"),
			cmd("SSCAN", "s", "0", "COUNT", "0"), cmd("SSCAN", "s", "0", "TYPE", "set"), cmd("SSCAN", "s", "0", "MATCH"),
			cmd("SSCAN", "s", "0", "COUNT", "x")),
	})
}

// TestSetRandomPicks checks what Redis leaves to chance: SPOP and
// SRANDMEMBER answer members of the set, distinct ones for a positive
// count, and SPOP removes what it answers.
func TestSetRandomPicks(t *testing.T) {
	srv, _ := startServer(t, config{})
	conn := dial(t, srv.Addr())
	members := map[string]bool{}
	args := []string{"SADD", "s"}
	for i := range 50 {
		members["m"+strconv.Itoa(i)] = true
		args = append(args, "m"+strconv.Itoa(i))
	}
	require.Equal(t, ":50\r\n", conn.do(args...))

	picks := arrayItems(t, conn.do("SRANDMEMBER", "s", "-200"))
	require.Len(t, picks, 200)
	for _, p := range picks {
		require.True(t, members[p], p)
	}
	for _, count := range []int{1, 10, 30, 49} {
		picks := arrayItems(t, conn.do("SRANDMEMBER", "s", strconv.Itoa(count)))
		require.Len(t, picks, count)
		seen := map[string]bool{}
		for _, p := range picks {
			require.True(t, members[p] && !seen[p], "%s in %v", p, picks)
			seen[p] = true
		}
	}
	popped := arrayItems(t, conn.do("SPOP", "s", "20"))
	require.Len(t, popped, 20)
	one := conn.do("SPOP", "s")
	popped = append(popped, strings.Split(one, "\r\n")[1])
	for _, p := range popped {
		require.True(t, members[p], p)
		require.Equal(t, ":0\r\n", conn.do("SISMEMBER", "s", p))
		delete(members, p)
	}
	require.Len(t, members, 29)
	require.Equal(t, ":29\r\n", conn.do("SCARD", "s"))
}

// TestSscanBigSet pages through a set too big to answer whole while
// members come and go, and checks SSCAN's guarantee: every member present
// all along is returned.
func TestSscanBigSet(t *testing.T) {
	srv, _ := startServer(t, config{})
	conn := dial(t, srv.Addr())
	args := []string{"SADD", "big"}
	for i := range 1000 {
		args = append(args, "m"+strconv.Itoa(i))
	}
	require.Equal(t, ":1000\r\n", conn.do(args...))
	seen := map[string]bool{}
	cursor := "0"
	for round := 0; round < 1000; round++ {
		var page []string
		cursor, page = scanPage(t, conn.do("SSCAN", "big", cursor, "COUNT", "37"))
		for _, m := range page {
			seen[m] = true
		}
		// Churn: remove a member not yet reached, and add new ones.
		conn.do("SREM", "big", "m"+strconv.Itoa(999-round))
		conn.do("SADD", "big", "new"+strconv.Itoa(round))
		if cursor == "0" {
			break
		}
	}
	require.Equal(t, "0", cursor)
	for i := range 1000 {
		if m := "m" + strconv.Itoa(i); i < 500 {
			require.True(t, seen[m], m)
		}
	}
}

// scanPage splits a SCAN-like reply into its cursor and its items.
func scanPage(t *testing.T, reply string) (string, []string) {
	t.Helper()
	parts := strings.SplitN(reply, "\r\n", 4) // *2, $len, cursor, the items' array
	require.Len(t, parts, 4, "reply %q", reply)
	return parts[2], arrayItems(t, parts[3])
}

// TestSameAsRedisSetRandom holds seeded random conversations of the
// deterministic set commands over three keys and four members, so that
// the algebra meets missing keys, empty results and a destination that
// is also a source. Arrays are compared as sets.
func TestSameAsRedisSetRandom(t *testing.T) {
	names := []string{"SADD", "SADD", "SREM", "SISMEMBER", "SMISMEMBER", "SCARD", "SMOVE", "SINTER", "SUNION",
		"SDIFF", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE", "SINTERCARD", "SMEMBERS"}
	words := []string{"s", "t", "u", "a", "b", "c", "d", "1", "2", "LIMIT"}
	rng := rand.New(rand.NewPCG(9, 10))
	var cases []diffCase
	for i := range 150 {
		cmds := [][]string{cmd("SADD", "s", "a", "b", "c"), cmd("SADD", "t", "b", "c", "d")}
		for range 2 + rng.IntN(8) {
			c := []string{names[rng.IntN(len(names))]}
			for range 1 + rng.IntN(4) {
				c = append(c, words[rng.IntN(len(words))])
			}
			cmds = append(cmds, c)
		}
		cmds = append(cmds, cmd("SMEMBERS", "s"), cmd("SMEMBERS", "t"), cmd("SMEMBERS", "u"))
		cases = append(cases, unordered(1, commands("random "+strconv.Itoa(i), cmds...)))
	}
	runDiff(t, cases)
}
