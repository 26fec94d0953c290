package main

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRaceDemo is chapter 03's race demo, run against each fix. Under
// go test -race it finds no race here, and no INCR is lost:
//
//	go test -race -run TestRaceDemo ./04-mutex-fix/
func TestRaceDemo(t *testing.T) {
	// As in chapter 03: with one P, the race detector would take the
	// goroutines' turns at socket reads and writes for synchronisation
	// and could miss a race; two Ps let increments overlap.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	const clients, incrs = 200, 100
	for _, m := range modes {
		for _, pipeline := range []int{1, 10} {
			got, err := hammer(startServer(t, m.name), clients, incrs, pipeline)
			require.NoError(t, err)
			require.Equal(t, int64(clients*incrs), got, "-sync %s, pipeline %d", m.name, pipeline)
		}
	}
}
