//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestSameAsRedisZsetLexMixedScores sends lex ranges to small sorted sets
// whose members have different scores, which Redis's documentation calls
// unspecified: Redis scans its listpack from one end, and so must we (see
// zset.first), or most of these answers differ. The seed is fixed.
func TestSameAsRedisZsetLexMixedScores(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	bounds := []string{"-", "+", "[a", "(a", "[c", "(c", "[e", "(e", "[g", "(b", "[d", "[f"}
	var cases []diffCase
	for i := range 60 {
		add := []string{"ZADD", "z"}
		for _, m := range []string{"a", "b", "c", "d", "e", "f", "g"} {
			add = append(add, strconv.Itoa(rng.IntN(4)), m)
		}
		cmds := [][]string{add}
		for range 12 {
			lo, hi := bounds[rng.IntN(len(bounds))], bounds[rng.IntN(len(bounds))]
			cmds = append(cmds, cmd("ZRANGEBYLEX", "z", lo, hi), cmd("ZREVRANGEBYLEX", "z", hi, lo), cmd("ZLEXCOUNT", "z", lo, hi))
		}
		cmds = append(cmds, cmd("ZREMRANGEBYLEX", "z", bounds[rng.IntN(len(bounds))], bounds[rng.IntN(len(bounds))]), cmd("ZRANGE", "z", "0", "-1"))
		cases = append(cases, commands("mixed "+strconv.Itoa(i), cmds...))
	}
	runDiff(t, cases)
}
