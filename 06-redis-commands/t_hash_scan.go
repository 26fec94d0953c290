package main

import (
	"math"
	"math/rand/v2"
)

// HSCAN and HRANDFIELD: a hash in pages, or at random.

// hashMaxListpackEntries is Redis's hash-max-listpack-entries: up to this
// many fields Redis packs a hash into one listpack, and HSCAN answers it
// whole with cursor 0, whatever COUNT says. We do the same, so a small
// hash scans as in Redis; a bigger one goes page by page through an index
// like SCAN's.
const hashMaxListpackEntries = 128

// hscanCommand is HSCAN key cursor [MATCH pattern] [COUNT count].
func hscanCommand(s *server, c *client, argv [][]byte) {
	e, cursor, opts, ok := s.startKeyScan(c, argv, typeHash)
	if !ok {
		return
	}
	h := hashOf(e)
	var fields []string
	next := uint64(0)
	if len(h.fields) <= hashMaxListpackEntries {
		for field := range h.fields {
			fields = append(fields, field)
		}
	} else {
		if h.index == nil {
			h.index = newKeyIndex()
			for field := range h.fields {
				h.index.added(field)
			}
		}
		fields, next = h.index.scan(cursor, opts.count)
	}
	var items []string
	for _, field := range fields {
		if opts.matches(field) {
			items = append(items, field, string(h.fields[field]))
		}
	}
	addScanReply(c, next, items)
}

// hrandfieldCommand is HRANDFIELD key [count [WITHVALUES]], after Redis's
// hrandfieldCommand: without a count one field; with a positive count up
// to count distinct fields; with a negative one exactly -count fields,
// repeats allowed.
func hrandfieldCommand(s *server, c *client, argv [][]byte) {
	if len(argv) == 2 {
		e, ok := s.lookupReadOfType(c, argv[1], typeHash)
		switch {
		case !ok:
		case e == nil:
			c.addNull()
		default:
			for field := range hashOf(e).fields { // Go starts each walk at random
				c.addBulkString(field)
				break
			}
		}
		return
	}
	// Not math.MinInt64, whose negation overflows.
	count, ok := rangeOrReply(c, argv[2], -math.MaxInt64, math.MaxInt64)
	if !ok {
		return
	}
	withValues := false
	if len(argv) > 4 || (len(argv) == 4 && !cEqualFold(argv[3], "withvalues")) {
		c.addError("ERR syntax error")
		return
	} else if len(argv) == 4 {
		withValues = true
		if count < -math.MaxInt64/2 || count > math.MaxInt64/2 {
			c.addError("ERR value is out of range") // the reply would have 2*count elements
			return
		}
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	switch {
	case !ok:
		return
	case e == nil || count == 0:
		c.addArrayLen(0)
		return
	}
	h := hashOf(e)
	fields := make([]string, 0, len(h.fields))
	for field := range h.fields {
		fields = append(fields, field)
	}
	size := int64(len(fields))
	answer := func(n int64) {
		if withValues {
			c.addArrayLen(int(2 * n))
		} else {
			c.addArrayLen(int(n))
		}
	}
	emit := func(field string) {
		c.addBulkString(field)
		if withValues {
			c.addBulk(h.fields[field])
		}
	}
	switch {
	case count < 0 || count == 1:
		// Any field each time, repeats allowed. Redis answers every one
		// of the -count, however many: so do we, one at a time.
		n := max(count, -count)
		answer(n)
		for range n {
			emit(fields[rand.IntN(len(fields))])
		}
	case count >= size:
		answer(size) // the whole hash
		for _, field := range fields {
			emit(field)
		}
	default:
		// count distinct fields: the first count of a partial shuffle.
		answer(count)
		for i := range int(count) {
			j := i + rand.IntN(len(fields)-i)
			fields[i], fields[j] = fields[j], fields[i]
			emit(fields[i])
		}
	}
}
