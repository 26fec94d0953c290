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
	addr := flag.String("addr", "127.0.0.1:6379", "address to listen on")
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

	// Catch the signals before saying where we listen: a script that sends
	// SIGTERM as soon as it reads that line must not kill us mid-start.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	ln, err := wire.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := start(ln, &store{})
	fmt.Printf("listening on %s (goroutine per client, unsynchronised count++)\n", ln.Addr())
	<-stop
	srv.Close()
}
