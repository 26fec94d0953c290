// Command 03-race-condition is chapter 02's goroutine-per-client server,
// kept as it was so that its bug can be seen: INCR does count++ on a
// counter that every connection's goroutine shares, with no lock.
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
	demo := flag.Bool("demo", false, "instead of serving: start a server on a free port, send it -clients × -incrs INCR, print expected and got")
	clients := flag.Int("clients", 200, "with -demo: clients connected at once")
	incrs := flag.Int("incrs", 100, "with -demo: INCR commands each client sends")
	pipeline := flag.Int("pipeline", 1, "with -demo: INCR commands a client sends in one write before reading their replies")
	cmdline.Parse()
	if *demo {
		cmdline.Require(*clients >= 1, "clients", "must be at least 1")
		cmdline.Require(*incrs >= 1, "incrs", "must be at least 1")
		cmdline.Require(*pipeline >= 1, "pipeline", "must be at least 1")
		os.Exit(runDemo(*clients, *incrs, *pipeline))
	}

	ln, err := wire.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := newServer(ln, *osThreads)
	// Signals are caught before the line below says we are ready, so a
	// script that waits for it and then stops us always stops us cleanly.
	stopOnSignal(srv.Close)
	model := "goroutine per client"
	if *osThreads {
		model = "OS thread per client"
	}
	fmt.Printf("listening on %s (%s, unsynchronised count++)\n", ln.Addr(), model)
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
