package wire

import (
	"bufio"
	"bytes"
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

// FuzzSplitArgs checks that no line crashes the splitter, that a word
// never contains bytes the line did not have room for, and that the fast,
// copy-free split of a plain line agrees with the full one.
func FuzzSplitArgs(f *testing.F) {
	for _, seed := range []string{"PING", `ECHO "a\x41b"`, `SET 'k\'' v`, `"unbalanced`, "a\x00b", "  \t\r"} {
		f.Add([]byte(seed))
	}
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
	})
}
