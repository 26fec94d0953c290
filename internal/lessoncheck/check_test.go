package lessoncheck

import (
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
}
