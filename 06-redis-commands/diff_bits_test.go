//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// The bit commands against real Redis.
func TestSameAsRedisBits(t *testing.T) {
	foobar := cmd("SET", "s", "foobar")
	runDiff(t, []diffCase{
		commands("arity", cmd("SETBIT", "k", "1"), cmd("GETBIT", "k"), cmd("BITCOUNT"), cmd("BITPOS", "k"), cmd("BITOP", "AND", "d")),
		commands("setbit getbit",
			cmd("SETBIT", "k", "7", "1"), cmd("GET", "k"), cmd("SETBIT", "k", "7", "0"), cmd("GETBIT", "k", "7"), cmd("SETBIT", "k", "100", "1"),
			cmd("STRLEN", "k"), cmd("GETBIT", "k", "100"), cmd("GETBIT", "k", "101"), cmd("GETBIT", "k", "100000"), cmd("GETBIT", "nokey", "0"),
			cmd("SETBIT", "k", "-1", "1"), cmd("SETBIT", "k", "x", "1"), cmd("SETBIT", "k", "1", "2"), cmd("SETBIT", "k", "1", "-1"),
			cmd("SETBIT", "k", "1", "x"), cmd("SETBIT", "k", "4294967296", "1"), cmd("SETBIT", "k", "4294967295", "x"),
			cmd("GETBIT", "k", "-1"), cmd("GETBIT", "k", "4294967296"), cmd("GETBIT", "k", "1.5"), cmd("SETBIT", "k", "+1", "1"),
			cmd("EXPIRE", "k", "100"), cmd("SETBIT", "k", "0", "1"), cmd("TTL", "k"), cmd("GET", "k"), cmd("SET", "n", "12"),
			cmd("SETBIT", "n", "6", "1"), cmd("GET", "n"), cmd("INCR", "n"), cmd("SETBIT", "new", "0", "0"), cmd("GET", "new")),
		commands("bitcount", foobar,
			cmd("BITCOUNT", "s"), cmd("BITCOUNT", "s", "0", "0"), cmd("BITCOUNT", "s", "1", "1"), cmd("BITCOUNT", "s", "1", "-2"),
			cmd("BITCOUNT", "s", "-2", "-1"), cmd("BITCOUNT", "s", "-1", "-2"), cmd("BITCOUNT", "s", "5", "1"), cmd("BITCOUNT", "s", "-100", "100"),
			cmd("BITCOUNT", "s", "5", "30", "BIT"), cmd("BITCOUNT", "s", "1", "1", "BYTE"), cmd("BITCOUNT", "s", "0", "-1", "bit"),
			cmd("BITCOUNT", "s", "-5", "-1", "BIT"), cmd("BITCOUNT", "s", "3", "3", "BIT"), cmd("BITCOUNT", "s", "0", "47", "BIT"),
			cmd("BITCOUNT", "s", "100", "200", "BIT"), cmd("BITCOUNT", "s", "0"), cmd("BITCOUNT", "s", "0", "1", "FOO"),
			cmd("BITCOUNT", "s", "0", "1", "BIT", "x"), cmd("BITCOUNT", "s", "x", "1"), cmd("BITCOUNT", "s", "-1", "-2", "FOO"),
			cmd("BITCOUNT", "nokey"), cmd("BITCOUNT", "nokey", "0"), cmd("BITCOUNT", "nokey", "x", "y", "z"), cmd("SET", "e", ""),
			cmd("BITCOUNT", "e"), cmd("BITCOUNT", "e", "0", "-1"), cmd("BITCOUNT", "e", "0", "-1", "BIT")),
		commands("bitpos", cmd("SET", "k", "\xff\xf0\x00"), cmd("SET", "ones", "\xff\xff"), cmd("SET", "zeros", "\x00\x00"), cmd("SET", "e", ""),
			cmd("BITPOS", "k", "0"), cmd("BITPOS", "k", "1"), cmd("BITPOS", "k", "0", "1"), cmd("BITPOS", "k", "1", "2"),
			cmd("BITPOS", "k", "0", "0", "0"), cmd("BITPOS", "k", "1", "1", "-1"), cmd("BITPOS", "k", "0", "3", "20", "BIT"),
			cmd("BITPOS", "k", "1", "3", "20", "BIT"), cmd("BITPOS", "k", "1", "13", "20", "bit"), cmd("BITPOS", "k", "0", "2", "3", "BIT"),
			cmd("BITPOS", "k", "0", "-5", "-1", "BIT"), cmd("BITPOS", "k", "1", "-1", "-2"), cmd("BITPOS", "k", "1", "5", "1", "BIT"),
			cmd("BITPOS", "ones", "0"), cmd("BITPOS", "ones", "0", "0"), cmd("BITPOS", "ones", "0", "0", "-1"), cmd("BITPOS", "ones", "0", "8", "BIT"),
			cmd("BITPOS", "ones", "0", "8", "15", "BIT"), cmd("BITPOS", "ones", "0", "3", "BIT"), cmd("BITPOS", "ones", "1", "100"),
			cmd("BITPOS", "zeros", "1"), cmd("BITPOS", "zeros", "0"), cmd("BITPOS", "zeros", "1", "0", "-1"), cmd("BITPOS", "e", "0"),
			cmd("BITPOS", "e", "1"), cmd("BITPOS", "nokey", "0"), cmd("BITPOS", "nokey", "1"), cmd("BITPOS", "nokey", "1", "x"),
			cmd("BITPOS", "k", "2"), cmd("BITPOS", "k", "x"), cmd("BITPOS", "nokey", "2"), cmd("BITPOS", "k", "1", "x"),
			cmd("BITPOS", "k", "1", "0", "x"), cmd("BITPOS", "k", "1", "0", "1", "FOO"), cmd("BITPOS", "k", "1", "0", "1", "BIT", "x"),
			cmd("BITPOS", "k", "0", "0", "-1", "BYTE"), cmd("BITPOS", "k", "1", "-100", "100")),
		commands("bitop", cmd("SET", "a", "\x0f\xff"), cmd("SET", "b", "\xf0"), cmd("SET", "c", "abc"), cmd("RPUSH", "l", "x"),
			cmd("BITOP", "AND", "d", "a", "b"), cmd("GET", "d"), cmd("BITOP", "or", "d", "a", "b"), cmd("GET", "d"),
			cmd("BITOP", "XOR", "d", "a", "b", "c"), cmd("GET", "d"), cmd("BITOP", "NOT", "d", "a"), cmd("GET", "d"),
			cmd("BITOP", "AND", "d", "a", "nokey"), cmd("GET", "d"), cmd("BITOP", "NOT", "d", "a", "b"), cmd("BITOP", "NAND", "d", "a"),
			cmd("BITOP", "AND", "d", "a", "l"), cmd("BITOP", "AND", "d", "nokey", "nokey2"), cmd("EXISTS", "d"),
			cmd("BITOP", "OR", "l", "a"), cmd("TYPE", "l"), cmd("EXPIRE", "a", "100"), cmd("BITOP", "AND", "a", "a", "c"), cmd("TTL", "a"),
			cmd("GET", "a"), cmd("BITOP", "NOT", "e", "nokey"), cmd("EXISTS", "e")),
	})
}

// TestSameAsRedisBitRanges sends BITCOUNT and BITPOS with seeded random
// ranges, in bytes and in bits, over short random strings, where the
// clipping of each end and the masking of partial bytes can go wrong.
func TestSameAsRedisBitRanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 34))
	var cmds [][]string
	for range 40 {
		val := make([]byte, rng.IntN(5))
		for i := range val {
			val[i] = []byte{0, 0xff, byte(rng.IntN(256))}[rng.IntN(3)]
		}
		cmds = append(cmds, cmd("SET", "k", string(val)))
		for range 15 {
			start, end := strconv.Itoa(rng.IntN(90)-45), strconv.Itoa(rng.IntN(90)-45)
			unit := []string{"BYTE", "BIT"}[rng.IntN(2)]
			bit := strconv.Itoa(rng.IntN(2))
			cmds = append(cmds, cmd("BITCOUNT", "k", start, end, unit), cmd("BITPOS", "k", bit, start, end, unit),
				cmd("BITPOS", "k", bit, start), cmd("BITPOS", "k", bit, start, end))
		}
	}
	runDiff(t, []diffCase{commands("random ranges", cmds...)})
}

// LCS against real Redis, with its examples and the edge cases.
func TestSameAsRedisLCS(t *testing.T) {
	ohmy := [][]string{cmd("SET", "a", "ohmytext"), cmd("SET", "b", "mynewtext")}
	with := func(cmds ...[]string) [][]string { return append(append([][]string{}, ohmy...), cmds...) }
	rng := rand.New(rand.NewPCG(5, 6))
	random := func() string {
		b := make([]byte, rng.IntN(30))
		for i := range b {
			b[i] = "abc"[rng.IntN(3)]
		}
		return string(b)
	}
	var randomCmds [][]string
	for range 30 {
		randomCmds = append(randomCmds, cmd("MSET", "x", random(), "y", random()), cmd("LCS", "x", "y"),
			cmd("LCS", "x", "y", "IDX", "WITHMATCHLEN"), cmd("LCS", "x", "y", "IDX", "MINMATCHLEN", "2"))
	}
	runDiff(t, []diffCase{
		commands("lcs", with(cmd("LCS", "a", "b"), cmd("LCS", "a", "b", "LEN"), cmd("LCS", "a", "b", "IDX"),
			cmd("LCS", "a", "b", "IDX", "MINMATCHLEN", "4"), cmd("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"),
			cmd("LCS", "a", "b", "idx", "withmatchlen"), cmd("LCS", "a", "b", "IDX", "MINMATCHLEN", "-5"), cmd("LCS", "a", "b", "LEN", "IDX"),
			cmd("LCS", "a", "b", "MINMATCHLEN"), cmd("LCS", "a", "b", "MINMATCHLEN", "x"), cmd("LCS", "a", "b", "FOO"),
			cmd("LCS", "a", "nokey"), cmd("LCS", "nokey", "nokey2", "IDX"), cmd("LCS", "a", "a", "IDX", "WITHMATCHLEN"),
			cmd("RPUSH", "l", "x"), cmd("LCS", "a", "l"), cmd("LCS", "l", "nokey", "LEN"), cmd("LCS", "a", "b", "LEN", "LEN"),
			cmd("LCS", "a"))...),
		commands("lcs of random strings", randomCmds...),
	})
}
