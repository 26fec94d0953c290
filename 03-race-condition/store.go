package main

import "sync"

// store holds the named counters, exactly as chapter 02 does. The sync.Map
// makes finding a key's counter safe from many goroutines at once; nothing
// makes changing the number inside that counter safe. That gap is this
// chapter.
type store struct {
	counters sync.Map // key string → *counter
}

// counter is one key's value. Every connection's goroutine that INCRs the
// same key gets the same *counter, so they all write the same int64.
type counter struct {
	count int64
}

// Incr implements wire.Counters.
func (s *store) Incr(key string) int64 {
	c := s.counter(key)
	c.count++ // the race: load, add one, store, with nothing stopping another goroutine in between
	return c.count
}

// Get implements wire.Counters. Reading while another goroutine writes is
// a data race too, even though a lone read cannot lose an update.
func (s *store) Get(key string) (int64, bool) {
	v, ok := s.counters.Load(key)
	if !ok {
		return 0, false
	}
	return v.(*counter).count, true
}

// counter finds key's counter, creating it on first use. LoadOrStore makes
// sure two goroutines that INCR a new key at once share one counter rather
// than each creating its own.
func (s *store) counter(key string) *counter {
	if v, ok := s.counters.Load(key); ok {
		return v.(*counter)
	}
	v, _ := s.counters.LoadOrStore(key, &counter{})
	return v.(*counter)
}
