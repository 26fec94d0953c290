// Command 01-blocking-server is the simplest Redis-like server there is: one
// goroutine accepts a client, serves it until it leaves, and only then
// accepts the next. See README.md for the lesson.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"onethread/internal/cmdline"
	"onethread/internal/wire"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:6379", "host:port to listen on")
	cmdline.Parse()

	ln, err := wire.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := newServer(ln)
	// Signals are caught before the line below says we are ready, so a
	// script that waits for it and then stops us always stops us cleanly.
	stopOnSignal(srv.Close)
	fmt.Printf("listening on %s (blocking, one client at a time)\n", ln.Addr())

	// The main goroutine is the whole server: it returns from Serve only
	// once Close has run.
	if err := srv.Serve(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// stopOnSignal calls stop once, on Ctrl-C (SIGINT) or kill (SIGTERM).
func stopOnSignal(stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		stop()
	}()
}
