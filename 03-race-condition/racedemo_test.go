//go:build racedemo

package main

import (
	"sync"
	"testing"

	"onethread/internal/wire"
)

// TestRaceDemo is what a learner runs to watch the race detector catch
// count++:
//
//	go test -race -tags racedemo ./03-race-condition/
//
// It fails with a WARNING: DATA RACE report that names store.go's count++
// line, on every run, however busy the machine. Two goroutines do what two
// connection handlers do between reading a command and writing its reply,
// wire.Execute of "INCR counter", with nothing at all between their start
// and their count++. Nothing orders the two increments, so the detector
// reports them whichever runs first, even if one finishes before the other
// starts. Through real sockets it could not promise that: the detector
// counts every socket read and write as synchronisation (see README.md).
func TestRaceDemo(t *testing.T) {
	state := &store{}
	incr := [][]byte{[]byte("INCR"), []byte(demoKey)}
	// Create the key here, before either goroutine starts, so that both
	// only find it and increment it.
	wire.Execute(nil, incr, state)

	var handlers sync.WaitGroup
	for range 2 {
		handlers.Add(1)
		go func() {
			defer handlers.Done()
			wire.Execute(nil, incr, state)
		}()
	}
	handlers.Wait()
	n, _ := state.Get(demoKey)
	t.Logf("3 INCR, counter is %d", n)
}
