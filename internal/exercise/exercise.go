// Package exercise holds what the chapters' exercise checks (the tests
// behind the build tag exercises) share.
package exercise

import (
	"os"
	"strings"
	"testing"
)

// RequireLearnerTest fails unless a test file of the package under test
// declares the test function name: a test-first exercise asks the learner
// to write it before the code it checks. go test runs in the package's
// directory, so the files are those of ".".
func RequireLearnerTest(t testing.TB, name string) {
	t.Helper()
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "func "+name+"(t *testing.T)") {
			return
		}
	}
	t.Fatalf("write your test first: func %s(t *testing.T) in a _test.go file of this chapter, from the outline in README.md's exercise; run it and watch it fail, then make it pass", name)
}
