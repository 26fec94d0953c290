// Command 05-epoll-loop is the counter server once more, now as one event
// loop on one OS thread: the kernel (epoll on Linux, kqueue on macOS and
// the BSDs) tells it which of thousands of sockets are ready, and it serves
// them in turn. All state belongs to that thread, so
// nothing is locked.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"onethread/internal/cmdline"
)

type config struct {
	addr        string
	maxClients  int
	hz          int
	idleTimeout time.Duration
	trace       io.Writer // nil: no trace
}

func main() {
	var cfg config
	var trace bool
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:6379", "address to listen on")
	flag.IntVar(&cfg.maxClients, "maxclients", 10000, "clients served at once; more are refused with an error, as Redis does")
	flag.IntVar(&cfg.hz, "hz", 10, "how many times a second the loop runs its timed work (Redis's hz)")
	flag.DurationVar(&cfg.idleTimeout, "timeout", 0, "close clients idle this long (0: never, Redis's default)")
	flag.BoolVar(&trace, "trace", false, "print every wait for events, accept, read, write and close")
	cmdline.Parse()
	cmdline.Require(cfg.hz >= 1 && cfg.hz <= 500, "hz", "must be 1 to 500")
	cmdline.Require(cfg.maxClients >= 1, "maxclients", "must be at least 1")
	if trace {
		cfg.trace = os.Stdout
	}

	// Go's runtime has an epoll or kqueue instance of its own (the
	// netpoller behind net, os and timers) and opens it the first time a
	// timer is set. Set
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
	fmt.Printf("listening on %s (%s, 1 thread)\n", srv.Addr(), pollerName)

	if err := srv.Serve(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
