package main

import (
	"errors"
	"log"
	"net"
	"sync"
	"time"

	"onethread/internal/wire"
)

// server is chapter 02's server: one goroutine per connection, all of them
// sharing one wire.Counters.
type server struct {
	ln       net.Listener
	state    wire.Counters
	conns    sync.Map // net.Conn → struct{}: the clients to close on shutdown
	accepted chan struct{}
	handlers sync.WaitGroup
}

// start accepts connections on ln in a goroutine of its own and serves
// each one in a new goroutine, until Close.
func start(ln net.Listener, state wire.Counters) *server {
	s := &server{ln: ln, state: state, accepted: make(chan struct{})}
	go s.acceptLoop()
	return s
}

func (s *server) acceptLoop() {
	defer close(s.accepted)
	var backoff time.Duration
	for {
		conn, err := s.ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			// Out of file descriptors, most likely: retrying at once
			// would spin a core, so wait a little longer each time.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			log.Printf("accept: %v; retrying in %v", err, backoff)
			time.Sleep(backoff)
			continue
		}
		backoff = 0
		s.conns.Store(conn, struct{}{})
		s.handlers.Add(1)
		go func() {
			defer s.handlers.Done()
			wire.ServeConn(conn, s.state)
			s.conns.Delete(conn)
		}()
	}
}

// Close stops accepting, closes every client's connection and returns
// once all their goroutines have finished.
func (s *server) Close() {
	s.ln.Close()
	// Only the accept loop adds connections, so once it has returned the
	// set below is complete.
	<-s.accepted
	s.conns.Range(func(conn, _ any) bool {
		conn.(net.Conn).Close()
		return true
	})
	s.handlers.Wait()
}
