package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestUnauthenticatedLimitsComeFirst covers what a differential test
// cannot send reliably: a request whose too-large bulk has all arrived,
// with an error after it. Redis stops at the bulk's header, so must we,
// although our parser reads on to the later error in the same call. (Sent
// to a real server, the unread bytes make the close a reset, which may
// destroy the reply before the client reads it.)
func TestUnauthenticatedLimitsComeFirst(t *testing.T) {
	s := newState(config{databases: 1, maxBulk: defaultMaxBulkBytes, requirepass: "pw"})
	for input, want := range map[string]error{
		"*3\r\n$3\r\nDEL\r\n$20000\r\n" + strings.Repeat("k", 20000) + "\r\n$x\r\n": errUnauthBulk,
		"*3\r\n$3\r\nDEL\r\n$16384\r\n" + strings.Repeat("k", 16384) + "\r\n$x\r\n": errInvalidBulk,
		"*11\r\n$x\r\n":                 errUnauthMultibulk,
		"*2\r\n$3\r\nGET\r\n$16385\r\n": errUnauthBulk,
	} {
		_, _, err := s.parseRequest(&client{}, []byte(input))
		require.Equal(t, want, err, "%.40q", input)
		_, _, err = s.parseRequest(&client{authenticated: true}, []byte(input))
		if err != nil {
			require.NotContains(t, err.Error(), "unauthenticated", "authenticated: %.40q", input)
		}
	}
}
