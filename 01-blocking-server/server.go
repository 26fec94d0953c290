package main

import (
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"onethread/internal/wire"
)

// server serves one client at a time, from start to end, on the goroutine
// that calls Serve.
type server struct {
	ln    net.Listener
	state store

	// mu guards what Close needs from another goroutine (the signal
	// handler): which client is being served, and whether to stop. It
	// never guards state, which only the Serve goroutine touches.
	mu      sync.Mutex
	current net.Conn
	closed  bool
}

func newServer(ln net.Listener) *server {
	return &server{ln: ln, state: store{}}
}

// Serve accepts a client, answers its commands until it leaves, and only
// then accepts the next one. Meanwhile other clients can connect (the
// kernel completes their handshake and queues them in the listen backlog)
// but nobody reads what they send. It returns nil after Close.
func (s *server) Serve() error {
	var delay time.Duration
	for {
		// Accept blocks this goroutine until a client connects.
		conn, err := s.ln.Accept()
		if err != nil {
			if s.isClosed() {
				return nil
			}
			delay = backoff(delay, err)
			continue
		}
		delay = 0
		if !s.setCurrent(conn) {
			conn.Close()
			return nil
		}
		// ServeConn blocks this goroutine in Read until the client sends
		// a command, and returns only when the client quits or
		// disconnects. Until then, nothing else happens in this server.
		wire.ServeConn(conn, s.state)
		s.setCurrent(nil)
	}
}

// Close stops the server: it closes the listener, so Accept fails, and the
// current client, so the Read that ServeConn is blocked in fails.
func (s *server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.ln.Close()
	if s.current != nil {
		s.current.Close()
	}
}

// setCurrent records the client being served, so Close can reach it. It
// returns false if the server is already closed.
func (s *server) setCurrent(conn net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.current = conn
	return !s.closed
}

func (s *server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// backoff waits after a failed Accept (for example EMFILE, out of file
// descriptors) before the next try, doubling the wait up to one second as
// net/http does, so that a lasting error does not spin the CPU.
func backoff(delay time.Duration, err error) time.Duration {
	delay = min(max(2*delay, 5*time.Millisecond), time.Second)
	fmt.Fprintf(os.Stderr, "accept: %v; retrying in %v\n", err, delay)
	time.Sleep(delay)
	return delay
}
