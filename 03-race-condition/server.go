package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"sync"
	"time"

	"onethread/internal/wire"
)

// server starts a goroutine for each client it accepts, so no client waits
// for another: the cure for chapter 01's queue.
type server struct {
	ln        net.Listener
	state     *store
	osThreads bool

	// mu guards the set of open connections, which the accept loop, the
	// handlers and Close all change.
	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	closed   bool
	handlers sync.WaitGroup
}

func newServer(ln net.Listener, osThreads bool) *server {
	return &server{ln: ln, state: &store{}, osThreads: osThreads, conns: map[net.Conn]struct{}{}}
}

// Serve accepts clients and hands each to a goroutine of its own, then
// goes straight back to Accept. It returns after Close, once every
// handler has finished.
func (s *server) Serve() {
	var delay time.Duration
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			if s.isClosed() {
				s.handlers.Wait()
				return
			}
			delay = backoff(delay, err)
			continue
		}
		delay = 0
		if !s.track(conn) {
			conn.Close()
			continue // closed: the next Accept fails and Serve returns
		}
		go s.handle(conn)
	}
}

// handle serves one client until it leaves.
func (s *server) handle(conn net.Conn) {
	defer s.handlers.Done()
	defer s.untrack(conn)
	if s.osThreads {
		// From here this goroutine has an OS thread to itself, and no
		// other goroutine may run on that thread. It is never unlocked,
		// so when the client leaves and the goroutine returns, the
		// runtime ends the thread too: a thread's life is a client's.
		runtime.LockOSThread()
	}
	// ServeConn blocks this goroutine in Read while the client is quiet.
	// A blocked goroutine is parked by the runtime, not an OS thread
	// stuck in read(2): see README.md.
	wire.ServeConn(conn, s.state)
}

// Close closes the listener and every open client. Their handlers' Reads
// fail, so they return, and Serve returns once they all have.
func (s *server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.ln.Close()
	for conn := range s.conns {
		conn.Close()
	}
}

// track records an open connection, so Close can reach it, and counts its
// handler. It returns false if the server is already closed.
func (s *server) track(conn net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[conn] = struct{}{}
	// Counted under mu, so Close and this Add cannot cross: any handler
	// started before Close is counted before Serve waits for it.
	s.handlers.Add(1)
	return true
}

func (s *server) untrack(conn net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, conn)
}

func (s *server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// backoff waits after a failed Accept (for example EMFILE, out of file
// descriptors, which thousands of clients can cause) before the next
// try, doubling the wait up to one second as net/http does, so that a
// lasting error does not spin the CPU.
func backoff(delay time.Duration, err error) time.Duration {
	delay = min(max(2*delay, 5*time.Millisecond), time.Second)
	fmt.Fprintf(os.Stderr, "accept: %v; retrying in %v\n", err, delay)
	time.Sleep(delay)
	return delay
}
