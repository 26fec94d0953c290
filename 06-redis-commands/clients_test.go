//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// Real clients against the chapter: a client library, redis-cli and
// redis-benchmark, which send what they send, not what a test writer
// thought of.

func newGoRedis(t *testing.T, addr string, opts redis.Options) *redis.Client {
	t.Helper()
	opts.Addr = addr
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = 2*time.Second, 2*time.Second, 2*time.Second
	rdb := redis.NewClient(&opts)
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func TestGoRedisClient(t *testing.T) {
	srv, _ := startServer(t, config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// go-redis's handshake: HELLO 3 (refused: RESP2 only here, so it falls
	// back), then CLIENT SETINFO twice, which Redis 7.0 also does not know;
	// the library must shrug that off, as it does against 7.0.
	rdb := newGoRedis(t, srv.Addr(), redis.Options{ClientName: "tester", DB: 2})

	require.Equal(t, "PONG", rdb.Ping(ctx).Val())
	require.NoError(t, rdb.Set(ctx, "k", "v", time.Minute).Err())
	require.Equal(t, "v", rdb.Get(ctx, "k").Val())
	ttl := rdb.TTL(ctx, "k").Val()
	require.True(t, ttl > 58*time.Second && ttl <= time.Minute, "ttl %v", ttl)
	require.Equal(t, redis.Nil, rdb.Get(ctx, "missing").Err())
	require.Equal(t, int64(1), rdb.Incr(ctx, "n").Val())
	require.Equal(t, int64(2), rdb.Incr(ctx, "n").Val())
	require.Equal(t, []any{"v", nil, "2"}, rdb.MGet(ctx, "k", "missing", "n").Val())

	// Options.DB and Options.ClientName went through SELECT and the
	// handshake.
	require.Equal(t, "tester", rdb.ClientGetName(ctx).Val())
	require.Equal(t, int64(2), rdb.DBSize(ctx).Val())
	require.Contains(t, rdb.ClientList(ctx).Val(), " name=tester ")
	require.Contains(t, rdb.Info(ctx, "keyspace").Val(), "db2:keys=2,expires=1,")
	require.Contains(t, rdb.Info(ctx).Val(), "redis_version:7.0.15")

	// A pipeline of 1,000 commands, sent in one write.
	cmds, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range 1000 {
			p.Set(ctx, "p"+strconv.Itoa(i), i, 0)
		}
		return nil
	})
	require.NoError(t, err)
	require.Len(t, cmds, 1000)
	cmds, err = rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range 1000 {
			p.Get(ctx, "p"+strconv.Itoa(i))
		}
		return nil
	})
	require.NoError(t, err)
	for i, c := range cmds {
		require.Equal(t, strconv.Itoa(i), c.(*redis.StringCmd).Val())
	}

	// Server commands through the library's own methods.
	require.Equal(t, map[string]string{"databases": "16"}, rdb.ConfigGet(ctx, "databases").Val())
	now := rdb.Time(ctx).Val()
	require.WithinDuration(t, time.Now(), now, 5*time.Second)
	require.NoError(t, rdb.FlushDBAsync(ctx).Err())
	require.Equal(t, int64(0), rdb.DBSize(ctx).Val())

	// Asked for RESP2, go-redis's HELLO 2 succeeds and names the client.
	resp2 := newGoRedis(t, srv.Addr(), redis.Options{Protocol: 2, ClientName: "resp2"})
	require.Equal(t, "resp2", resp2.ClientGetName(ctx).Val())
}

func TestGoRedisPool(t *testing.T) {
	srv, _ := startServer(t, config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rdb := newGoRedis(t, srv.Addr(), redis.Options{PoolSize: 20})
	const workers, each = 20, 200
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				key := fmt.Sprintf("w%d:%d", w, i)
				if err := rdb.Set(ctx, key, i, 0).Err(); err != nil {
					errs <- err
					return
				}
				if err := rdb.Incr(ctx, "total").Err(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.Equal(t, strconv.Itoa(workers*each), rdb.Get(ctx, "total").Val())
	require.Equal(t, int64(workers*each+1), rdb.DBSize(ctx).Val())
	clients := strings.Count(rdb.ClientList(ctx).Val(), "\n")
	require.True(t, clients >= 1 && clients <= 20, "%d connections", clients)
}

// redisTool finds redis-cli or redis-benchmark, skipping the test with an
// install hint when it is missing, unless REQUIRE_REDIS=1 (CI), the same
// rule internal/redistest follows for redis-server.
func redisTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := name + " not found: install it (Debian/Ubuntu: apt-get install redis-tools; macOS: brew install redis) to test with real clients"
		if os.Getenv("REQUIRE_REDIS") == "1" {
			t.Fatal(msg + " (REQUIRE_REDIS=1)")
		}
		t.Skip(msg)
	}
	return path
}

// runTool runs a Redis tool against the server and returns its output.
func runTool(t *testing.T, timeout time.Duration, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	require.NoError(t, err, "%s %q: %s", bin, args, out)
	return string(out)
}

func TestRedisCLI(t *testing.T) {
	cli := redisTool(t, "redis-cli")
	srv, _ := startServer(t, config{})
	port := strings.TrimPrefix(srv.Addr(), "127.0.0.1:")
	run := func(args ...string) string {
		return runTool(t, 10*time.Second, cli, append([]string{"-p", port}, args...)...)
	}
	require.Equal(t, "PONG\n", run("ping"))
	require.Equal(t, "OK\n", run("set", "k", "v"))
	require.Equal(t, "v\n", run("get", "k"))
	require.Equal(t, "(integer) 1\n", run("--no-raw", "incr", "n"))
	require.Equal(t, "(nil)\n", run("--no-raw", "get", "missing"))
	require.Equal(t, "(error) ERR DB index is out of range\n", run("--no-raw", "select", "16"))
	require.Equal(t, "OK\n", run("-n", "3", "set", "in3", "x"))
	require.Equal(t, "x\n", run("-n", "3", "get", "in3"))
	// Printed raw when not on a terminal, CRLFs and all, as from Redis.
	info := run("info", "server")
	require.True(t, strings.HasPrefix(info, "# Server\r\n"), "%q", info)
	require.Contains(t, info, "\r\nredis_version:7.0.15\r\n")
	// help asks COMMAND DOCS, as interactive redis-cli does when it
	// starts, and builds the hint from the argument tree.
	help := run("help", "set")
	require.Contains(t, help, "key value [NX|XX] [GET]")
	require.Contains(t, help, "Set the string value of a key")
	// Commands fed on standard input, one per line.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, cli, "-p", port)
	cmd.Stdin = strings.NewReader("set a 1\nincrby a 41\nget a\nclient setname cli\nclient getname\n")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Equal(t, "OK\n42\n42\nOK\ncli\n", string(out))
}

func TestRedisBenchmark(t *testing.T) {
	bench := redisTool(t, "redis-benchmark")
	srv, _ := startServer(t, config{})
	port := strings.TrimPrefix(srv.Addr(), "127.0.0.1:")
	out := runTool(t, 60*time.Second, bench, "-p", port, "-t", "ping,set,get,incr,mset", "-n", "20000", "-q")
	for _, bad := range []string{"ERR", "WARNING", "rror"} {
		require.NotContains(t, out, bad, out)
	}
	for _, test := range []string{"PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET (10 keys)"} {
		// Progress lines end in \r; the result is the last one.
		require.Regexp(t, `(?m)(^|\r)`+regexp.QuoteMeta(test)+`: [\d.]+ requests per second`, out, out)
	}
}
