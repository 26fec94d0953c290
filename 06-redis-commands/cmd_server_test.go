//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// bulkBody is the text of a bulk string reply.
func bulkBody(t *testing.T, reply string) string {
	t.Helper()
	header, body, ok := strings.Cut(reply, "\r\n")
	require.True(t, ok && strings.HasPrefix(header, "$"), "not a bulk reply: %q", reply)
	return strings.TrimSuffix(body, "\r\n")
}

// arrayItems splits a flat array of bulk strings and integers.
func arrayItems(t *testing.T, reply string) []string {
	t.Helper()
	r := bufio.NewReader(strings.NewReader(reply))
	header, err := r.ReadString('\n')
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(header, "*"), "not an array: %q", reply)
	n, err := strconv.Atoi(strings.TrimSpace(header[1:]))
	require.NoError(t, err)
	items := make([]string, 0, n)
	for range n {
		item, err := readReply(r)
		require.NoError(t, err)
		if strings.HasPrefix(item, "$") {
			_, item, _ = strings.Cut(item, "\r\n")
		}
		items = append(items, strings.TrimSuffix(item, "\r\n"))
	}
	return items
}

func TestHelloReply(t *testing.T) {
	srv, _ := startServer(t, config{})
	conn := dial(t, srv.Addr())
	id := conn.do("CLIENT", "ID")
	for _, args := range [][]string{{"HELLO"}, {"HELLO", "2"}, {"hello", "2", "SETNAME", "me", "AUTH", "default", "any"}} {
		items := arrayItems(t, conn.do(args...))
		require.Equal(t, []string{"server", "redis", "version", "7.0.15", "proto", ":2", "id", strings.TrimSpace(id),
			"mode", "standalone", "role", "master", "modules", "*0"}, items, "%q", args)
	}
	require.Equal(t, "$2\r\nme\r\n", conn.do("CLIENT", "GETNAME"))
	// RESP3 is not spoken here: the error Redis 7.0 gives for a protocol
	// it does not know, and the connection stays on RESP2.
	require.Equal(t, "-NOPROTO unsupported protocol version\r\n", conn.do("HELLO", "3"))
	require.Equal(t, "+PONG\r\n", conn.do("PING"))
}

func TestClientListAndInfo(t *testing.T) {
	srv, _ := startServer(t, config{})
	a, b := dial(t, srv.Addr()), dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", a.do("CLIENT", "SETNAME", "first"))
	require.Equal(t, "+OK\r\n", b.do("SELECT", "5"))
	idA := strings.TrimSpace(a.do("CLIENT", "ID"))[1:]
	idB := strings.TrimSpace(b.do("CLIENT", "ID"))[1:]
	require.NotEqual(t, idA, idB)

	line := regexp.MustCompile(`^id=(\d+) addr=127\.0\.0\.1:\d+ laddr=` + regexp.QuoteMeta(srv.Addr()) + ` fd=\d+ name=(\S*) age=\d+ idle=\d+ ` +
		`flags=N db=(\d+) sub=0 psub=0 ssub=0 multi=-1 qbuf=\d+ qbuf-free=\d+ argv-mem=\d+ multi-mem=0 rbs=\d+ rbp=\d+ ` +
		`obl=\d+ oll=0 omem=\d+ tot-mem=\d+ events=r cmd=(\S+) user=default redir=-1 resp=2$`)
	list := bulkBody(t, a.do("CLIENT", "LIST"))
	require.True(t, strings.HasSuffix(list, "\n"))
	lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
	require.Len(t, lines, 2)
	seen := map[string][]string{}
	for _, l := range lines {
		m := line.FindStringSubmatch(l)
		require.NotNil(t, m, "line %q", l)
		seen[m[1]] = m[2:]
	}
	require.Equal(t, []string{"first", "0", "client|list"}, seen[idA])
	require.Equal(t, []string{"", "5", "client|id"}, seen[idB])

	info := bulkBody(t, b.do("CLIENT", "INFO"))
	m := line.FindStringSubmatch(strings.TrimSuffix(info, "\n"))
	require.NotNil(t, m, "%q", info)
	require.Equal(t, []string{idB, "", "5", "client|info"}, m[1:])

	// The filters.
	require.Equal(t, 2, strings.Count(bulkBody(t, a.do("CLIENT", "LIST", "TYPE", "NORMAL")), "\n"))
	only := bulkBody(t, a.do("CLIENT", "LIST", "ID", idB, "12345"))
	require.Equal(t, 1, strings.Count(only, "\n"))
	require.True(t, strings.HasPrefix(only, "id="+idB+" "))
}

func TestInfoSections(t *testing.T) {
	srv, _ := startServer(t, config{})
	conn := dial(t, srv.Addr())
	conn.do("SET", "a", "1")
	conn.do("SET", "b", "2", "EX", "100")
	conn.do("GET", "a")
	conn.do("GET", "missing")
	conn.do("SELECT", "3")
	conn.do("SET", "c", "3")

	all := bulkBody(t, conn.do("INFO"))
	var titles []string
	for _, l := range strings.Split(all, "\r\n") {
		if strings.HasPrefix(l, "# ") {
			titles = append(titles, l)
		}
	}
	require.Equal(t, []string{"# Server", "# Clients", "# Memory", "# Stats", "# Replication", "# CPU", "# Keyspace"}, titles)
	require.Contains(t, all, "\r\n\r\n# Clients\r\n")
	for _, arg := range []string{"all", "default", "EVERYTHING"} {
		require.Equal(t, titles, sectionTitles(bulkBody(t, conn.do("INFO", arg))))
	}
	require.Equal(t, "$0\r\n\r\n", conn.do("INFO", "nosuch"))
	require.Equal(t, []string{"# Server", "# Keyspace"}, sectionTitles(bulkBody(t, conn.do("INFO", "keyspace", "SERVER", "keyspace"))))

	fields := infoFields(all)
	require.Equal(t, "7.0.15", fields["redis_version"])
	require.Equal(t, "1", fields["connected_clients"])
	require.Equal(t, "1", fields["keyspace_hits"])
	require.Equal(t, "1", fields["keyspace_misses"])
	require.Equal(t, "1", fields["total_connections_received"])
	for _, name := range []string{"used_memory", "used_memory_rss", "total_net_input_bytes", "total_commands_processed", "uptime_in_seconds", "process_id"} {
		n, err := strconv.ParseInt(fields[name], 10, 64)
		require.NoError(t, err, name)
		require.GreaterOrEqual(t, n, int64(0), name)
	}
	require.Greater(t, mustInt(t, fields["used_memory"]), int64(0))
	require.Greater(t, mustInt(t, fields["used_memory_rss"]), int64(0))
	require.Equal(t, strings.TrimPrefix(srv.Addr(), "127.0.0.1:"), fields["tcp_port"])

	keyspace := bulkBody(t, conn.do("INFO", "keyspace"))
	m := regexp.MustCompile(`^# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=(\d+)\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n$`).FindStringSubmatch(keyspace)
	require.NotNil(t, m, "%q", keyspace)
	ttl := mustInt(t, m[1])
	require.True(t, ttl > 90_000 && ttl <= 100_000, "avg_ttl %d", ttl)
	conn.do("FLUSHALL")
	require.Equal(t, "$12\r\n# Keyspace\r\n\r\n", conn.do("INFO", "keyspace"))
}

func sectionTitles(info string) []string {
	var titles []string
	for _, l := range strings.Split(info, "\r\n") {
		if strings.HasPrefix(l, "# ") {
			titles = append(titles, l)
		}
	}
	return titles
}

func infoFields(info string) map[string]string {
	fields := map[string]string{}
	for _, l := range strings.Split(info, "\r\n") {
		if name, value, ok := strings.Cut(l, ":"); ok && !strings.HasPrefix(l, "#") {
			fields[name] = value
		}
	}
	return fields
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	require.NoError(t, err)
	return n
}

func TestConfigGetAndSet(t *testing.T) {
	srv, _ := startServer(t, config{maxClients: 123})
	conn := dial(t, srv.Addr())
	pairs := func(args ...string) map[string]string {
		items := arrayItems(t, conn.do(append([]string{"CONFIG", "GET"}, args...)...))
		require.Zero(t, len(items)%2)
		m := map[string]string{}
		for i := 0; i < len(items); i += 2 {
			m[items[i]] = items[i+1]
		}
		return m
	}
	require.Equal(t, map[string]string{"maxclients": "123", "maxmemory": "0", "maxmemory-policy": "noeviction", "maxmemory-samples": "5"}, pairs("max*"))
	require.Equal(t, map[string]string{"save": "", "appendonly": "no", "databases": "16"}, pairs("save", "appendonly", "databases", "nosuch"))
	require.Equal(t, strings.TrimPrefix(srv.Addr(), "127.0.0.1:"), pairs("port")["port"])
	require.Len(t, pairs("*"), len(configParams))

	require.Equal(t, "+OK\r\n", conn.do("CONFIG", "SET", "hz", "50", "timeout", "300", "maxclients", "7", "proto-max-bulk-len", "2mb"))
	require.Equal(t, map[string]string{"hz": "50", "timeout": "300", "maxclients": "7", "proto-max-bulk-len": "2097152"},
		pairs("hz", "timeout", "maxclients", "proto-max-bulk-len"))
	// The new limit applies to the next request.
	conn.Send("*2\r\n$4\r\nECHO\r\n$2097153\r\n")
	require.Equal(t, "-ERR Protocol error: invalid bulk length\r\n", mustReply(t, conn))
}

func mustReply(t *testing.T, conn *testConn) string {
	t.Helper()
	require.NoError(t, conn.Net.SetReadDeadline(time.Now().Add(2*time.Second)))
	reply, err := readReply(conn.R)
	require.NoError(t, err)
	return reply
}

func TestTimeAndCommandCount(t *testing.T) {
	srv, _ := startServer(t, config{})
	conn := dial(t, srv.Addr())
	before := time.Now().UnixMicro()
	items := arrayItems(t, conn.do("TIME"))
	after := time.Now().UnixMicro()
	require.Len(t, items, 2)
	usec := mustInt(t, items[1])
	require.True(t, usec >= 0 && usec < 1_000_000)
	at := mustInt(t, items[0])*1_000_000 + usec
	require.True(t, at >= before && at <= after, "%d not in [%d, %d]", at, before, after)

	require.Equal(t, ":"+strconv.Itoa(len(srv.commands))+"\r\n", conn.do("COMMAND", "COUNT"))
	require.Len(t, arrayItems(t, conn.do("COMMAND")), len(srv.commands))
	require.Len(t, arrayItems(t, conn.do("COMMAND", "INFO")), len(srv.commands))
	require.Len(t, arrayItems(t, conn.do("COMMAND", "DOCS")), 2*len(srv.commands))
	names := arrayItems(t, conn.do("COMMAND", "LIST", "FILTERBY", "PATTERN", "client*"))
	require.Contains(t, names, "client|list")
	require.Contains(t, names, "client")
	require.NotContains(t, names, "get")
}
