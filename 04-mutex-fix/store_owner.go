package main

// ownerStore gives the counters to one goroutine, the owner, and lets
// every other goroutine only ask it for things over a channel. The map
// needs no lock because only the owner ever touches it: requests queue on
// the channel and the owner answers them one at a time. Chapter 05 takes
// this idea to its end, with one thread that owns all the state and does
// all the I/O too.
type ownerStore struct {
	requests chan request
}

type request struct {
	key   string
	incr  bool // INCR; otherwise GET
	reply chan<- reply
}

type reply struct {
	n  int64
	ok bool
}

func newOwnerStore() *ownerStore {
	s := &ownerStore{requests: make(chan request)}
	go s.own()
	return s
}

// own is the owner's loop. counts is a local variable: no other goroutine
// can even name it.
func (s *ownerStore) own() {
	counts := make(map[string]int64)
	for req := range s.requests {
		n, ok := counts[req.key]
		if req.incr {
			n, ok = n+1, true
			counts[req.key] = n
		}
		req.reply <- reply{n, ok}
	}
}

// ask sends one request to the owner and waits for its answer. The reply
// channel has room for the answer, so the owner never waits on a client.
func (s *ownerStore) ask(key string, incr bool) reply {
	ch := make(chan reply, 1)
	s.requests <- request{key: key, incr: incr, reply: ch}
	return <-ch
}

// Incr implements wire.Counters.
func (s *ownerStore) Incr(key string) int64 { return s.ask(key, true).n }

// Get implements wire.Counters.
func (s *ownerStore) Get(key string) (int64, bool) {
	r := s.ask(key, false)
	return r.n, r.ok
}

// Close stops the owner. Call it after the last Incr or Get: sending on
// the closed channel afterwards would panic.
func (s *ownerStore) Close() { close(s.requests) }
