package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// parseAll feeds input to a fresh parser in pieces of the given size, as a
// slow network would deliver it, and returns the arguments of the first
// request, or its error.
func parseAll(t *testing.T, input string, piece int) ([]string, int, error) {
	t.Helper()
	var m multibulk
	m.reset()
	for end := min(piece, len(input)); ; end = min(end+piece, len(input)) {
		done, err := m.parse([]byte(input[:end]), defaultMaxBulkBytes)
		if err != nil || done {
			var args []string
			for _, a := range m.args {
				args = append(args, input[a.start:a.end])
			}
			return args, m.pos, err
		}
		if end == len(input) {
			return nil, 0, nil // still waiting for more
		}
	}
}

func TestMultibulkParse(t *testing.T) {
	tests := []struct {
		input string
		args  []string
		n     int
		err   error
	}{
		{input: "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", args: []string{"GET", "k"}, n: 20},
		{input: "*1\r\n$0\r\n\r\n", args: []string{""}, n: 10},
		{input: "*0\r\n", n: 4},
		{input: "*-1\r\n", n: 5},
		{input: "*1\r\n$4\r\nPINGxx", args: []string{"PING"}, n: 14},
		{input: "*1\r\n$3\r\nGE", n: 0},
		{input: "*1\r\n$3\r\n", n: 0},
		{input: "*1\r", n: 0},
		{input: "*abc\r\n", err: errInvalidMultibulk},
		{input: "*01\r\n", err: errInvalidMultibulk},
		{input: "*+1\r\n", err: errInvalidMultibulk},
		{input: "*\r\n", err: errInvalidMultibulk},
		{input: "*2147483648\r\n", err: errInvalidMultibulk},
		{input: "*1\r\n$-1\r\n", err: errInvalidBulk},
		{input: "*1\r\n$\r\n", err: errInvalidBulk},
		{input: "*1\r\n$536870913\r\n", err: errInvalidBulk},
		{input: "*1\r\n+PING\r\n", err: errExpected('+')},
		{input: "*" + strings.Repeat("1", protoInlineMaxSize+1), err: errTooBigMbulkCount},
		{input: "*1\r\n$" + strings.Repeat("1", protoInlineMaxSize), err: errTooBigBulkCount},
		{input: "*1\x00\r\n", n: 0}, // Redis reads headers as C strings: the NUL hides the \r
	}
	for _, tt := range tests {
		for _, piece := range []int{1, 3, len(tt.input)} {
			args, n, err := parseAll(t, tt.input, piece)
			require.Equal(t, tt.err, err, "%q in pieces of %d", tt.input, piece)
			if tt.err == nil {
				require.Equal(t, tt.args, args, "%q in pieces of %d", tt.input, piece)
				require.Equal(t, tt.n, n, "%q in pieces of %d", tt.input, piece)
			}
		}
	}
}

func errExpected(got byte) error {
	_, err := (&multibulk{count: 1, bulkLen: -1}).parse([]byte{got, '\r', '\n'}, 1)
	return err
}

func TestParseInline(t *testing.T) {
	tests := []struct {
		line string
		args []string
		n    int
		err  error
	}{
		{line: "PING\r\n", args: []string{"PING"}, n: 6},
		{line: "  set k\v1   v \n", args: []string{"set", "k\v1", "v"}, n: 15},
		{line: "ECHO \"a b\"\r\n", args: []string{"ECHO", "a b"}, n: 12},
		{line: "\r\n", n: 2},
		{line: "PING", n: 0},
		{line: "ECHO \"open\r\n", err: errUnbalanced},
		{line: strings.Repeat("x", protoInlineMaxSize+1), err: errTooBigInline},
	}
	for _, tt := range tests {
		argv, n, err := parseInline([]byte(tt.line), nil)
		if tt.err != nil {
			require.EqualError(t, err, tt.err.Error(), tt.line)
			continue
		}
		require.NoError(t, err, tt.line)
		var args []string
		for _, a := range argv {
			args = append(args, string(a))
		}
		require.Equal(t, tt.args, args, tt.line)
		require.Equal(t, tt.n, n, tt.line)
	}
}

var errUnbalanced = errorString("ERR Protocol error: unbalanced quotes in request")

type errorString string

func (e errorString) Error() string { return string(e) }

func TestString2ll(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1": 1, "-1": -1, "9223372036854775807": 1<<63 - 1, "-9223372036854775808": -1 << 63} {
		n, ok := string2ll([]byte(in))
		require.True(t, ok, in)
		require.Equal(t, want, n, in)
	}
	for _, in := range []string{"", "-", "+1", "01", "-0", " 1", "1 ", "1a", "9223372036854775808", "-9223372036854775809", "99999999999999999999"} {
		_, ok := string2ll([]byte(in))
		require.False(t, ok, in)
	}
}

// resp encodes one command as a RESP array, the way clients send it.
func resp(args ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b.String()
}
