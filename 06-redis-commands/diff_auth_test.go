//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
	"onethread/internal/redistest"
)

// helloID is the client id in HELLO's reply, which differs from server to
// server; the tests compare everything else.
var helloID = regexp.MustCompile(`(\$2\r\nid\r\n:)[0-9]+`)

// talk sends input on a new connection, half-closes it and returns every
// byte of the replies, with HELLO's id blanked out. Unlike converse, it
// does not FLUSHALL first, which a server with a password would refuse.
func talk(t *testing.T, addr, input string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	// The server may close first, after a protocol error: the write and
	// the half-close can fail then, and what it sent is still to be read.
	conn.Write([]byte(input))
	conn.(*net.TCPConn).CloseWrite()
	reply, err := io.ReadAll(conn)
	if !errors.Is(err, syscall.ECONNRESET) {
		require.NoError(t, err)
	}
	return helloID.ReplaceAllString(string(reply), "${1}ID")
}

func TestSameAsRedisWithPassword(t *testing.T) {
	redisAddr := redistest.Start(t, "--requirepass", "s3cret")
	srv, _ := startServer(t, config{requirepass: "s3cret"})
	for _, tc := range []diffCase{
		commands("before auth", cmd("PING"), cmd("GET", "k"), cmd("SET", "k", "v"), cmd("FOO", "x"), cmd("GET"), cmd("CONFIG", "NOSUCH"),
			cmd("CONFIG", "GET", "requirepass"), cmd("SELECT", "1"), cmd("CLIENT", "SETNAME", "x"), cmd("COMMAND"), cmd("HELLO"), cmd("HELLO", "2"),
			cmd("HELLO", "2", "AUTH", "default", "wrong"), cmd("HELLO", "x", "AUTH", "default", "s3cret"), cmd("HELLO", "4", "AUTH", "default", "s3cret"),
			cmd("HELLO", "2", "AUTH", "default"), cmd("AUTH"), cmd("AUTH", "a", "b", "c"), cmd("AUTH", "wrong"), cmd("AUTH", "bob", "s3cret"),
			cmd("AUTH", "S3CRET"), cmd("AUTH", "default", ""), cmd("AUTH", "s3cret "), cmd("PING"), cmd("QUIT", "x"), cmd("PING")),
		commands("auth password", cmd("AUTH", "s3cret"), cmd("PING"), cmd("AUTH", "wrong"), cmd("PING"), cmd("CONFIG", "GET", "requirepass"),
			cmd("SET", "k", "v"), cmd("GET", "k"), cmd("DEL", "k")),
		commands("auth default password", cmd("AUTH", "default", "s3cret"), cmd("ECHO", "in"), cmd("HELLO", "2")),
		commands("hello auth", cmd("HELLO", "2", "AUTH", "default", "s3cret", "SETNAME", "me"), cmd("CLIENT", "GETNAME"), cmd("PING")),
		// Redis 7.0 applies SETNAME before it finds the client has not
		// authenticated: the name stays although HELLO failed.
		commands("hello names before refusing", cmd("HELLO", "2", "SETNAME", "early"), cmd("AUTH", "s3cret"), cmd("CLIENT", "GETNAME")),
		{name: "inline", send: "PING\r\nAUTH wrong\r\nAUTH s3cret\r\nPING\r\n"},
		// Before AUTH, arrays of more than 10 and bulks of more than
		// 16 KiB are protocol errors, checked after the usual ones.
		{name: "10 arguments", send: resp("DEL", "1", "2", "3", "4", "5", "6", "7", "8", "9")},
		{name: "11 arguments", send: resp("DEL", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")},
		{name: "11 then a bad bulk", send: "*11\r\n$x\r\n"},
		{name: "too many for anyone", send: "*99999999999\r\n"},
		{name: "16 KiB bulk", send: resp("GET", strings.Repeat("k", 16384))},
		{name: "16 KiB and a byte", send: "*2\r\n$3\r\nGET\r\n$16385\r\n"},
		{name: "bad bulk length", send: "*2\r\n$3\r\nGET\r\n$99999999999\r\n"},
		{name: "limits end with auth", send: resp("AUTH", "s3cret") + resp("DEL", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10") +
			resp("GET", strings.Repeat("k", 20000))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, talk(t, redisAddr, tc.send), talk(t, srv.Addr(), tc.send), "sent %q", tc.send)
		})
	}
}

// script is a conversation over several connections, each step one
// command on connection conn (dialled at its first step), and returns
// what each step got back.
func script(t *testing.T, addr string, steps []scriptStep) []string {
	t.Helper()
	conns := map[int]*testConn{}
	var replies []string
	for _, step := range steps {
		if conns[step.conn] == nil {
			conns[step.conn] = dial(t, addr)
		}
		replies = append(replies, string(rune('A'+step.conn))+" "+strings.Join(step.args, " ")+" -> "+conns[step.conn].do(step.args...))
	}
	return replies
}

type scriptStep struct {
	conn int
	args []string
}

// TestSameAsRedisConfigSetRequirepass changes the password at run time:
// a client decides when it connects whether it must authenticate, so the
// ones already connected keep what they had.
func TestSameAsRedisConfigSetRequirepass(t *testing.T) {
	const a, b, c, d, e, f = 0, 1, 2, 3, 4, 5
	steps := []scriptStep{
		{a, cmd("AUTH", "s3cret")},
		{b, cmd("PING")},
		{a, cmd("CONFIG", "SET", "requirepass", "new")},
		{a, cmd("PING")},
		{b, cmd("AUTH", "s3cret")},
		{c, cmd("PING")},
		{c, cmd("AUTH", "new")},
		{c, cmd("CONFIG", "GET", "requirepass")},
		{a, cmd("CONFIG", "SET", "requirepass", "")},
		{b, cmd("PING")},
		{d, cmd("AUTH", "anything")},
		{d, cmd("AUTH", "default", "anything")},
		{e, cmd("PING")},
		{a, cmd("CONFIG", "SET", "requirepass", "s3cret")},
		{e, cmd("PING")},
		{f, cmd("PING")},
		{a, cmd("CONFIG", "SET", "requirepass", "x", "requirepass", "y")},
		{a, cmd("CONFIG", "SET", "protected-mode", "maybe")},
		{a, cmd("CONFIG", "SET", "protected-mode", "NO")},
		{a, cmd("CONFIG", "GET", "protected-mode")},
		{a, cmd("CONFIG", "SET", "protected-mode", "yes")},
		{a, cmd("CONFIG", "GET", "protected-mode")},
	}
	redisAddr := redistest.Start(t, "--requirepass", "s3cret")
	srv, _ := startServer(t, config{requirepass: "s3cret", protectedMode: true})
	require.Equal(t, script(t, redisAddr, steps), script(t, srv.Addr(), steps))
}

// dialFrom connects to addr from the local address from, or skips the
// test if this machine cannot use that address.
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	dialer := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 2 * time.Second}
	conn, err := dialer.Dial("tcp", addr)
	if errors.Is(err, syscall.EADDRNOTAVAIL) {
		t.Skipf("cannot connect from %s on this machine (Linux routes all of 127.0.0.0/8 to loopback; macOS only 127.0.0.1): %v", from, err)
	}
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	return conn
}

func fromConn(t *testing.T, conn net.Conn) *testConn {
	return &testConn{&nettest.Conn{T: t, Net: conn, R: bufio.NewReader(conn)}}
}

// protectedModeSession is what a client from 127.0.0.2 sees as protected
// mode is on, off, and on again with a password set.
func protectedModeSession(t *testing.T, addr string) []string {
	var seen []string
	denied, err := io.ReadAll(dialFrom(t, "127.0.0.2", addr))
	require.NoError(t, err)
	seen = append(seen, string(denied))
	admin := dial(t, addr)
	seen = append(seen, admin.do("CONFIG", "SET", "protected-mode", "no"))
	other := fromConn(t, dialFrom(t, "127.0.0.2", addr))
	seen = append(seen, other.do("PING"))
	seen = append(seen, admin.do("CONFIG", "SET", "protected-mode", "yes", "requirepass", "pw"))
	other = fromConn(t, dialFrom(t, "127.0.0.2", addr))
	seen = append(seen, other.do("PING"), other.do("AUTH", "pw"), other.do("PING"))
	return seen
}

// TestSameAsRedisProtectedMode connects from 127.0.0.2, an address other
// than 127.0.0.1 that every Linux machine has, so the test needs no
// network. Redis 7.0 compares the client's address with "127.0.0.1" and
// "::1" as text, so it turns this client away as it would a remote one.
func TestSameAsRedisProtectedMode(t *testing.T) {
	redisAddr := redistest.Start(t)
	srv, _ := startServer(t, config{protectedMode: true})
	want := protectedModeSession(t, redisAddr)
	require.True(t, strings.HasPrefix(want[0], "-DENIED Redis is running in protected mode"), want[0])
	require.Equal(t, want, protectedModeSession(t, srv.Addr()))
	admin := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", admin.do("AUTH", "pw"))
	require.Contains(t, admin.do("INFO", "stats"), "rejected_connections:1\r\n")
}

// TestAuthFlags starts the program as a user would, with the two flags.
func TestAuthFlags(t *testing.T) {
	p := nettest.StartProcess(t, "", "-requirepass", "pw", "-protected-mode", "no")
	conn := dial(t, p.Addr)
	require.Equal(t, "-NOAUTH Authentication required.\r\n", conn.do("CONFIG", "GET", "protected-mode"))
	require.Equal(t, "+OK\r\n", conn.do("AUTH", "pw"))
	require.Equal(t, "*4\r\n$14\r\nprotected-mode\r\n$2\r\nno\r\n$11\r\nrequirepass\r\n$2\r\npw\r\n",
		conn.do("CONFIG", "GET", "protected-mode", "requirepass"))

	out, err := exec.Command(nettest.Binary(t), "-protected-mode", "maybe").CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	require.Equal(t, 2, exit.ExitCode())
	require.Contains(t, string(out), `invalid value "maybe" for flag -protected-mode: argument must be 'yes' or 'no'`)
}

// TestClientsWithPassword: go-redis tries HELLO 3 AUTH first, which this
// RESP2 server refuses (NOPROTO) before looking at the password, then
// falls back to AUTH; redis-cli -a sends AUTH.
func TestClientsWithPassword(t *testing.T) {
	srv, _ := startServer(t, config{requirepass: "pw"})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.Equal(t, "PONG", newGoRedis(t, srv.Addr(), redis.Options{Password: "pw"}).Ping(ctx).Val())
	err := newGoRedis(t, srv.Addr(), redis.Options{Password: "wrong"}).Ping(ctx).Err()
	require.ErrorContains(t, err, "WRONGPASS invalid username-password pair or user is disabled.")
	err = newGoRedis(t, srv.Addr(), redis.Options{}).Ping(ctx).Err()
	require.ErrorContains(t, err, "NOAUTH Authentication required.")

	out, err := exec.Command(redisTool(t, "redis-cli"), "-h", "127.0.0.1", "-p", portOf(srv.Addr()), "-a", "pw", "--no-auth-warning", "PING").CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Equal(t, "PONG\n", string(out))
}
