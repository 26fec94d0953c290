// Command 02-thread-per-client serves every client at the same time, each
// on a goroutine of its own, or with -os-threads on an OS thread of its
// own. See README.md for the lesson.
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
	osThreads := flag.Bool("os-threads", false, "lock each client's goroutine to an OS thread of its own (thread per client)")
	cmdline.Parse()

	ln, err := wire.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := newServer(ln, *osThreads)
	// Signals are caught before the line below says we are ready, so a
	// script that waits for it and then stops us always stops us cleanly.
	stopOnSignal(srv.Close)
	model := "one goroutine per client"
	if *osThreads {
		model = "one OS thread per client"
	}
	fmt.Printf("listening on %s (%s)\n", ln.Addr(), model)

	// Serve returns once Close has closed every client and their
	// goroutines have finished.
	srv.Serve()
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
