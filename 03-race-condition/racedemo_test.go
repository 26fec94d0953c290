//go:build racedemo

package main

import (
	"runtime"
	"testing"
)

// TestRaceDemo is what a learner runs to watch the race detector catch
// count++:
//
//	go test -race -tags racedemo ./03-race-condition/
//
// It fails with a WARNING: DATA RACE report that names store.go's count++
// line. It asserts nothing about the count: whether updates are lost on a
// given run is up to the scheduler, while the race is there on every run.
func TestRaceDemo(t *testing.T) {
	// With one P the server's goroutines take turns, each switch happening
	// at a socket read or write, and the race detector counts those
	// syscalls as synchronisation: it would see no race. Two Ps let two
	// increments overlap, even on one core.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	const clients, incrs, pipeline = 8, 200, 10
	got, err := hammer(startServer(t), clients, incrs, pipeline)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d clients × %d INCR: expected %d, got %d", clients, incrs, clients*incrs, got)
}
