//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/redistest"
)

// everyCommand is every row of the table, subcommands included.
func everyCommand() []*command {
	var all []*command
	for _, cmd := range commandTable {
		all = append(all, cmd)
		all = append(all, subcommandList(cmd)...)
	}
	sortCommands(all)
	return all
}

// TestEveryCommandHasDocs: a command without its row would answer COMMAND
// DOCS with an empty entry, and redis-cli would give no hints for it.
func TestEveryCommandHasDocs(t *testing.T) {
	for _, cmd := range everyCommand() {
		_, ok := commandDocs[cmd.fullName]
		require.True(t, ok, "%s has no row in commandDocs: make it with tools/commanddocs", cmd.fullName)
	}
}

// TestSameAsRedisCommandInfoAndDocs asks both servers COMMAND INFO and
// COMMAND DOCS of every command we have. Containers are compared by their
// subcommands, since we have fewer of those than Redis; from Redis's docs
// the fields we leave out (history, doc_flags, deprecated_since,
// replaced_by) are dropped before comparing.
func TestSameAsRedisCommandInfoAndDocs(t *testing.T) {
	redis := askerFor(t, redistest.Start(t))
	srv, _ := startServer(t, config{})
	ours := askerFor(t, srv.Addr())
	for _, cmd := range everyCommand() {
		if cmd.subcommands != nil {
			continue
		}
		require.Equal(t, redis("COMMAND", "INFO", cmd.fullName), ours("COMMAND", "INFO", cmd.fullName), "COMMAND INFO %s", cmd.fullName)
		want := withoutDocFields(t, redis("COMMAND", "DOCS", cmd.fullName))
		require.Equal(t, want, ours("COMMAND", "DOCS", cmd.fullName), "COMMAND DOCS %s", cmd.fullName)
	}
}

// askerFor returns a function that sends one command on one connection
// and returns the raw reply.
func askerFor(t *testing.T, addr string) func(args ...string) string {
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	r := bufio.NewReader(conn)
	return func(args ...string) string {
		require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
		_, err := conn.Write([]byte(resp(args...)))
		require.NoError(t, err)
		reply, err := readReply(r)
		require.NoError(t, err)
		return reply
	}
}

// withoutDocFields rewrites a COMMAND DOCS reply of one command without
// the documentation fields this chapter leaves out.
func withoutDocFields(t *testing.T, reply string) string {
	r := bufio.NewReader(strings.NewReader(reply))
	var out strings.Builder
	line := readLine(t, r) // the outer map: name, docs
	out.WriteString(line)
	if line == "*0\r\n" {
		return out.String()
	}
	out.WriteString(readRaw(t, r)) // the name
	n := arrayLen(t, readLine(t, r))
	var kept []string
	for i := 0; i < n; i += 2 {
		key, value := readRaw(t, r), readRaw(t, r)
		switch key {
		case "$7\r\nhistory\r\n", "$9\r\ndoc_flags\r\n", "$16\r\ndeprecated_since\r\n", "$11\r\nreplaced_by\r\n":
			continue
		}
		kept = append(kept, key, value)
	}
	out.WriteString("*" + strconv.Itoa(len(kept)) + "\r\n" + strings.Join(kept, ""))
	return out.String()
}

func readLine(t *testing.T, r *bufio.Reader) string {
	line, err := r.ReadString('\n')
	require.NoError(t, err)
	return line
}

func arrayLen(t *testing.T, line string) int {
	require.Equal(t, byte('*'), line[0], "not an array: %q", line)
	n, err := strconv.Atoi(strings.TrimSpace(line[1:]))
	require.NoError(t, err)
	return n
}

// readRaw reads one whole reply and returns its bytes.
func readRaw(t *testing.T, r *bufio.Reader) string {
	reply, err := readReply(r)
	if err != io.EOF {
		require.NoError(t, err)
	}
	return reply
}
