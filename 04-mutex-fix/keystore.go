//go:build exercises

package main

import (
	"runtime"
	"sync"
)

// keyStore gives each key a lock of its own, so that clients who INCR
// different keys never wait for each other, and adds Move, which needs
// two keys at once. It is for exercise 1 of README.md and compiles only
// with -tags exercises. Move has a bug (two, in fact): find them, then
// fix them here.
type keyStore struct {
	mu   sync.Mutex // guards the map; each key's count has its own lock
	keys map[string]*keyCount
}

type keyCount struct {
	mu sync.Mutex
	n  int64
}

func newKeyStore() *keyStore {
	return &keyStore{keys: make(map[string]*keyCount)}
}

// key returns key's counter, creating it at 0 on first use.
func (s *keyStore) key(name string) *keyCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.keys[name]
	if !ok {
		k = &keyCount{}
		s.keys[name] = k
	}
	return k
}

// Incr implements wire.Counters.
func (s *keyStore) Incr(key string) int64 {
	k := s.key(key)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.n++
	return k.n
}

// Get implements wire.Counters.
func (s *keyStore) Get(key string) (int64, bool) {
	s.mu.Lock()
	k, ok := s.keys[key]
	s.mu.Unlock()
	if !ok {
		return 0, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.n, true
}

// Move adds from's count to to's and sets from's to 0, as one step: with
// both locks held, no INCR or GET sees the count in neither key or in
// both.
func (s *keyStore) Move(from, to string) {
	src, dst := s.key(from), s.key(to)
	src.mu.Lock()
	defer src.mu.Unlock()
	// Gosched lets other goroutines run here, between the two Locks, as
	// a preemption or a page fault would once in a long while. It makes
	// what can go wrong go wrong on every run.
	runtime.Gosched()
	dst.mu.Lock()
	defer dst.mu.Unlock()
	dst.n += src.n
	src.n = 0
}

// Close has nothing to release.
func (s *keyStore) Close() {}
