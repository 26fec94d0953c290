//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestExpireCommands checks the replies that depend on the clock, within a
// tolerance; the rest is in diff_keys_test.go.
func TestExpireCommands(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	nowMs := time.Now().UnixMilli()
	tests := []struct {
		name   string
		set    []string // run after SET k v
		query  string
		lo, hi int64
	}{
		{"expire", []string{"EXPIRE", "k", "100"}, "PTTL", 99000, 100000},
		{"expire ttl", []string{"EXPIRE", "k", "100"}, "TTL", 100, 100},
		{"pexpire", []string{"PEXPIRE", "k", "5000"}, "PTTL", 4900, 5000},
		// 1600 ms is 2 s to the nearest second, where truncating gives 1.
		{"ttl rounds", []string{"PEXPIRE", "k", "1600"}, "TTL", 2, 2},
		{"ttl rounds down", []string{"PEXPIRE", "k", "1400"}, "TTL", 1, 1},
		{"expireat", []string{"EXPIREAT", "k", strconv.FormatInt(nowMs/1000+1000, 10)}, "TTL", 998, 1000},
		{"pexpireat", []string{"PEXPIREAT", "k", strconv.FormatInt(nowMs+60000, 10)}, "PTTL", 59000, 60000},
		{"expiretime", []string{"EXPIRE", "k", "100"}, "EXPIRETIME", nowMs/1000 + 99, nowMs/1000 + 102},
		{"pexpiretime", []string{"PEXPIRE", "k", "100000"}, "PEXPIRETIME", nowMs + 100000, nowMs + 102000},
		{"gt over a later time", []string{"EXPIRE", "k", "200", "GT"}, "PTTL", -1, -1},
		{"lt over no ttl", []string{"EXPIRE", "k", "200", "LT"}, "TTL", 200, 200},
		{"nx", []string{"EXPIRE", "k", "300", "NX"}, "TTL", 300, 300},
		{"xx without ttl", []string{"EXPIRE", "k", "300", "XX"}, "TTL", -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, "+OK\r\n", c.do("SET", "k", "v"))
			c.do(tt.set...)
			got := keysInt(t, c.do(tt.query, "k"))
			require.True(t, got >= tt.lo && got <= tt.hi, "%s: %d not in [%d, %d]", tt.query, got, tt.lo, tt.hi)
		})
	}
}

// TestPassiveExpiry: once its time is up a key is gone for every command,
// even before active expiry comes round to it (hz 1 here: one cron a second).
func TestPassiveExpiry(t *testing.T) {
	srv, _ := startServer(t, config{hz: 1})
	c := dial(t, srv.Addr())
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"get", []string{"GET", "k"}, "$-1\r\n"},
		{"exists", []string{"EXISTS", "k", "k"}, ":0\r\n"},
		{"type", []string{"TYPE", "k"}, "+none\r\n"},
		{"ttl", []string{"TTL", "k"}, ":-2\r\n"},
		{"pttl", []string{"PTTL", "k"}, ":-2\r\n"},
		{"expiretime", []string{"EXPIRETIME", "k"}, ":-2\r\n"},
		{"persist", []string{"PERSIST", "k"}, ":0\r\n"},
		{"expire", []string{"EXPIRE", "k", "100"}, ":0\r\n"},
		{"del", []string{"DEL", "k"}, ":0\r\n"},
		{"rename", []string{"RENAME", "k", "j"}, "-ERR no such key\r\n"},
		{"keys", []string{"KEYS", "*"}, "*0\r\n"},
		{"randomkey", []string{"RANDOMKEY"}, "$-1\r\n"},
		{"scan", []string{"SCAN", "0"}, "*2\r\n$1\r\n0\r\n*0\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, "+OK\r\n", c.do("FLUSHALL"))
			// 100 ms: long enough that even a loaded machine sees the key
			// before it expires.
			require.Equal(t, "+OK\r\n", c.do("SET", "k", "v", "PX", "100"))
			require.Equal(t, ":1\r\n", c.do("EXISTS", "k"))
			time.Sleep(110 * time.Millisecond) // a real wait: the TTL must pass
			require.Equal(t, tt.want, c.do(tt.args...))
		})
	}
}

// TestActiveExpiry: keys with a TTL that no client ever touches again are
// deleted by the cron. DBSIZE counts keys that expired but are still
// stored, so it reaching 100 proves that active expiry removed them.
func TestActiveExpiry(t *testing.T) {
	srv, _ := startServer(t, config{hz: 100})
	c := dial(t, srv.Addr())
	var b strings.Builder
	for i := range 5000 {
		b.WriteString(resp("SET", "temp:"+strconv.Itoa(i), "v", "PX", "20"))
	}
	c.Send(b.String())
	c.Expect(strings.Repeat("+OK\r\n", 5000))
	keysFill(t, c, "keep:", 100)
	// The same in another database, which the cycle must reach too.
	require.Equal(t, "+OK\r\n", c.do("SELECT", "5"))
	for i := range 500 {
		require.Equal(t, "+OK\r\n", c.do("SET", "temp:"+strconv.Itoa(i), "v", "PX", "20"))
	}
	require.Equal(t, "+OK\r\n", c.do("SELECT", "0"))

	size := expireWaitForDBSize(t, c, 100)
	require.Equal(t, int64(100), size, "active expiry left keys behind")
	require.Equal(t, "+OK\r\n", c.do("SELECT", "5"))
	require.Equal(t, int64(0), expireWaitForDBSize(t, c, 0))
	require.Equal(t, "+OK\r\n", c.do("SELECT", "0"))
	require.Equal(t, ":100\r\n", c.do("EXISTS", "keep:0", "keep:1", "keep:2", "keep:3", "keep:4",
		"keep:5", "keep:6", "keep:7", "keep:8", "keep:9",
		"keep:10", "keep:11", "keep:12", "keep:13", "keep:14", "keep:15", "keep:16", "keep:17", "keep:18", "keep:19",
		"keep:20", "keep:21", "keep:22", "keep:23", "keep:24", "keep:25", "keep:26", "keep:27", "keep:28", "keep:29",
		"keep:30", "keep:31", "keep:32", "keep:33", "keep:34", "keep:35", "keep:36", "keep:37", "keep:38", "keep:39",
		"keep:40", "keep:41", "keep:42", "keep:43", "keep:44", "keep:45", "keep:46", "keep:47", "keep:48", "keep:49",
		"keep:50", "keep:51", "keep:52", "keep:53", "keep:54", "keep:55", "keep:56", "keep:57", "keep:58", "keep:59",
		"keep:60", "keep:61", "keep:62", "keep:63", "keep:64", "keep:65", "keep:66", "keep:67", "keep:68", "keep:69",
		"keep:70", "keep:71", "keep:72", "keep:73", "keep:74", "keep:75", "keep:76", "keep:77", "keep:78", "keep:79",
		"keep:80", "keep:81", "keep:82", "keep:83", "keep:84", "keep:85", "keep:86", "keep:87", "keep:88", "keep:89",
		"keep:90", "keep:91", "keep:92", "keep:93", "keep:94", "keep:95", "keep:96", "keep:97", "keep:98", "keep:99"))
}

// expireWaitForDBSize asks DBSIZE every few milliseconds, for at most
// three seconds, until it says want, and returns the last answer.
func expireWaitForDBSize(t *testing.T, c *testConn, want int64) int64 {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		size := keysInt(t, c.do("DBSIZE"))
		if size == want || time.Now().After(deadline) {
			return size
		}
		time.Sleep(5 * time.Millisecond) // polling: expiry runs on the server's clock
	}
}

// TestActiveExpireCycle drives the cycle directly, without the loop: it
// deletes what has expired, keeps what has not, and stops on its time
// budget, going on from where it stopped at the next call.
func TestActiveExpireCycle(t *testing.T) {
	s := newState(config{databases: 4, hz: 10})
	// A stopped clock: however slow this machine, the cycle's time
	// budget is never used up in the first part.
	frozen := time.Now()
	s.clock.source = func() time.Time { return frozen }
	past := frozen.UnixMilli() - 1
	for _, d := range s.dbs {
		for i := range 1000 {
			d.insert("gone:"+strconv.Itoa(i), &entry{val: []byte("v"), expireAt: past})
		}
		for i := range 10 {
			d.insert("later:"+strconv.Itoa(i), &entry{val: []byte("v"), expireAt: past + 3600_000})
		}
		d.insert("forever", &entry{val: []byte("v")})
	}
	s.activeExpireCycle()
	for _, d := range s.dbs {
		// Sampling goes on while more than 10% of a sample has expired:
		// with 10 live keys left, that is until at most one expired key
		// stays for a later tick.
		require.LessOrEqual(t, len(d.expires), 11, "db %d", d.id)
		require.Equal(t, len(d.dict)-1, len(d.expires))
		for i := range 10 {
			require.Contains(t, d.dict, "later:"+strconv.Itoa(i))
		}
	}
	require.Equal(t, 0, s.expireCurrentDB, "one tick went once round the 4 databases")
	require.Positive(t, s.stats.expiredKeys)

	// A clock that jumps a second at every look uses the budget up at
	// once: the cycle stops after the first database and the next call
	// starts at the second.
	ticking := frozen
	s.clock.source = func() time.Time { ticking = ticking.Add(time.Second); return ticking }
	for _, d := range s.dbs {
		d.insert("gone:again", &entry{val: []byte("v"), expireAt: past})
	}
	s.activeExpireCycle()
	require.Equal(t, 1, s.expireCurrentDB)
	require.True(t, s.expireTimedOut)
	s.activeExpireCycle()
	require.Equal(t, 2, s.expireCurrentDB)
}
