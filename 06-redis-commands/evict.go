package main

import (
	"math"
	"strconv"
	"time"
)

// Eviction, after Redis's evict.c: once the keys cost more than
// -maxmemory (memory.go counts them), every command first deletes keys
// chosen by -maxmemory-policy until they fit again, or, when nothing may
// be deleted, refuses the commands that would add memory.
//
// Finding the least recently used key exactly would take a list ordered
// by access, moved on every read: two pointers a key and work on every
// GET. Redis approximates instead, and so do we: each key keeps its last
// access time (entry.lru); to evict, sample -maxmemory-samples keys at
// random and offer each to a pool of the 16 best candidates seen so far,
// kept sorted by idle time; evict the idlest key of the pool. The pool
// outlives the call, so good candidates found earlier are not forgotten,
// and with 5 samples the result is close to true LRU (Redis's page "Key
// eviction" compares it with true LRU; lru.go keeps the clock).

// evictionPolicy is maxmemory-policy: what it scores keys by, and whether
// among all keys, in bits, as Redis's MAXMEMORY_FLAG_* (server.h), so
// that the check on every access is one AND.
type evictionPolicy uint8

const (
	policyLRU evictionPolicy = 1 << iota
	policyLFU
	policyTTL
	policyRandom
	policyAllKeys

	noEviction     evictionPolicy = 0 // the zero value, Redis's default
	volatileLRU                   = policyLRU
	volatileLFU                   = policyLFU
	volatileTTL                   = policyTTL
	volatileRandom                = policyRandom
	allkeysLRU                    = policyAllKeys | policyLRU
	allkeysLFU                    = policyAllKeys | policyLFU
	allkeysRandom                 = policyAllKeys | policyRandom
)

// policyNames are the names in Redis's order (maxmemory_policy_enum in
// config.c), which its CONFIG SET error lists.
var policyNames = []struct {
	name   string
	policy evictionPolicy
}{
	{"volatile-lru", volatileLRU}, {"volatile-lfu", volatileLFU}, {"volatile-random", volatileRandom},
	{"volatile-ttl", volatileTTL}, {"allkeys-lru", allkeysLRU}, {"allkeys-lfu", allkeysLFU},
	{"allkeys-random", allkeysRandom}, {"noeviction", noEviction},
}

func (p evictionPolicy) String() string {
	for _, n := range policyNames {
		if n.policy == p {
			return n.name
		}
	}
	return "noeviction"
}

// parsePolicy reads a policy name, in any case, as Redis's enum configs.
func parsePolicy(name []byte) (evictionPolicy, bool) {
	for _, n := range policyNames {
		if equalFold(name, n.name) {
			return n.policy, true
		}
	}
	return noEviction, false
}

func (p evictionPolicy) allKeys() bool { return p&policyAllKeys != 0 }
func (p evictionPolicy) lfu() bool     { return p&policyLFU != 0 }
func (p evictionPolicy) random() bool  { return p&policyRandom != 0 }

const (
	// evictionPoolSize is EVPOOL_SIZE.
	evictionPoolSize = 16
	// defaultMaxmemorySamples is maxmemory-samples' default.
	defaultMaxmemorySamples = 5
	// evictionTimeLimit is how long one command's evicting may take,
	// Redis's default (maxmemory-eviction-tenacity 10: 500 µs). What is
	// left over is freed in the next turns of the loop, 500 µs at a time,
	// without waiting: continueEviction.
	evictionTimeLimit = 500 * time.Microsecond
	// oomError is Redis's shared.oomerr.
	oomError = "OOM command not allowed when used memory > 'maxmemory'."
)

// evictionState is what eviction keeps between commands.
type evictionState struct {
	pool   [evictionPoolSize]poolEntry // sorted by score, the best last
	nextDB int                         // where the random policies look next
	// unfinished: the last call ran out of time over the limit; every
	// turn of the loop goes on (Redis's evictionTimeProc).
	unfinished bool
}

// poolEntry is a candidate: the higher its score (idle time for LRU,
// 255 less the frequency for LFU, the nearer expiry for volatile-ttl), the
// sooner it goes.
type poolEntry struct {
	score uint64
	key   string
	db    *db
}

// Results of performEvictions, as Redis's EVICT_OK, EVICT_RUNNING and
// EVICT_FAIL.
const (
	evictOK = iota
	evictRunning
	evictFail
)

// refuseForMemory is processCommand's maxmemory check, as Redis's: evict
// what the policy allows, and if memory is still over the limit refuse
// cmd if it may add memory (flagged denyoom, or an EXEC with such a
// command queued), or if it would be queued in a MULTI. It reports whether
// cmd was refused.
func (s *server) refuseForMemory(c *client, cmd *command) bool {
	if s.performEvictions() != evictFail {
		return false
	}
	reject := hasFlag(cmd, "denyoom")
	switch {
	case cmd.name == "exec" && c.inMulti():
		for _, q := range c.tx.queue {
			reject = reject || hasFlag(q.cmd, "denyoom")
		}
	case c.inMulti() && cmd.name != "discard" && cmd.name != "reset":
		reject = true // a queue could grow without end
	}
	if reject {
		s.rejectCommand(c, cmd, oomError)
	}
	return reject
}

// continueEviction is the loop's turn at eviction the last call left
// unfinished: another 500 µs, so that a big drop of maxmemory (CONFIG SET)
// is worked off between batches of commands, not in one long stall.
func (s *server) continueEviction() {
	if s.evict.unfinished {
		s.clock.startCommand()
		if s.performEvictions() != evictRunning {
			s.tracef("eviction: %d bytes used of maxmemory %d", s.usedMemory(), s.cfg.maxmemory)
		}
	}
}

// untilEviction is how long the loop may sleep: not at all while eviction
// is unfinished.
func (s *server) untilEviction() time.Duration {
	if s.evict.unfinished {
		return 0
	}
	return time.Hour
}

// performEvictions deletes keys, as the policy picks them, until the keys
// fit in maxmemory, and says whether they do (evictOK), will after more
// turns of the loop (evictRunning: the time limit struck), or cannot
// (evictFail: noeviction, or no key the policy may take).
func (s *server) performEvictions() int {
	result := s.evictUntilUnder()
	s.evict.unfinished = result == evictRunning
	return result
}

func (s *server) evictUntilUnder() int {
	used := uint64(s.usedMemory())
	if used <= s.cfg.maxmemory {
		return evictOK
	}
	over := used - s.cfg.maxmemory
	if s.cfg.maxmemoryPolicy == noEviction {
		return evictFail
	}
	started := time.Now()
	for freed, n := uint64(0), 1; freed < over; n++ {
		d, key := s.pickVictim()
		if d == nil {
			return evictFail
		}
		before := s.usedMemory()
		d.remove(key)
		freed += uint64(before - s.usedMemory())
		s.stats.evictedKeys++
		if n%16 == 0 && time.Since(started) > evictionTimeLimit {
			return evictRunning
		}
	}
	return evictOK
}

// pickVictim chooses the key to evict, or returns a nil db when the policy
// finds none.
func (s *server) pickVictim() (*db, string) {
	policy := s.cfg.maxmemoryPolicy
	if policy.random() {
		for range s.dbs {
			s.evict.nextDB = (s.evict.nextDB + 1) % len(s.dbs)
			d := s.dbs[s.evict.nextDB]
			for key := range s.candidates(d) { // Go starts each walk of a map at a random place
				return d, key
			}
		}
		return nil, ""
	}
	pool := &s.evict.pool
	for {
		keys := 0
		for _, d := range s.dbs {
			if dict := s.candidates(d); len(dict) > 0 {
				s.populatePool(d, dict)
				keys += len(dict)
			}
		}
		if keys == 0 {
			return nil, ""
		}
		// The best candidate that still exists goes; the ones found
		// gone (deleted or expired since they were sampled) are dropped.
		for k := evictionPoolSize - 1; k >= 0; k-- {
			if pool[k].db == nil {
				continue
			}
			best := pool[k]
			pool[k] = poolEntry{}
			if best.db.dict[best.key] != nil && (policy.allKeys() || best.db.expires[best.key] != nil) {
				return best.db, best.key
			}
		}
	}
}

// candidates is the dictionary the policy evicts from: every key, or
// only those with a TTL.
func (s *server) candidates(d *db) map[string]*entry {
	if s.cfg.maxmemoryPolicy.allKeys() {
		return d.dict
	}
	return d.expires
}

// populatePool samples maxmemory-samples keys of dict and offers each to
// the pool, Redis's evictionPoolPopulate. A walk of a Go map starts at a
// random slot, so its first keys are a random sample of neighbours, as
// Redis's dictGetSomeKeys takes from a random bucket on.
func (s *server) populatePool(d *db, dict map[string]*entry) {
	n := 0
	for key, e := range dict {
		if n == s.cfg.maxmemorySamples {
			break
		}
		n++
		s.offerToPool(poolEntry{score: s.evictionScore(e), key: key, db: d})
	}
}

// evictionScore is how good a candidate e is: the higher, the sooner.
func (s *server) evictionScore(e *entry) uint64 {
	switch policy := s.cfg.maxmemoryPolicy; {
	case policy == volatileTTL:
		return math.MaxUint64 - uint64(e.expireAt)
	case policy.lfu():
		return 255 - uint64(lfuDecrAndReturn(e.lru, s.clock.ms))
	default:
		return s.idleMs(e)
	}
}

// offerToPool puts c in its place in the pool, sorted by score with the
// best last, if the pool has room or c beats its worst.
func (s *server) offerToPool(c poolEntry) {
	pool := &s.evict.pool
	k := 0
	for k < evictionPoolSize && pool[k].db != nil && pool[k].score < c.score {
		k++
	}
	switch {
	case k == 0 && pool[evictionPoolSize-1].db != nil:
		return // worse than all of a full pool
	case k < evictionPoolSize && pool[k].db == nil:
		// an empty place: nothing to move
	case pool[evictionPoolSize-1].db == nil:
		copy(pool[k+1:], pool[k:evictionPoolSize-1]) // room on the right: shift right
	default:
		k-- // full: drop the worst, on the left
		copy(pool[:k], pool[1:k+1])
	}
	pool[k] = c
}

// memtoull reads a size exactly as Redis's memtoull (util.c), for CONFIG
// SET maxmemory, which takes any value it returns: memToBytes refuses what
// memtoull lets through unnoticed, such as "" (0) or 21 digits (its
// strtoull saturates), and a unit that overflows wraps around.
func memtoull(value []byte) (uint64, bool) {
	value = []byte(cString(value, len(value))) // C sees the value up to a NUL
	digits := 0
	for digits < len(value) && '0' <= value[digits] && value[digits] <= '9' {
		digits++
	}
	units := map[string]uint64{"": 1, "b": 1, "k": 1000, "kb": 1024, "m": 1000 * 1000, "mb": 1 << 20, "g": 1000 * 1000 * 1000, "gb": 1 << 30}
	unit, ok := units[lower(value[digits:])]
	if !ok || digits >= 128 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(value[:digits]), 10, 64)
	if err != nil && digits > 0 {
		n = math.MaxUint64
	}
	return n * unit, true
}

// policyError is CONFIG SET's error for a policy name it does not know.
func policyError() string {
	msg := "argument(s) must be one of the following: "
	for i, n := range policyNames {
		if i > 0 {
			msg += ", "
		}
		msg += n.name
	}
	return msg
}

// init adds eviction's three settings to what CONFIG GET and SET know.
func init() {
	addConfigParams(configParam{name: "maxmemory",
		get: func(s *server) string { return strconv.FormatUint(s.cfg.maxmemory, 10) },
		set: func(s *server, value []byte) string {
			n, ok := memtoull(value)
			if !ok {
				return "argument must be a memory value"
			}
			s.cfg.maxmemory = n
			s.evict.unfinished = n != 0 // a lower limit is worked off at once, as Redis's updateMaxmemory does
			return ""
		}},
		configParam{name: "maxmemory-policy",
			get: func(s *server) string { return s.cfg.maxmemoryPolicy.String() },
			set: func(s *server, value []byte) string {
				p, ok := parsePolicy(value)
				if !ok {
					return policyError()
				}
				s.cfg.maxmemoryPolicy = p
				return ""
			}},
		configParam{name: "maxmemory-samples",
			get: func(s *server) string { return strconv.Itoa(s.cfg.maxmemorySamples) },
			set: func(s *server, value []byte) string {
				n, reason := configInt(value, 1, math.MaxInt32)
				if reason == "" {
					s.cfg.maxmemorySamples = int(n)
				}
				return reason
			}})
}
