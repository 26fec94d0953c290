package lessoncheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The anchors GitHub gives these headings, as its rendered pages show.
func TestSlugifyAsGitHub(t *testing.T) {
	for line, want := range map[string]string{
		"## 1. What this chapter shows":                  "1-what-this-chapter-shows",
		"### What `count++` compiles to":                 "what-count-compiles-to",
		"# 05 — One thread, one epoll loop, no locks":    "05--one-thread-one-epoll-loop-no-locks",
		"### A mutex: `mutexStore` in store_mutex.go":    "a-mutex-mutexstore-in-store_mutexgo",
		"### Limits: -maxclients and EMFILE":             "limits--maxclients-and-emfile",
		"## See [the outline](../docs/README.md) first":  "see-the-outline-first",
		"### A connection's state":                       "a-connections-state",
		"### Level- and edge-triggered":                  "level--and-edge-triggered",
		"### `epoll_wait`: the ready list":               "epoll_wait-the-ready-list",
		"### Redis 6's I/O threads":                      "redis-6s-io-threads",
		"### [kqueue](https://example.org) beside epoll": "kqueue-beside-epoll",
	} {
		h, ok := heading(line)
		require.True(t, ok, line)
		require.Equal(t, want, slugify(h), line)
	}
}

// The check must be able to fail: names and links that do not exist are
// reported, and ones that do are not.
func TestCheckFindsDrift(t *testing.T) {
	r := loadRepo(t)
	const md = "03-race-condition/README.md"
	for _, span := range []string{"wire.NoSuchFunc", "(*store).NoSuch", "TestNoSuchTest", "nosuch.go", "-nosuchflag", "internal/wire/nosuch.go"} {
		require.NotEmpty(t, r.checkSpan(md, span), span)
	}
	for _, span := range []string{"wire.ServeConn", "(*store).Incr", "TestRaceDemo", "store.go", "-demo", "-race", "sync.Map", "c.count", "internal/wire", "internal/runtime/atomic/atomic_arm64.s"} {
		require.Empty(t, r.checkSpan(md, span), span)
	}
	require.NotEmpty(t, r.checkLink(md, "nosuch.md"))
	require.NotEmpty(t, r.checkLink(md, "#no-such-heading"))
	require.Empty(t, r.checkLink(md, "#what-count-compiles-to"))
	require.Empty(t, r.checkLink(md, "../02-thread-per-client/README.md#2-run-it"))

	var problems []string
	r.checkGoRun("go run ./03-race-condition -demo -maxclients 3 | tail", func(format string, args ...any) {
		problems = append(problems, format)
	})
	require.Len(t, problems, 1, "-maxclients is 05's and 06's, not 03's")

	// 07 defines its flags on a *flag.FlagSet; NewFlagSet's name is no flag.
	require.True(t, r.flags["07-benchmark"]["repeat"])
	require.False(t, r.flags["07-benchmark"]["07-benchmark"])

	// An exemption covers its exact span, not its neighbours.
	const doc = "docs/redis-event-loop.md"
	require.Empty(t, r.checkSpan(doc, "server.hz"))
	require.NotEmpty(t, r.checkSpan(doc, "server.nosuch"))
	require.Empty(t, r.checkSpan(doc, "conn.Read"))
	require.NotEmpty(t, r.checkSpan(doc, "conn.NoSuch"))
	require.Empty(t, r.checkSpan(doc, "-maxmemory"))
	require.NotEmpty(t, r.checkSpan(doc, "-maxmemorypolicy"))

	// A Go file named in prose is checked too.
	problems = r.checkLines(md, []line{{n: 1, text: "the loop is in nosuch_linux.go, see [store.go](store.go)"}}, true)
	require.Len(t, problems, 1)
	require.Contains(t, problems[0], "nosuch_linux.go")
}

// Each exemption is used by a lesson, and the checker would report a use
// without it: a name the code has gained, or text that has gone, makes
// its entry dead weight that could hide drift.
func TestExemptionsAreNeeded(t *testing.T) {
	r := loadRepo(t)
	uses := func(span string) []string {
		var files []string
		for _, md := range r.markdown {
			b, err := os.ReadFile(filepath.Join(r.root, md))
			require.NoError(t, err)
			if strings.Contains(string(b), "`"+span+"`") {
				files = append(files, md)
			}
		}
		return files
	}
	for span := range notOurs {
		files := uses(span)
		require.NotEmpty(t, files, "no lesson names `%s`: drop it from notOurs", span)
		needed := false
		for _, md := range files {
			needed = needed || r.checkOurs(md, span) != ""
		}
		require.True(t, needed, "%v: `%s` passes without notOurs now: drop it from there", files, span)
	}
	for name := range unimplementedFlags {
		require.NotEmpty(t, uses("-"+name), "no lesson names `-%s`: drop it from unimplementedFlags", name)
		require.False(t, r.allFlags[name], "a chapter defines -%s now: the text calling it not implemented is wrong", name)
	}
	// And once a chapter defines it, the lessons' "not implemented" is reported.
	r.allFlags["drain"] = true
	require.NotEmpty(t, r.checkSpan("docs/teaching.md", "-drain"))
}
