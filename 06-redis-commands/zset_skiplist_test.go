package main

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSkiplistAgainstSortedSlice applies random adds, score changes and
// removals to a zset and to a plain map, and after each step checks the
// skip list's order, ranks, rank lookups and backward links against the
// map's elements sorted.
func TestSkiplistAgainstSortedSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	z := newZset()
	want := map[string]float64{}
	for step := range 3000 {
		member := "m" + strconv.Itoa(rng.IntN(300))
		switch rng.IntN(3) {
		case 0, 1:
			score := float64(rng.IntN(50)) // many equal scores: order by member
			z.set(member, score)
			want[member] = score
		case 2:
			_, had := want[member]
			require.Equal(t, had, z.remove(member))
			delete(want, member)
		}
		if step%100 != 0 {
			continue
		}
		sorted := make([]string, 0, len(want))
		for m := range want {
			sorted = append(sorted, m)
		}
		sort.Slice(sorted, func(i, j int) bool {
			a, b := sorted[i], sorted[j]
			return want[a] < want[b] || (want[a] == want[b] && a < b)
		})
		require.Equal(t, len(sorted), z.zsl.length)
		var back *zslNode
		x := z.zsl.head.level[0].forward
		for i, m := range sorted {
			require.Equal(t, m, x.member)
			require.Equal(t, want[m], x.score)
			require.Equal(t, back, x.backward)
			require.Equal(t, i+1, z.zsl.rank(x.score, x.member))
			require.Same(t, x, z.zsl.byRank(i+1))
			back, x = x, x.level[0].forward
		}
		require.Nil(t, x)
		require.Equal(t, back, z.zsl.tail)
	}
}
