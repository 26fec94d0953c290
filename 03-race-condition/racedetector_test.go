//go:build !racedemo

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRaceDemoReportsCountPlusPlus runs the learner's command (see
// racedemo_test.go) in a child go test and checks that the race detector
// catches the race and points at count++. The child's failure is this
// test's success.
func TestRaceDemoReportsCountPlusPlus(t *testing.T) {
	line := lineOf(t, "store.go", "c.count++")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-race", "-tags", "racedemo", "-run", "^TestRaceDemo$", "-count=1", ".")
	cmd.Dir = "." // go test runs a package's tests in its own directory
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the race demo should fail:\n%s", out)
	require.Contains(t, string(out), "WARNING: DATA RACE", "%s", out)
	require.Contains(t, string(out), fmt.Sprintf("/store.go:%d ", line),
		"the report should name count++ at store.go:%d:\n%s", line, out)
}

// lineOf returns the number of the first line of file that contains text.
func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	lines := bufio.NewScanner(f)
	for n := 1; lines.Scan(); n++ {
		if strings.Contains(lines.Text(), text) {
			return n
		}
	}
	require.NoError(t, lines.Err())
	t.Fatalf("%s has no line containing %q", file, text)
	return 0
}
