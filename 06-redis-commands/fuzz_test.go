package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The parsers' fuzz targets. Their seeds, and every input that ever made
// one fail, are files in testdata/fuzz/<target>/, which plain `go test`
// runs too; CI then fuzzes each target for a few seconds (.ci/run). Each
// input comes with two cut points: the properties are that nothing
// panics, that the bytes parse the same whichever reads they arrive in,
// and that a request parsed, encoded again and parsed gives itself back.

// cuts turns the fuzzer's two numbers into up to two places to split an
// input of n bytes, in order.
func cuts(n int, cut1, cut2 uint16) []int {
	if n == 0 {
		return nil
	}
	a, b := int(cut1)%n, int(cut2)%n
	return []int{min(a, b), max(a, b)}
}

// multibulkResult is everything parse tells about one request.
type multibulkResult struct {
	done bool
	err  string
	pos  int
	args []string
}

// parseMultibulk feeds input to a fresh parser as if its bytes arrived in
// reads ending at each cut, then whole.
func parseMultibulk(input []byte, at []int) multibulkResult {
	var m multibulk
	m.reset()
	for _, end := range append(at, len(input)) {
		done, err := m.parse(input[:end], 1<<20)
		if err != nil {
			return multibulkResult{err: err.Error()}
		}
		if done {
			r := multibulkResult{done: true, pos: m.pos}
			for _, a := range m.args {
				r.args = append(r.args, string(input[a.start:a.end]))
			}
			return r
		}
	}
	return multibulkResult{}
}

func FuzzMultibulk(f *testing.F) {
	f.Fuzz(func(t *testing.T, input []byte, cut1, cut2 uint16) {
		if len(input) == 0 || input[0] != '*' || len(input) > protoInlineMaxSize {
			return // longer inputs meet the header limit, which depends on the reads (as in Redis)
		}
		whole := parseMultibulk(input, nil)
		require.LessOrEqual(t, whole.pos, len(input))
		require.Equal(t, whole, parseMultibulk(input, cuts(len(input), cut1, cut2)), "cut at %d, %d", cut1, cut2)
		if whole.done && len(whole.args) > 0 {
			encoded := []byte(resp(whole.args...))
			again := parseMultibulk(encoded, nil)
			require.Equal(t, multibulkResult{done: true, pos: len(encoded), args: whole.args}, again)
		}
	})
}

// parseStream splits a byte stream into requests the way processInput
// does, with the bytes arriving in reads that end at each cut: what a
// read leaves unfinished waits for the next. It returns the requests and
// the protocol error that ended the stream, if any.
func parseStream(stream []byte, at []int) (requests [][]string, protocolErr string) {
	s := newState(config{databases: 1, maxBulk: 1 << 20})
	c := &client{}
	var buf []byte
	start := 0
	for _, end := range append(at, len(stream)) {
		buf = append(buf, stream[start:end]...)
		start = end
		for len(buf) > 0 {
			argv, n, err := s.parseRequest(c, buf)
			if err != nil {
				return requests, err.Error()
			}
			if n == 0 {
				break
			}
			if len(argv) > 0 {
				var words []string
				for _, arg := range argv {
					words = append(words, string(arg))
				}
				requests = append(requests, words)
			}
			buf = buf[n:]
		}
	}
	return requests, ""
}

// FuzzRequestStream fuzzes what the loop parses: any mix of inline lines
// and RESP arrays, several to a read.
func FuzzRequestStream(f *testing.F) {
	f.Fuzz(func(t *testing.T, stream []byte, cut1, cut2 uint16) {
		if len(stream) > protoInlineMaxSize {
			return
		}
		requests, protocolErr := parseStream(stream, nil)
		splitRequests, splitErr := parseStream(stream, cuts(len(stream), cut1, cut2))
		require.Equal(t, requests, splitRequests, "cut at %d, %d", cut1, cut2)
		require.Equal(t, protocolErr, splitErr, "cut at %d, %d", cut1, cut2)

		var encoded []byte
		for _, words := range requests {
			encoded = append(encoded, resp(words...)...)
		}
		again, err := parseStream(encoded, nil)
		require.Empty(t, err)
		require.Equal(t, requests, again)
	})
}
