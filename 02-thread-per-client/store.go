package main

import "sync"

// store is this chapter's wire.Counters. Many goroutines now call it at
// once, one per client, so it needs a map that is safe for concurrent use:
// sync.Map. But only the map is safe. The numbers in it are not.
type store struct {
	counters sync.Map // key string → *counter
}

// counter is one named number. Every client that INCRs the same key gets
// the same *counter, and its count is a plain int64 with nothing guarding
// it: two goroutines may increment it at the same moment.
type counter struct {
	count int64
}

// Incr adds one to key, creating it at 0 first, and returns the new value.
//
// It is NOT safe for concurrent use on the same key. Finding the counter
// is safe (sync.Map), but the increment is three steps, read, add, write,
// and two clients can both read 10 and both write 11: one INCR is lost.
// Chapter 03 makes this happen on purpose.
func (s *store) Incr(key string) int64 {
	c := s.counter(key)
	c.count++ // read, add one, write back: another goroutine may run in between
	return c.count
}

// Get returns the value of key, and false if no INCR has created it. Its
// read of count is unguarded too, so it may miss an increment in flight.
func (s *store) Get(key string) (int64, bool) {
	v, ok := s.counters.Load(key)
	if !ok {
		return 0, false
	}
	return v.(*counter).count, true
}

// counter returns the counter for key, creating it if needed. When two
// clients create the same key at once, LoadOrStore keeps exactly one
// counter and gives it to both.
func (s *store) counter(key string) *counter {
	if v, ok := s.counters.Load(key); ok {
		return v.(*counter)
	}
	v, _ := s.counters.LoadOrStore(key, &counter{})
	return v.(*counter)
}
