package wire

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitArgs(t *testing.T) {
	tests := []struct {
		line string
		want []string
		err  error
	}{
		{line: "", want: nil},
		{line: "   \t ", want: nil},
		{line: "PING", want: []string{"PING"}},
		{line: "  set  k   v ", want: []string{"set", "k", "v"}},
		{line: "a\rb", want: []string{"a", "b"}},
		{line: `ECHO "a b"`, want: []string{"ECHO", "a b"}},
		{line: `ECHO "\x41\n\t\\"`, want: []string{"ECHO", "A\n\t\\"}},
		{line: `ECHO "\xZZ"`, want: []string{"ECHO", "xZZ"}},
		{line: `ECHO 'it\'s' '\n'`, want: []string{"ECHO", "it's", `\n`}},
		{line: `ECHO ""`, want: []string{"ECHO", ""}},
		{line: "ECHO a\x00b c", want: []string{"ECHO", "a"}},
		{line: `ECHO "open`, err: ErrUnbalancedQuotes},
		{line: `ECHO 'open`, err: ErrUnbalancedQuotes},
		{line: `ECHO "a"b`, err: ErrUnbalancedQuotes},
		{line: `ECHO 'a'b`, err: ErrUnbalancedQuotes},
		{line: `ECHO a"b"`, want: []string{"ECHO", "ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			args, err := SplitArgs([]byte(tt.line))
			require.Equal(t, tt.err, err)
			var got []string
			for _, a := range args {
				got = append(got, string(a))
			}
			require.Equal(t, tt.want, got)
		})
	}
}

func TestReadLine(t *testing.T) {
	r := bufio.NewReaderSize(strings.NewReader("PING\r\nECHO x\n\r\n"), 16)
	for _, want := range []string{"PING", "ECHO x", ""} {
		line, err := ReadLine(r)
		require.NoError(t, err)
		require.Equal(t, want, string(line))
	}
	_, err := ReadLine(r)
	require.Error(t, err)
}

func TestReadLineRefusesEndlessLine(t *testing.T) {
	long := strings.Repeat("x", MaxInline+1)
	_, err := ReadLine(bufio.NewReaderSize(strings.NewReader(long), 4096))
	require.ErrorIs(t, err, ErrTooBigInline)

	line, err := ReadLine(bufio.NewReaderSize(strings.NewReader(long[:MaxInline]+"\n"), 4096))
	require.NoError(t, err)
	require.Len(t, line, MaxInline)
}

// The fuzz targets' seeds, and every input that ever made one fail, are
// files in testdata/fuzz/<target>/, which plain `go test` runs too; CI
// then fuzzes each target for a few seconds (.ci/run).

// FuzzSplitArgs checks that no line crashes the splitter, that a word
// never contains bytes the line did not have room for, that the fast,
// copy-free split of a plain line agrees with the full one, and that the
// words, each written back in double quotes, split into themselves again.
func FuzzSplitArgs(f *testing.F) {
	f.Fuzz(func(t *testing.T, line []byte) {
		args, err := SplitArgs(line)
		if err != nil {
			require.Nil(t, args)
			return
		}
		total := 0
		for _, a := range args {
			total += len(a)
		}
		require.LessOrEqual(t, total, len(line))
		if !bytes.ContainsAny(line, "\"'\x00") {
			full, err := splitQuoted(nil, line)
			require.NoError(t, err)
			require.Equal(t, full, splitPlain(nil, line))
		}
		again, err := SplitArgs(quoteArgs(args))
		require.NoError(t, err)
		require.Equal(t, len(args), len(again))
		for i := range args {
			require.Equal(t, string(args[i]), string(again[i]))
		}
	})
}

// quoteArgs writes words as an inline line that sdssplitargs reads back
// as those words: each in double quotes, every byte as a \xHH escape.
func quoteArgs(args [][]byte) []byte {
	var line []byte
	for _, a := range args {
		line = append(line, ' ', '"')
		for _, b := range a {
			line = append(line, '\\', 'x', "0123456789abcdef"[b>>4], "0123456789abcdef"[b&15])
		}
		line = append(line, '"')
	}
	return line
}

// FuzzReadLine checks that a stream of lines reads the same however its
// bytes are split between reads (two cuts, chosen by the fuzzer), with a
// small bufio buffer so that long lines cross it.
func FuzzReadLine(f *testing.F) {
	f.Fuzz(func(t *testing.T, stream []byte, cut1, cut2 uint16) {
		whole := readLines(stream, nil)
		a, b := int(cut1)%(len(stream)+1), int(cut2)%(len(stream)+1)
		require.Equal(t, whole, readLines(stream, []int{min(a, b), max(a, b)}), "cut at %d, %d", a, b)
	})
}

// readLines reads every line of stream, delivered in reads that end at
// each cut, and ends with the error that stopped it.
func readLines(stream []byte, at []int) []string {
	r := bufio.NewReaderSize(&piecesReader{stream: stream, ends: at}, 16)
	var lines []string
	for range len(stream) + 1 {
		line, err := ReadLine(r)
		if err != nil {
			return append(lines, "error: "+err.Error())
		}
		lines = append(lines, string(line))
	}
	panic("more lines than bytes")
}

// piecesReader returns stream in reads that stop at each of ends.
type piecesReader struct {
	stream []byte
	ends   []int
	pos    int
}

func (p *piecesReader) Read(b []byte) (int, error) {
	if p.pos == len(p.stream) {
		return 0, io.EOF
	}
	end := len(p.stream)
	for _, e := range p.ends {
		if e > p.pos {
			end = min(end, e)
		}
	}
	n := copy(b, p.stream[p.pos:end])
	p.pos += n
	return n, nil
}
