// Command 06-redis-commands is a Redis server on chapter 05's event loop:
// it speaks RESP, so redis-cli, redis-benchmark and client libraries work
// with it unchanged, and it keeps strings, lists, hashes, sets and sorted
// sets with expiry in 16 databases, all owned by one thread.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"onethread/internal/cmdline"
)

func main() {
	var cfg config
	var trace bool
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:6379", "address to listen on")
	flag.IntVar(&cfg.maxClients, "maxclients", 10000, "clients served at once; more are refused with an error, as Redis does")
	flag.IntVar(&cfg.databases, "databases", 16, "number of databases (SELECT 0 to n-1)")
	flag.IntVar(&cfg.hz, "hz", 10, "how many times a second the loop runs its timed work, active expiry among it (Redis's hz)")
	flag.DurationVar(&cfg.idleTimeout, "timeout", 0, "close clients idle this long (0: never, Redis's default)")
	flag.IntVar(&cfg.maxBulk, "proto-max-bulk-len", defaultMaxBulkBytes, "largest bulk string a client may send, in bytes (Redis's proto-max-bulk-len)")
	cfg.queryBufferLimit = defaultQueryBufferLimit
	flag.Func("client-query-buffer-limit", "close a client whose unprocessed input passes this size, such as 1gb or 512mb (Redis's client-query-buffer-limit; default 1gb, at least 1mb)", func(v string) error {
		n, ok := memToBytes([]byte(v))
		if !ok || n < minQueryBufferLimit {
			return errors.New("want a size of at least 1mb: digits, then b, k, kb, m, mb, g or gb")
		}
		cfg.queryBufferLimit = int(n)
		return nil
	})
	flag.Int64Var(&cfg.slowlogSlowerThan, "slowlog-log-slower-than", 10000, "log commands that run this many microseconds or more in SLOWLOG (negative: none, 0: all)")
	flag.IntVar(&cfg.slowlogMaxLen, "slowlog-max-len", 128, "entries SLOWLOG keeps, the newest")
	flag.Int64Var(&cfg.latencyThresholdMs, "latency-monitor-threshold", 0, "record commands that run this many milliseconds or more for LATENCY (0: off)")
	cfg.pubsubOutputLimit = defaultPubsubOutputLimit
	flag.Func("client-output-buffer-limit-pubsub", "close a subscriber whose unsent output passes the hard limit, or the soft limit for that many seconds: \"hard soft seconds\" (Redis's default \"32mb 8mb 60\"; 0 for none)", func(v string) error {
		limit, ok := parseOutputLimit(v)
		if !ok {
			return errors.New("want \"hard soft seconds\", such as \"32mb 8mb 60\"")
		}
		cfg.pubsubOutputLimit = limit
		return nil
	})
	cfg.normalOutputLimit = defaultNormalOutputLimit
	flag.Func("client-output-buffer-limit-normal", "the same for a MONITOR client, which Redis counts as a normal client (Redis's default is \"0 0 0\", none; other clients' replies are bounded by backpressure instead)", func(v string) error {
		limit, ok := parseOutputLimit(v)
		if !ok {
			return errors.New("want \"hard soft seconds\", such as \"32mb 8mb 60\"")
		}
		cfg.normalOutputLimit = limit
		return nil
	})
	flag.Func("maxmemory", "most the keys may cost, such as 100mb or 1gb; past it, -maxmemory-policy applies (0: no limit, Redis's default)", func(v string) error {
		n, ok := memToBytes([]byte(v))
		if !ok {
			return errors.New("want a size: digits, then b, k, kb, m, mb, g or gb")
		}
		cfg.maxmemory = uint64(n)
		return nil
	})
	flag.Func("maxmemory-policy", "what goes past -maxmemory: noeviction (refuse writes, the default), allkeys-lru, volatile-lru, allkeys-lfu, volatile-lfu, allkeys-random, volatile-random or volatile-ttl", func(v string) error {
		p, ok := parsePolicy([]byte(v))
		if !ok {
			return errors.New(policyError())
		}
		cfg.maxmemoryPolicy = p
		return nil
	})
	flag.IntVar(&cfg.maxmemorySamples, "maxmemory-samples", defaultMaxmemorySamples, "keys sampled for each eviction: more is closer to true LRU, and slower")
	flag.StringVar(&cfg.requirepass, "requirepass", "", "password clients must give with AUTH before other commands (empty: none)")
	cfg.protectedMode = true
	flag.Var(&cfg.protectedMode, "protected-mode", "yes: with no password, refuse clients not on 127.0.0.1 or ::1, as Redis does")
	flag.BoolVar(&trace, "trace", false, "print every wait for events (epoll_wait or kevent), accept, read, write and close")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file until the server stops (see go tool pprof)")
	cmdline.Parse()
	cmdline.Require(cfg.hz >= 1 && cfg.hz <= 500, "hz", "must be 1 to 500")
	cmdline.Require(cfg.maxClients >= 1, "maxclients", "must be at least 1")
	cmdline.Require(cfg.databases >= 1, "databases", "must be at least 1")
	cmdline.Require(cfg.maxBulk >= 1, "proto-max-bulk-len", "must be at least 1")
	cmdline.Require(cfg.maxmemorySamples >= 1, "maxmemory-samples", "must be at least 1")
	if trace {
		cfg.trace = os.Stdout
	}

	// The loop's thread spends most of its life blocked in epoll_wait or
	// kevent. When no other P is idle, sysmon takes the P of a thread that
	// has been in a system call for over 20 µs and hands it off, waking
	// another thread to look for work (retake and handoffp in
	// runtime/proc.go); the loop then pays a futex wake-up and a context
	// switch for its waits. A second, idle P makes retake leave the
	// loop's P alone. Go picks GOMAXPROCS=1 when the process may use one
	// CPU (taskset -c 0), so ask for two; GOMAXPROCS in the environment
	// still decides. The lesson measures what this saves.
	if os.Getenv("GOMAXPROCS") == "" && runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2)
	}

	// Go's runtime has an epoll instance of its own (the netpoller behind
	// net, os and timers) and opens it the first time a timer is set. Set
	// one now: opened later, when our clients have taken every file
	// descriptor, it would fail and the runtime would abort the program.
	time.NewTimer(time.Hour).Stop()

	srv, err := newServer(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Catch the signals before saying we listen: a script may send one
	// as soon as it reads that line.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		srv.Stop()
	}()
	fmt.Printf("listening on %s (%s, 1 thread, RESP)\n", srv.Addr(), pollerName)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "-cpuprofile:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}

	if err := srv.Serve(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
