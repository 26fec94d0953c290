package main

import (
	"math"
	"time"
)

// Expiry commands. Times are kept as absolute Unix milliseconds in
// entry.expireAt, as Redis keeps them in its expires dictionary.
var expireCommands = []*command{
	{name: "expire", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: expireCommand},
	{name: "pexpire", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: pexpireCommand},
	{name: "expireat", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: expireatCommand},
	{name: "pexpireat", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: pexpireatCommand},
	{name: "ttl", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: ttlCommand},
	{name: "pttl", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: pttlCommand},
	{name: "expiretime", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: expiretimeCommand},
	{name: "pexpiretime", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: pexpiretimeCommand},
	{name: "persist", arity: 2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: persistCommand},
}

func expireCommand(s *server, c *client, argv [][]byte) {
	expireGeneric(s, c, argv, s.clock.ms, time.Second)
}

func pexpireCommand(s *server, c *client, argv [][]byte) {
	expireGeneric(s, c, argv, s.clock.ms, time.Millisecond)
}

func expireatCommand(s *server, c *client, argv [][]byte) {
	expireGeneric(s, c, argv, 0, time.Second)
}

func pexpireatCommand(s *server, c *client, argv [][]byte) {
	expireGeneric(s, c, argv, 0, time.Millisecond)
}

// Conditions of EXPIRE and its kin (Redis 7), as bits.
const (
	expireNX = 1 << iota // only if the key has no TTL
	expireXX             // only if it has one
	expireGT             // only if the new time is later (no TTL counts as forever)
	expireLT             // only if the new time is earlier
)

// expireGeneric is Redis's expireGenericCommand: argv[2] counts units
// from base (now for EXPIRE, the epoch for EXPIREAT). The options are
// checked before the number, and the number before the key, so that the
// errors come in Redis's order.
func expireGeneric(s *server, c *client, argv [][]byte, base int64, unit time.Duration) {
	flags, errMsg := parseExpireOptions(argv[3:])
	if errMsg != "" {
		c.addError(errMsg)
		return
	}
	when, ok := string2ll(argv[2])
	if !ok {
		c.addError("ERR value is not an integer or out of range")
		return
	}
	// A negative time is allowed (it is in the past), but one that
	// overflows milliseconds is not.
	if unit == time.Second {
		if when > math.MaxInt64/1000 || when < math.MinInt64/1000 {
			c.addError(invalidExpireError(c.lastCmd))
			return
		}
		when *= 1000
	}
	if when > math.MaxInt64-base {
		c.addError(invalidExpireError(c.lastCmd))
		return
	}
	when += base

	key := argv[1]
	e := s.lookupWrite(c.db, key)
	if e == nil {
		c.addInt(0)
		return
	}
	current := e.expireAt // 0: no TTL
	switch {
	case flags&expireNX != 0 && current != 0,
		flags&expireXX != 0 && current == 0,
		flags&expireGT != 0 && (current == 0 || when <= current),
		flags&expireLT != 0 && current != 0 && when >= current:
		c.addInt(0)
		return
	}
	if when <= s.clock.ms {
		// Already in the past: the key goes now, as a DEL would (it is
		// not counted as expired in INFO, as in Redis).
		c.db.remove(string(key))
	} else {
		c.db.setExpire(string(key), e, when)
	}
	c.addInt(1)
}

// parseExpireOptions reads NX, XX, GT and LT, in any case and order, and
// returns Redis's error for an unknown or conflicting one.
func parseExpireOptions(args [][]byte) (int, string) {
	flags := 0
	for _, opt := range args {
		switch {
		case cEqualFold(opt, "nx"):
			flags |= expireNX
		case cEqualFold(opt, "xx"):
			flags |= expireXX
		case cEqualFold(opt, "gt"):
			flags |= expireGT
		case cEqualFold(opt, "lt"):
			flags |= expireLT
		default:
			return 0, "ERR Unsupported option " + cString(opt, len(opt))
		}
	}
	if flags&expireNX != 0 && flags&(expireXX|expireGT|expireLT) != 0 {
		return 0, "ERR NX and XX, GT or LT options at the same time are not compatible"
	}
	if flags&expireGT != 0 && flags&expireLT != 0 {
		return 0, "ERR GT and LT options at the same time are not compatible"
	}
	return flags, ""
}

func ttlCommand(s *server, c *client, argv [][]byte)  { ttlGeneric(s, c, argv, false, false) }
func pttlCommand(s *server, c *client, argv [][]byte) { ttlGeneric(s, c, argv, true, false) }

func expiretimeCommand(s *server, c *client, argv [][]byte) {
	ttlGeneric(s, c, argv, false, true)
}

func pexpiretimeCommand(s *server, c *client, argv [][]byte) {
	ttlGeneric(s, c, argv, true, true)
}

// ttlGeneric answers TTL, PTTL, EXPIRETIME and PEXPIRETIME: -2 for no
// key, -1 for no TTL, else the time left (or the time it expires, with
// absolute), in milliseconds or rounded to the nearest second. Redis
// rounds with (ms+500)/1000, which C computes without overflowing; the
// unsigned arithmetic below gives the same answer up to math.MaxInt64.
func ttlGeneric(s *server, c *client, argv [][]byte, inMs, absolute bool) {
	e := s.lookupReadNoTouch(c.db, argv[1])
	switch {
	case e == nil:
		c.addInt(-2)
		return
	case e.expireAt == 0:
		c.addInt(-1)
		return
	}
	ms := e.expireAt
	if !absolute {
		ms = max(e.expireAt-s.clock.ms, 0)
	}
	if inMs {
		c.addInt(ms)
	} else {
		c.addInt(int64((uint64(ms) + 500) / 1000))
	}
}

func persistCommand(s *server, c *client, argv [][]byte) {
	e := s.lookupWrite(c.db, argv[1])
	c.addInt(boolInt(e != nil && c.db.persist(string(argv[1]), e)))
}
