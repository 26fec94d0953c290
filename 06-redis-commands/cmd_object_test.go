//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestObjectDescribesOurStructures checks the OBJECT answers that differ
// from Redis's on purpose: they name our structures (cmd_object.go).
func TestObjectDescribesOurStructures(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	c.do("SET", "s", "12")
	c.do("RPUSH", "l", "a")
	c.do("HSET", "h", "f", "v")
	require.Equal(t, "$3\r\nraw\r\n", c.do("OBJECT", "ENCODING", "s"))
	require.Equal(t, "$10\r\nringbuffer\r\n", c.do("OBJECT", "ENCODING", "l"))
	require.Equal(t, "$9\r\nhashtable\r\n", c.do("OBJECT", "ENCODING", "h"))
	require.Equal(t, ":1\r\n", c.do("OBJECT", "REFCOUNT", "s"))
	require.Regexp(t, `^:\d+\r\n$`, c.do("OBJECT", "IDLETIME", "l")) // evict_test.go checks the figure
}
