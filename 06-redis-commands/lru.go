package main

import "math/rand/v2"

// The access clock every key keeps in entry.lru, for eviction (evict.go)
// and OBJECT IDLETIME and FREQ: under an LRU policy the time of its last
// use, under an LFU policy a count of its uses. Both are Redis's (robj.lru,
// evict.c), in the same 32 bits.

// The LFU counter's settings: Redis's defaults for lfu-log-factor,
// lfu-decay-time (minutes) and LFU_INIT_VAL.
const (
	lfuLogFactor = 10
	lfuDecayTime = 1
	lfuInitVal   = 5
)

// lruClock is lru's clock under an LRU policy. Redis keeps 24 bits of
// seconds in robj.lru; an entry here has 4 bytes free (Go pads it to 64
// bytes anyway), so it keeps 32 bits of milliseconds: keys touched within
// the same second still sort by age, which a test of a few milliseconds
// needs. It wraps after 49 days, as Redis's does after 194: a key idle
// that long looks younger.
func lruClock(ms int64) uint32 { return uint32(ms) }

// idleMs is how long ago, in milliseconds, e was last used.
func (s *server) idleMs(e *entry) uint64 {
	return uint64(lruClock(s.clock.ms) - e.lru) // unsigned: right across a wrap
}

// newLRU is what a new key's lru starts at: now, or under an LFU policy a
// small count of accesses (so a new key is not evicted before it is used).
func (s *server) newLRU() uint32 {
	if s.cfg.maxmemoryPolicy.lfu() {
		return lfuMinutes(s.clock.ms)<<8 | lfuInitVal
	}
	return lruClock(s.clock.ms)
}

// touchLRU records an access to e: Redis's lookupKey does it on every
// lookup but those that say LOOKUP_NOTOUCH.
func (s *server) touchLRU(e *entry) {
	if !s.cfg.maxmemoryPolicy.lfu() {
		e.lru = lruClock(s.clock.ms)
	} else {
		s.touchLFU(e)
	}
}

func (s *server) touchLFU(e *entry) {
	e.lru = lfuMinutes(s.clock.ms)<<8 | uint32(lfuLogIncr(lfuDecrAndReturn(e.lru, s.clock.ms)))
}

// Under an LFU policy lru holds, as Redis's does, the minutes of the last
// decrement in the top 16 bits and a logarithmic access counter in the low
// 8: each access increments the counter with probability
// 1/((counter-5)*10+1), so 255 stands for about a million accesses, and
// every minute without access takes one off.
func lfuMinutes(ms int64) uint32 { return uint32(ms/60000) & 0xffff }

func lfuDecrAndReturn(lru uint32, ms int64) uint8 {
	counter := uint8(lru)
	elapsed := (lfuMinutes(ms) - lru>>8) & 0xffff // wraps once, as LFUTimeElapsed
	if periods := elapsed / lfuDecayTime; periods > 0 {
		if periods >= uint32(counter) {
			return 0
		}
		return counter - uint8(periods)
	}
	return counter
}

func lfuLogIncr(counter uint8) uint8 {
	if counter == 255 {
		return 255
	}
	base := max(float64(counter)-lfuInitVal, 0)
	if rand.Float64() < 1/(base*lfuLogFactor+1) {
		counter++
	}
	return counter
}
