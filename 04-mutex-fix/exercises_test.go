//go:build exercises

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./04-mutex-fix/
//
// They fail on the chapter as shipped and pass once the exercise is done.
// They use only what the chapter has (keystore.go is part of it with
// -tags exercises), so every check compiles before any exercise is done.

import (
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
)

// deadlockAfter is how long the checks wait for work that takes
// milliseconds before they call it stuck.
const deadlockAfter = 10 * time.Second

// Exercise 1: Move without a deadlock, test first.
func TestExercise1MoveBothWays(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestMoveDoesNotDeadlock")
	for _, procs := range []int{1, max(2, runtime.GOMAXPROCS(0))} {
		if !movedBothWays(procs, 1000) {
			t.Fatalf("with GOMAXPROCS=%d, Move(a, b) and Move(b, a) have not finished after %v: each holds its first lock and waits for the other's. "+
				"Make every Move take the two locks in one order, the same for everyone (by key name, say)", procs, deadlockAfter)
		}
	}

	state := newKeyStore()
	state.Incr("a")
	moved := make(chan struct{})
	go func() {
		state.Move("a", "a")
		close(moved)
	}()
	select {
	case <-moved:
	case <-time.After(deadlockAfter):
		t.Fatalf("Move(a, a) has not returned after %v: it waits for a lock it holds itself (sync.Mutex is not reentrant). Moving a key to itself changes nothing: return at once", deadlockAfter)
	}

	// Served as this chapter serves its stores, over a socket: the count
	// moved, none lost.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(ln, state, false)
	served := make(chan struct{})
	go func() { srv.Serve(); close(served) }()
	t.Cleanup(func() { srv.Close(); <-served })
	c := connect(t, ln.Addr().String())
	c.send("INCR b\r\n")
	c.expect(":1\r\n")
	state.Move("b", "a")
	c.send("GET a\r\nGET b\r\n")
	c.expect("$1\r\n2\r\n$1\r\n0\r\n")
}

// movedBothWays runs Move(a, b) and Move(b, a), moves times each, on two
// goroutines with GOMAXPROCS set to procs, and reports whether both
// finished before deadlockAfter.
func movedBothWays(procs, moves int) bool {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	state := newKeyStore()
	done := make(chan struct{}, 2)
	for _, keys := range [][2]string{{"a", "b"}, {"b", "a"}} {
		go func() {
			for range moves {
				state.Move(keys[0], keys[1])
			}
			done <- struct{}{}
		}()
	}
	timeout := time.After(deadlockAfter)
	for range 2 {
		select {
		case <-done:
		case <-timeout:
			return false
		}
	}
	return true
}

// Exercise 2: the owner without an allocation per request.
func TestExercise2OwnerWithoutAllocations(t *testing.T) {
	state := newOwnerStore()
	defer state.Close()
	state.Incr("counter")
	allocs := testing.AllocsPerRun(1000, func() { state.Incr("counter") })
	require.Zero(t, allocs, "ownerStore.Incr makes %v allocation(s) per call: the reply channel that ask makes. "+
		"Reuse reply channels instead (a sync.Pool of them), without letting any goroutine but the owner touch the map", allocs)

	// And served as -sync owner, it still counts every INCR.
	const clients, incrs = 50, 20
	got, err := hammer(startServer(t, "owner"), clients, incrs, 5)
	require.NoError(t, err)
	require.Equal(t, int64(clients*incrs), got, "-sync owner lost INCRs")
}
