//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"io"
	"net"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/redistest"
)

// diffCase is a conversation to hold with real Redis and with this server:
// the bytes to send, all at once, on a new connection to database 0 of an
// empty server. The test then half-closes the connection and compares
// every byte that comes back.
type diffCase struct {
	name string
	send string
	// unordered, when not 0, compares every array in the replies as a
	// multiset of groups of that many elements (2: HGETALL's field-value
	// pairs), for replies whose order Redis leaves to its hash tables.
	unordered int
}

// unordered marks a case whose arrays are compared without their order.
func unordered(group int, tc diffCase) diffCase {
	tc.unordered = group
	return tc
}

// commands builds a diffCase from commands sent as RESP arrays.
func commands(name string, cmds ...[]string) diffCase {
	var b strings.Builder
	for _, cmd := range cmds {
		b.WriteString(resp(cmd...))
	}
	return diffCase{name: name, send: b.String()}
}

// cmd is shorthand for one command's words.
func cmd(args ...string) []string { return args }

// runDiff holds each conversation with real Redis and with this server and
// requires the same bytes back. It is the chapter's main correctness net.
func runDiff(t *testing.T, cases []diffCase) {
	t.Helper()
	redisAddr := redistest.Start(t)
	srv, _ := startServer(t, config{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := converse(t, redisAddr, tc.send)
			got := converse(t, srv.Addr(), tc.send)
			if tc.unordered != 0 {
				want, got = sortArrays(t, want, tc.unordered), sortArrays(t, got, tc.unordered)
			}
			require.Equal(t, want, got, "sent %q", tc.send)
		})
	}
}

// converse empties the server, sends input, half-closes, and returns every
// byte of the replies, up to the server closing the connection.
func converse(t *testing.T, addr, input string) string {
	t.Helper()
	flush, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	flush.SetDeadline(time.Now().Add(5 * time.Second))
	_, err = flush.Write([]byte(resp("FLUSHALL") + resp("QUIT")))
	require.NoError(t, err)
	reply, err := io.ReadAll(flush)
	require.NoError(t, err)
	require.Equal(t, "+OK\r\n+OK\r\n", string(reply))
	flush.Close()

	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = conn.Write([]byte(input))
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	reply, err = io.ReadAll(conn)
	if err != nil && !strings.Contains(err.Error(), "connection reset") {
		require.NoError(t, err)
	}
	return string(reply)
}

// sortArrays rewrites a stream of replies with the elements of every
// array, at any depth, sorted in groups of group elements (kept together
// when the array's length is a multiple of group).
func sortArrays(t *testing.T, replies string, group int) string {
	t.Helper()
	r := bufio.NewReader(strings.NewReader(replies))
	var out strings.Builder
	for {
		reply, err := sortedReply(r, group)
		out.WriteString(reply)
		if err == io.EOF && reply == "" {
			return out.String()
		}
		require.NoError(t, err, "replies %q", replies)
	}
}

func sortedReply(r *bufio.Reader, group int) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return line, err
	}
	n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
	switch {
	case line[0] == '$' && n >= 0:
		body := make([]byte, n+2)
		_, err = io.ReadFull(r, body)
		return line + string(body), err
	case line[0] != '*':
		return line, nil
	}
	if n < 0 {
		return line, nil
	}
	elems := make([]string, n)
	for i := range elems {
		if elems[i], err = sortedReply(r, group); err != nil {
			return line, err
		}
	}
	size := group
	if n%size != 0 {
		size = 1
	}
	groups := make([]string, 0, n/size)
	for i := 0; i < n; i += size {
		groups = append(groups, strings.Join(elems[i:i+size], ""))
	}
	sort.Strings(groups)
	return line + strings.Join(groups, ""), nil
}
