package docs

import "testing"

func TestSlugify(t *testing.T) {
	for heading, want := range map[string]string{
		"What to observe":                            "what-to-observe",
		"A connection's state":                       "a-connections-state",
		"Level- and edge-triggered":                  "level--and-edge-triggered",
		"`epoll_wait`: the ready list":               "epoll_wait-the-ready-list",
		"Sending, and why write returns EAGAIN":      "sending-and-why-write-returns-eagain",
		"The system calls themselves: `strace`":      "the-system-calls-themselves-strace",
		"Limits: -maxclients and EMFILE":             "limits--maxclients-and-emfile",
		"Redis 6's I/O threads":                      "redis-6s-io-threads",
		"[kqueue](https://example.org) beside epoll": "kqueue-beside-epoll",
	} {
		if got := slugify(heading); got != want {
			t.Errorf("slugify(%q) = %q, want %q", heading, got, want)
		}
	}
}
