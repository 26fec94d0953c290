package main

import (
	"sync"
	"sync/atomic"
)

// atomicStore is chapter 03's store with its one bug fixed: the number in
// each counter is an atomic.Int64, so the CPU does the load, add and store
// as one indivisible instruction. The sync.Map still makes finding a key
// safe, as before.
type atomicStore struct {
	counters sync.Map // key string → *atomic.Int64
}

// Incr implements wire.Counters. Add returns the value it stored, so two
// clients can never be told the same number.
func (s *atomicStore) Incr(key string) int64 {
	return s.counter(key).Add(1)
}

// Get implements wire.Counters. Reading with Load, not a plain read, is
// what keeps a GET during an INCR free of a data race.
func (s *atomicStore) Get(key string) (int64, bool) {
	v, ok := s.counters.Load(key)
	if !ok {
		return 0, false
	}
	return v.(*atomic.Int64).Load(), true
}

// counter finds key's counter, creating it on first use; LoadOrStore
// makes two goroutines that create the same key at once share one.
func (s *atomicStore) counter(key string) *atomic.Int64 {
	if v, ok := s.counters.Load(key); ok {
		return v.(*atomic.Int64)
	}
	v, _ := s.counters.LoadOrStore(key, new(atomic.Int64))
	return v.(*atomic.Int64)
}

// Close has nothing to release.
func (s *atomicStore) Close() {}
