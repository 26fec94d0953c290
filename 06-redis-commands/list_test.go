package main

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestListAgainstSlice drives the ring buffer with random pushes, pops,
// inserts, filters and trims, and after each step compares it with a
// plain slice doing the same: the head wraps round the ring, the ring
// grows and shrinks, and the order must never change. The seed is fixed.
func TestListAgainstSlice(t *testing.T) {
	random := rand.New(rand.NewSource(1))
	l := &list{}
	var model [][]byte
	for step := range 20000 {
		v := []byte(strconv.Itoa(step))
		switch op := random.Intn(8); {
		case op < 2 || len(model) == 0:
			l.pushFront(v)
			model = append([][]byte{v}, model...)
		case op < 4:
			l.pushBack(v)
			model = append(model, v)
		case op == 4:
			require.Equal(t, model[0], l.popFront())
			model = model[1:]
		case op == 5:
			require.Equal(t, model[len(model)-1], l.popBack())
			model = model[:len(model)-1]
		case op == 6:
			i := random.Intn(len(model) + 1)
			l.insert(i, v)
			model = append(model[:i], append([][]byte{v}, model[i:]...)...)
		default:
			if random.Intn(4) == 0 {
				front := random.Intn(len(model) + 1)
				back := random.Intn(len(model) - front + 1)
				l.trim(front, back)
				model = model[front : len(model)-back]
			} else {
				drop := byte('0' + random.Intn(10))
				keep := func(v []byte) bool { return v[len(v)-1] != drop }
				l.filter(func(_ int, v []byte) bool { return keep(v) })
				var kept [][]byte
				for _, v := range model {
					if keep(v) {
						kept = append(kept, v)
					}
				}
				model = kept
			}
		}
		require.Equal(t, len(model), l.length(), "step %d", step)
		for i, want := range model {
			require.Equal(t, want, l.at(i), "step %d, index %d", step, i)
		}
	}
}
