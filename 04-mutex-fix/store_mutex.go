package main

import "sync"

// mutexStore keeps the counters in a plain map behind one lock. The lock
// covers the map and every number in it: looking a key up, adding it, and
// reading or changing its count all happen with mu held. That includes
// Get: a reader that skipped the lock could see the map half-way through
// a change, and would be a data race all the same.
type mutexStore struct {
	mu     sync.Mutex
	counts map[string]int64
}

func newMutexStore() *mutexStore {
	return &mutexStore{counts: make(map[string]int64)}
}

// Incr implements wire.Counters. It is chapter 03's load, add, store, with
// the lock making the three one step as far as other goroutines can tell.
func (s *mutexStore) Incr(key string) int64 {
	s.mu.Lock()
	// defer runs Unlock on every way out of the function, a panic
	// included; an early return that forgot it would leave every other
	// client waiting forever.
	defer s.mu.Unlock()
	n := s.counts[key] + 1
	s.counts[key] = n
	return n
}

// Get implements wire.Counters.
func (s *mutexStore) Get(key string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.counts[key]
	return n, ok
}

// Close has nothing to release.
func (s *mutexStore) Close() {}
