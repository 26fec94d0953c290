package main

import (
	"math"
	"strconv"
)

// The counters: INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT. A counter is an
// ordinary string that happens to hold a number; each command parses it,
// adds, and stores the result as a string again, keeping the key's TTL.

func incrCommand(s *server, c *client, argv [][]byte) { incrDecr(s, c, argv[1], 1) }
func decrCommand(s *server, c *client, argv [][]byte) { incrDecr(s, c, argv[1], -1) }

func incrbyCommand(s *server, c *client, argv [][]byte) {
	by, ok := string2ll(argv[2])
	if !ok {
		c.addError("ERR value is not an integer or out of range")
		return
	}
	incrDecr(s, c, argv[1], by)
}

func decrbyCommand(s *server, c *client, argv [][]byte) {
	by, ok := string2ll(argv[2])
	if !ok {
		c.addError("ERR value is not an integer or out of range")
		return
	}
	if by == math.MinInt64 {
		// Its negation does not fit in 64 bits.
		c.addError("ERR decrement would overflow")
		return
	}
	incrDecr(s, c, argv[1], -by)
}

// incrDecr is Redis's incrDecrCommand. The value must be what string2ll
// accepts, so "0123", " 1" and "1.0" are not counters. The new digits are
// written over the old ones in place: no allocation once the key exists.
func incrDecr(s *server, c *client, key []byte, by int64) {
	var value int64
	e, ok := s.lookupWriteOfType(c, key, typeString)
	if !ok {
		return
	}
	if e != nil {
		if value, ok = string2ll(e.val); !ok {
			c.addError("ERR value is not an integer or out of range")
			return
		}
	}
	if (by < 0 && value < 0 && by < math.MinInt64-value) ||
		(by > 0 && value > 0 && by > math.MaxInt64-value) {
		c.addError("ERR increment or decrement would overflow")
		return
	}
	value += by
	var digits [20]byte
	s.set(c.db, key, strconv.AppendInt(digits[:0], value, 10), true)
	c.addInt(value)
}

// incrbyfloatCommand adds in C's long double, as Redis does, so that the
// digits match Redis's to the last one (see t_string_float.go), and
// stores the sum as Redis formats it: 17 decimals, trailing zeros cut.
func incrbyfloatCommand(s *server, c *client, argv [][]byte) {
	key := argv[1]
	value := ldZero()
	e, ok := s.lookupWriteOfType(c, key, typeString)
	if !ok {
		return
	}
	if e != nil {
		if value, ok = parseLongDouble(e.val); !ok {
			c.addError("ERR value is not a valid float")
			return
		}
	}
	by, ok := parseLongDouble(argv[2])
	if !ok {
		c.addError("ERR value is not a valid float")
		return
	}
	sum, ok := ldAdd(value, by)
	if !ok {
		c.addError("ERR increment would produce NaN or Infinity")
		return
	}
	var buf [64]byte
	digits := formatLongDouble(buf[:0], sum)
	s.set(c.db, key, digits, true)
	c.addBulk(digits)
}
