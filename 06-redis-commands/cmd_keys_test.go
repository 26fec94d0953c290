//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// keysStep is one command and the exact reply it must get.
type keysStep struct {
	args []string
	want string
}

// TestKeyCommands runs each case on a fresh connection to an empty
// database. Every reply here is deterministic; diff_keys_test.go
// checks the same ground against real Redis.
func TestKeyCommands(t *testing.T) {
	srv, _ := startServer(t, config{})
	tests := []struct {
		name  string
		steps []keysStep
	}{
		{"del", []keysStep{
			{[]string{"SET", "a", "1"}, "+OK\r\n"}, {[]string{"SET", "b", "1"}, "+OK\r\n"},
			{[]string{"DEL", "a", "b", "a", "c"}, ":2\r\n"}, {[]string{"DEL", "a"}, ":0\r\n"},
			{[]string{"DEL"}, "-ERR wrong number of arguments for 'del' command\r\n"},
		}},
		{"unlink", []keysStep{
			{[]string{"SET", "a", "1"}, "+OK\r\n"}, {[]string{"UNLINK", "a", "a"}, ":1\r\n"},
			{[]string{"UNLINK"}, "-ERR wrong number of arguments for 'unlink' command\r\n"},
		}},
		{"exists", []keysStep{
			{[]string{"SET", "a", "1"}, "+OK\r\n"}, {[]string{"EXISTS", "a", "a", "b"}, ":2\r\n"},
			{[]string{"EXISTS", "b"}, ":0\r\n"},
			{[]string{"EXISTS"}, "-ERR wrong number of arguments for 'exists' command\r\n"},
		}},
		{"type", []keysStep{
			{[]string{"SET", "a", "1"}, "+OK\r\n"}, {[]string{"TYPE", "a"}, "+string\r\n"},
			{[]string{"TYPE", "b"}, "+none\r\n"},
			{[]string{"TYPE", "a", "b"}, "-ERR wrong number of arguments for 'type' command\r\n"},
		}},
		{"rename", []keysStep{
			{[]string{"RENAME", "a", "b"}, "-ERR no such key\r\n"},
			{[]string{"SET", "a", "1"}, "+OK\r\n"}, {[]string{"RENAME", "a", "a"}, "+OK\r\n"},
			{[]string{"RENAME", "a", "b"}, "+OK\r\n"}, {[]string{"GET", "b"}, "$1\r\n1\r\n"},
			{[]string{"EXISTS", "a"}, ":0\r\n"}, {[]string{"SET", "c", "3"}, "+OK\r\n"},
			{[]string{"RENAME", "b", "c"}, "+OK\r\n"}, {[]string{"GET", "c"}, "$1\r\n1\r\n"},
			{[]string{"RENAME", "a"}, "-ERR wrong number of arguments for 'rename' command\r\n"},
		}},
		{"renamenx", []keysStep{
			{[]string{"RENAMENX", "a", "b"}, "-ERR no such key\r\n"},
			{[]string{"SET", "a", "1"}, "+OK\r\n"}, {[]string{"SET", "b", "2"}, "+OK\r\n"},
			{[]string{"RENAMENX", "a", "a"}, ":0\r\n"}, {[]string{"RENAMENX", "a", "b"}, ":0\r\n"},
			{[]string{"GET", "b"}, "$1\r\n2\r\n"}, {[]string{"RENAMENX", "a", "c"}, ":1\r\n"},
			{[]string{"GET", "c"}, "$1\r\n1\r\n"},
		}},
		{"keys", []keysStep{
			{[]string{"KEYS", "*"}, "*0\r\n"}, {[]string{"SET", "user:1", "x"}, "+OK\r\n"},
			{[]string{"KEYS", "user:?"}, "*1\r\n$6\r\nuser:1\r\n"}, {[]string{"KEYS", "user:[2-9]"}, "*0\r\n"},
			{[]string{"KEYS"}, "-ERR wrong number of arguments for 'keys' command\r\n"},
		}},
		{"randomkey", []keysStep{
			{[]string{"RANDOMKEY"}, "$-1\r\n"}, {[]string{"SET", "a", "1"}, "+OK\r\n"},
			{[]string{"RANDOMKEY"}, "$1\r\na\r\n"},
			{[]string{"RANDOMKEY", "x"}, "-ERR wrong number of arguments for 'randomkey' command\r\n"},
		}},
		{"scan", []keysStep{
			{[]string{"SCAN", "0"}, "*2\r\n$1\r\n0\r\n*0\r\n"}, {[]string{"SET", "a", "1"}, "+OK\r\n"},
			{[]string{"SCAN", "0", "MATCH", "a", "COUNT", "1", "TYPE", "string"}, "*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n"},
			{[]string{"SCAN", "0", "TYPE", "hash"}, "*2\r\n$1\r\n0\r\n*0\r\n"},
			{[]string{"SCAN", "99999999999"}, "*2\r\n$1\r\n0\r\n*0\r\n"},
			{[]string{"SCAN", "-1"}, "*2\r\n$1\r\n0\r\n*0\r\n"},
			{[]string{"SCAN", "x"}, "-ERR invalid cursor\r\n"},
			{[]string{"SCAN", "18446744073709551616"}, "-ERR invalid cursor\r\n"},
			{[]string{"SCAN", "0", "COUNT", "0"}, "-ERR syntax error\r\n"},
			{[]string{"SCAN", "0", "COUNT", "x"}, "-ERR value is not an integer or out of range\r\n"},
			{[]string{"SCAN", "0", "MATCH"}, "-ERR syntax error\r\n"},
			{[]string{"SCAN", "0", "LIMIT", "5"}, "-ERR syntax error\r\n"},
			{[]string{"SCAN"}, "-ERR wrong number of arguments for 'scan' command\r\n"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dial(t, srv.Addr())
			require.Equal(t, "+OK\r\n", c.do("FLUSHALL"))
			for _, step := range tt.steps {
				require.Equal(t, step.want, c.do(step.args...), "%q", step.args)
			}
		})
	}
}

func TestKeysListsSortedMatches(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	for _, key := range []string{"user:1", "user:2", "user:10", "order:1", "user:x"} {
		require.Equal(t, "+OK\r\n", c.do("SET", key, "v"))
	}
	require.Equal(t, []string{"order:1", "user:1", "user:10", "user:2", "user:x"}, keysSorted(keysBulks(c.do("KEYS", "*"))))
	require.Equal(t, []string{"user:1", "user:10", "user:2"}, keysSorted(keysBulks(c.do("KEYS", "user:[0-9]*"))))
	require.Equal(t, []string{"user:x"}, keysBulks(c.do("KEYS", "user:[^0-9]")))
}

// TestScanFullIteration: a full iteration over a static keyspace returns
// every key exactly once, whatever COUNT, MATCH and TYPE say.
func TestScanFullIteration(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	keysFill(t, c, "key:", 1000)

	for _, count := range []string{"1", "10", "97", "5000"} {
		seen := keysScanAll(t, c, "COUNT", count)
		require.Len(t, seen, 1000, "COUNT %s", count)
		for key, times := range seen {
			require.Equal(t, 1, times, "COUNT %s returned %q %d times", count, key, times)
		}
	}
	seen := keysScanAll(t, c) // the default COUNT, 10
	require.Len(t, seen, 1000)

	seen = keysScanAll(t, c, "MATCH", "key:1??", "TYPE", "STRING")
	require.Len(t, seen, 100)
	for key, times := range seen {
		require.True(t, strings.HasPrefix(key, "key:1") && len(key) == 7, key)
		require.Equal(t, 1, times)
	}
	require.Empty(t, keysScanAll(t, c, "TYPE", "list"))
}

// TestScanGuaranteeUnderWrites: keys present for the whole iteration are
// returned, while other keys are added and deleted between the calls, and
// two iterations interleaved on two connections do not disturb each other.
func TestScanGuaranteeUnderWrites(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	other := dial(t, srv.Addr())
	keysFill(t, c, "stay:", 500)
	keysFill(t, c, "go:", 500)

	seen := map[string]bool{}
	cursor, otherCursor := "0", "0"
	for calls := 0; ; calls++ {
		require.Less(t, calls, 10000, "the scan never ended")
		next, keys := keysScanPage(t, c.do("SCAN", cursor, "COUNT", "7"))
		for _, key := range keys {
			seen[key] = true
		}
		// Meanwhile: delete a "go:" key, add a new key, delete and add
		// back another, and let a second client scan too.
		c.do("DEL", "go:"+strconv.Itoa(calls))
		c.do("SET", "new:"+strconv.Itoa(calls), "v")
		c.do("DEL", "go:"+strconv.Itoa(499-calls))
		c.do("SET", "go:"+strconv.Itoa(499-calls), "v")
		if otherCursor != "0" || calls == 0 {
			otherCursor, _ = keysScanPage(t, other.do("SCAN", otherCursor, "COUNT", "3"))
		}
		if next == "0" {
			break
		}
		cursor = next
	}
	for i := range 500 {
		require.True(t, seen["stay:"+strconv.Itoa(i)], "stay:%d was never returned", i)
	}
}

func TestScanAndKeysSkipExpiredKeys(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	keysFill(t, c, "live:", 5)
	for i := range 50 {
		require.Equal(t, "+OK\r\n", c.do("SET", "dead:"+strconv.Itoa(i), "v", "PX", "10"))
	}
	time.Sleep(30 * time.Millisecond) // a real wait: the TTLs must pass
	want := []string{"live:0", "live:1", "live:2", "live:3", "live:4"}
	require.Equal(t, want, keysSorted(keysBulks(c.do("KEYS", "*"))))
	seen := keysScanAll(t, c)
	require.Len(t, seen, 5)
	for range 5 {
		key := keysBulks(c.do("RANDOMKEY"))
		require.Len(t, key, 1)
		require.True(t, strings.HasPrefix(key[0], "live:"), key[0])
		require.Equal(t, ":1\r\n", c.do("DEL", key[0]))
	}
	require.Equal(t, "$-1\r\n", c.do("RANDOMKEY"))
	require.Equal(t, ":0\r\n", c.do("DBSIZE"))
}

func TestRandomKey(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	keysFill(t, c, "k", 20)
	seen := map[string]bool{}
	for range 300 {
		keys := keysBulks(c.do("RANDOMKEY"))
		require.Len(t, keys, 1)
		n, err := strconv.Atoi(strings.TrimPrefix(keys[0], "k"))
		require.NoError(t, err)
		require.True(t, n >= 0 && n < 20, keys[0])
		seen[keys[0]] = true
	}
	require.Greater(t, len(seen), 1, "RANDOMKEY always gave the same key")
}

func TestRenameKeepsTTL(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	c.do("SET", "a", "1", "EX", "100")
	c.do("SET", "b", "2", "EX", "500")
	require.Equal(t, "+OK\r\n", c.do("RENAME", "a", "b"))
	ttl := keysInt(t, c.do("PTTL", "b"))
	require.True(t, ttl > 99000 && ttl <= 100000, "PTTL %d", ttl)
	require.Equal(t, ":1\r\n", c.do("RENAMENX", "b", "c"))
	require.Equal(t, ":100\r\n", c.do("TTL", "c"))
	require.Equal(t, "-ERR no such key\r\n", c.do("RENAME", "b", "d"))
}

// keysFill sets prefix0 .. prefix<n-1> in one pipelined write.
func keysFill(t *testing.T, c *testConn, prefix string, n int) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		b.WriteString(resp("SET", prefix+strconv.Itoa(i), "v"))
	}
	c.Send(b.String())
	c.Expect(strings.Repeat("+OK\r\n", n))
}

// keysScanAll runs SCAN from cursor 0 back to 0 and counts each key.
func keysScanAll(t *testing.T, c *testConn, options ...string) map[string]int {
	t.Helper()
	seen := map[string]int{}
	cursor := "0"
	for calls := 0; ; calls++ {
		require.Less(t, calls, 100000, "the scan never ended")
		next, keys := keysScanPage(t, c.do(append([]string{"SCAN", cursor}, options...)...))
		for _, key := range keys {
			seen[key]++
		}
		if next == "0" {
			return seen
		}
		cursor = next
	}
}

// keysScanPage splits a SCAN reply into its cursor and its keys.
func keysScanPage(t *testing.T, reply string) (string, []string) {
	t.Helper()
	require.True(t, strings.HasPrefix(reply, "*2\r\n"), "%q", reply)
	bulks := keysBulks(reply)
	require.NotEmpty(t, bulks, "%q", reply)
	return bulks[0], bulks[1:]
}

// keysBulks returns the bulk strings of a reply, nested arrays flattened.
// The tests' keys hold no CR or LF.
func keysBulks(reply string) []string {
	lines := strings.Split(strings.TrimSuffix(reply, "\r\n"), "\r\n")
	var bulks []string
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "$") && lines[i] != "$-1" {
			bulks = append(bulks, lines[i+1])
			i++
		}
	}
	return bulks
}

func keysSorted(keys []string) []string {
	sort.Strings(keys)
	return keys
}

func keysInt(t *testing.T, reply string) int64 {
	t.Helper()
	require.True(t, strings.HasPrefix(reply, ":"), "%q", reply)
	n, err := strconv.ParseInt(strings.TrimSpace(reply[1:]), 10, 64)
	require.NoError(t, err)
	return n
}
