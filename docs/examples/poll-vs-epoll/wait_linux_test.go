package pollvsepoll

import (
	"flag"
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// epollFirst reverses the order in which each case runs its two waits, so
// paired rounds can alternate it: go test -bench . -args -epollfirst
var epollFirst = flag.Bool("epollfirst", false, "in each case, run epoll_wait before poll")

// Both calls must find exactly the busy sockets, or the benchmark compares
// different work.
func TestPollAndEpollFindTheSameReadySockets(t *testing.T) {
	w, err := newWatchSet(200, 5)
	require.NoError(t, err)
	defer w.close()

	want := append([]int(nil), w.watched[len(w.watched)-w.busy:]...)
	sort.Ints(want)
	for _, wait := range []func([]int) ([]int, error){w.pollReady, w.epollReady} {
		got, err := wait(nil)
		require.NoError(t, err)
		sort.Ints(got)
		require.Equal(t, want, got)
	}
}

// BenchmarkWait times one non-blocking wait over idle sockets and a few busy
// ones. Compare the poll and epoll rows of the same idle count: poll's cost
// grows with the sockets watched, epoll's with the sockets ready.
func BenchmarkWait(b *testing.B) {
	for _, c := range []struct{ idle, busy int }{
		{0, 8}, {1000, 8}, {10000, 8}, {10000, 512},
	} {
		ok, limit, err := raiseFileLimit(uint64(c.idle + 2*c.busy + 64))
		if err != nil {
			b.Fatal(err)
		}
		if !ok {
			b.Skipf("need %d open files, the hard limit is %d: raise it (ulimit -Hn) to run this case", c.idle+2*c.busy+64, limit)
		}
		w, err := newWatchSet(c.idle, c.busy)
		if err != nil {
			b.Fatal(err)
		}
		type method struct {
			name string
			wait func([]int) ([]int, error)
		}
		methods := []method{{"poll", w.pollReady}, {"epoll", w.epollReady}}
		if *epollFirst {
			methods[0], methods[1] = methods[1], methods[0]
		}
		for _, m := range methods {
			b.Run(fmt.Sprintf("idle=%d/busy=%d/%s", c.idle, c.busy, m.name), func(b *testing.B) {
				ready := make([]int, 0, c.busy)
				for i := 0; i < b.N; i++ {
					var err error
					if ready, err = m.wait(ready[:0]); err != nil {
						b.Fatal(err)
					}
					if len(ready) != c.busy {
						b.Fatalf("%d ready, want %d", len(ready), c.busy)
					}
				}
			})
		}
		w.close()
	}
}
