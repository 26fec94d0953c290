package main

// store is this chapter's wire.Counters: a plain map, with no lock.
//
// That is safe here, and only here, because one goroutine ever touches it:
// the one that runs Serve, which serves one client at a time. Two commands
// can never run at once, so a read-add-write of a counter can never be cut
// in half by another client. Chapter 02 serves clients at the same time
// and has to give this up.
type store map[string]int64

// Incr adds one to key, creating it at 0 first, and returns the new value.
func (s store) Incr(key string) int64 {
	s[key]++
	return s[key]
}

// Get returns the value of key, and false if no INCR has created it.
func (s store) Get(key string) (int64, bool) {
	n, ok := s[key]
	return n, ok
}
