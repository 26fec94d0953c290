//go:build exercises && !racedemo

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./03-race-condition/
//
// without -race: exercise 1's check makes the race happen on purpose, and
// exercise 2's runs the race detector itself, in a child go test. They
// fail on the chapter as shipped and pass once the exercise is done.

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
	"onethread/internal/wire"
)

// Exercise 1: lose an update on every run, on one thread.
func TestExercise1LoseEveryTime(t *testing.T) {
	const hint = "in store.go's Incr, split c.count++ into its load and its store and call runtime.Gosched() between them " +
		"(keep the words c.count++ in a comment on the load's line: TestRaceDemoReportsCountPlusPlus looks for them)"
	// One P: goroutines take turns on one thread, never run at once.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))

	// Two handlers' INCRs, as in TestRaceDemo, with the key created first.
	state := &store{}
	incr := [][]byte{[]byte("INCR"), []byte(demoKey)}
	wire.Execute(nil, incr, state)
	replies := make([]string, 2)
	var handlers sync.WaitGroup
	for i := range replies {
		handlers.Add(1)
		go func() {
			defer handlers.Done()
			out, _ := wire.Execute(nil, incr, state)
			replies[i] = string(out)
		}()
	}
	handlers.Wait()
	n, _ := state.Get(demoKey)
	require.Equal(t, int64(2), n, "3 INCR on one thread should leave the counter at 2 (one lost), got %d: %s", n, hint)
	require.Equal(t, []string{":2\r\n", ":2\r\n"}, replies, "both clients should be told the same number, as in the lesson's table")

	// The same through the server: every run loses.
	const clients, incrs = 20, 50
	got, err := hammer(startServer(t), clients, incrs, 1)
	require.NoError(t, err)
	require.Less(t, got, int64(clients*incrs), "with GOMAXPROCS=1 the server lost no INCR: %s", hint)
}

// Exercise 2: GET races too, test first.
func TestExercise2GetRacesToo(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestRaceDemoGet")
	line := lineOf(t, "store.go", "c.count++")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-race", "-tags", "racedemo", "-run", "^TestRaceDemoGet$", "-count=1", ".")
	out, err := cmd.CombinedOutput()
	const hint = "TestRaceDemoGet (in a file with //go:build racedemo) should start two goroutines as TestRaceDemo does, " +
		"one running GET counter and one INCR counter through wire.Execute, with nothing between their start and the command"
	require.Error(t, err, "TestRaceDemoGet passed under -race, but GET and INCR race: %s\n%s", hint, out)
	require.Contains(t, string(out), "WARNING: DATA RACE", "%s\n%s", hint, out)
	require.Contains(t, string(out), "(*store).Get()", "the report should name (*store).Get: %s\n%s", hint, out)
	require.Contains(t, string(out), fmt.Sprintf("/store.go:%d ", line), "the report should name the write, count++ at store.go:%d\n%s", line, out)
}
