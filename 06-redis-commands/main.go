// Command 06-redis-commands is a Redis server on chapter 05's event loop:
// it speaks RESP, so redis-cli, redis-benchmark and client libraries work
// with it unchanged, and it keeps strings with expiry in 16 databases, all
// owned by one thread.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"
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
	flag.StringVar(&cfg.requirepass, "requirepass", "", "password clients must give with AUTH before other commands (empty: none)")
	cfg.protectedMode = true
	flag.Var(&cfg.protectedMode, "protected-mode", "yes: with no password, refuse clients not on 127.0.0.1 or ::1, as Redis does")
	flag.BoolVar(&trace, "trace", false, "print every epoll_wait, accept, read, write and close")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to this file until the server stops (see go tool pprof)")
	flag.Parse()
	if cfg.hz < 1 || cfg.hz > 500 || cfg.maxClients < 1 || cfg.databases < 1 || cfg.maxBulk < 1 {
		fmt.Fprintln(os.Stderr, "-hz must be 1 to 500; -maxclients, -databases and -proto-max-bulk-len at least 1")
		os.Exit(2)
	}
	if trace {
		cfg.trace = os.Stdout
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
	fmt.Printf("listening on %s (epoll, 1 thread, RESP)\n", srv.Addr())
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
