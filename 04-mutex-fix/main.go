// Command 04-mutex-fix is chapter 03's goroutine-per-client server with
// its race fixed, three ways: a mutex, atomics, or one goroutine that owns
// the counters. -sync chooses which.
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
	addr := flag.String("addr", "127.0.0.1:6379", "address to listen on")
	mode := flag.String("sync", "mutex", "how INCR is made safe: mutex, atomic or owner")
	demo := flag.Bool("demo", false, "instead of serving: start a server on a free port, send it -clients × -incrs INCR, print expected and got")
	clients := flag.Int("clients", 200, "with -demo: clients connected at once")
	incrs := flag.Int("incrs", 100, "with -demo: INCR commands each client sends")
	pipeline := flag.Int("pipeline", 1, "with -demo: INCR commands a client sends in one write before reading their replies")
	cmdline.Parse()

	state, describe, err := openStore(*mode)
	if err != nil {
		cmdline.Fail("%v", err)
	}
	if *demo {
		cmdline.Require(*clients >= 1, "clients", "must be at least 1")
		cmdline.Require(*incrs >= 1, "incrs", "must be at least 1")
		cmdline.Require(*pipeline >= 1, "pipeline", "must be at least 1")
		code := runDemo(state, *mode, *clients, *incrs, *pipeline)
		state.Close()
		os.Exit(code)
	}

	// Catch the signals before saying where we listen: a script that sends
	// SIGTERM as soon as it reads that line must not kill us mid-start.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	ln, err := wire.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := start(ln, state)
	fmt.Printf("listening on %s (goroutine per client, -sync %s: %s)\n", ln.Addr(), *mode, describe)
	<-stop
	srv.Close()
	state.Close() // after the server: no client can ask for anything now
}
