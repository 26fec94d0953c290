package wire

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// counters is the simplest Counters: one goroutine only.
type counters map[string]int64

func (c counters) Incr(key string) int64 { c[key]++; return c[key] }

func (c counters) Get(key string) (int64, bool) { n, ok := c[key]; return n, ok }

func TestExecute(t *testing.T) {
	tests := []struct {
		line, reply string
		quit        bool
	}{
		{line: "PING", reply: "+PONG\r\n"},
		{line: "ping hello", reply: "$5\r\nhello\r\n"},
		{line: "PING a b", reply: "-ERR wrong number of arguments for 'ping' command\r\n"},
		{line: "ECHO", reply: "-ERR wrong number of arguments for 'echo' command\r\n"},
		{line: `ECHO ""`, reply: "$0\r\n\r\n"},
		{line: "GET counter", reply: "$-1\r\n"},
		{line: "INCR counter", reply: ":1\r\n"},
		{line: "incr counter", reply: ":2\r\n"},
		{line: "GET counter", reply: "$1\r\n2\r\n"},
		{line: "INCR", reply: "-ERR wrong number of arguments for 'incr' command\r\n"},
		{line: "GeT a b", reply: "-ERR wrong number of arguments for 'get' command\r\n"},
		{line: "FOO a b", reply: "-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n"},
		{line: "foo", reply: "-ERR unknown command 'foo', with args beginning with: \r\n"},
		{line: `foo "a\r\nb"`, reply: "-ERR unknown command 'foo', with args beginning with: 'a  b' \r\n"},
		{line: "QUIT now", reply: "+OK\r\n", quit: true},
		{line: "", reply: ""},
	}
	state := counters{}
	for _, tt := range tests {
		args, err := SplitArgs([]byte(tt.line))
		require.NoError(t, err)
		reply, quit := Execute(nil, args, state)
		require.Equal(t, tt.reply, string(reply), tt.line)
		require.Equal(t, tt.quit, quit, tt.line)
	}
}

func TestUnknownCommandShowsAt128BytesOfArgs(t *testing.T) {
	word := strings.Repeat("abcdefghij", 3)
	args := [][]byte{[]byte("FOO"), []byte(word), []byte(word), []byte(word), []byte(word), []byte(word)}
	want := "ERR unknown command 'FOO', with args beginning with: '" + word + "' '" + word + "' '" + word + "' '" + word[:29] + "' "
	require.Equal(t, want, UnknownCommand(args))
}
