package main

import "bytes"

// The list commands that search a list or move between lists: LINSERT,
// LREM, LTRIM, LPOS, LMOVE and RPOPLPUSH. Searching is O(n): Redis keeps
// no index of a list's values either.

func linsertCommand(s *server, c *client, argv [][]byte) {
	var after bool
	switch {
	case cEqualFold(argv[2], "after"):
		after = true
	case cEqualFold(argv[2], "before"):
	default:
		c.addError("ERR syntax error")
		return
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	l := listOf(e)
	for i := 0; i < l.n; i++ {
		if bytes.Equal(l.at(i), argv[3]) {
			if after {
				i++
			}
			l.insert(i, append([]byte(nil), argv[4]...))
			c.db.touch(string(argv[1]))
			c.addInt(int64(l.n))
			return
		}
	}
	c.addInt(-1) // no such pivot
}

// lremCommand removes the first count elements equal to the value, the
// last -count ones if count is negative, or all of them if it is 0.
func lremCommand(s *server, c *client, argv [][]byte) {
	count, ok := indexOrReply(c, argv[2])
	if !ok {
		return
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	l := listOf(e)
	// Which matches go: those with a rank below limit, counted from the
	// head or, for a negative count, from the tail. Redis negates the
	// count in C, where -LONG_MIN stays negative and so removes all;
	// Go's int64 wraps the same way.
	fromTail := count < 0
	limit := count
	if fromTail {
		limit = -count
	}
	matches := 0
	if fromTail {
		for i := 0; i < l.n; i++ {
			if bytes.Equal(l.at(i), argv[3]) {
				matches++
			}
		}
	}
	rank := int64(0)
	removed := l.filter(func(i int, v []byte) bool {
		if !bytes.Equal(v, argv[3]) {
			return true
		}
		r := rank
		if fromTail {
			r = int64(matches) - 1 - rank
		}
		rank++
		return limit > 0 && r >= limit
	})
	if removed > 0 {
		c.db.touch(string(argv[1]))
	}
	s.deleteIfEmpty(c.db, argv[1], e)
	c.addInt(int64(removed))
}

func ltrimCommand(s *server, c *client, argv [][]byte) {
	start, ok1 := indexOrReply(c, argv[2])
	if !ok1 {
		return
	}
	end, ok2 := indexOrReply(c, argv[3])
	if !ok2 {
		return
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addOK()
		return
	}
	l := listOf(e)
	if from, to, ok := listRange(start, end, l.n); ok {
		l.trim(from, l.n-1-to)
	} else {
		l.trim(0, l.n) // an empty range empties the list
	}
	c.db.touch(string(argv[1])) // even when nothing was trimmed, as Redis
	s.deleteIfEmpty(c.db, argv[1], e)
	c.addOK()
}

// lposCommand is LPOS key element [RANK rank] [COUNT num] [MAXLEN len]:
// the index of the rank-th match (from the tail if rank is negative),
// or with COUNT an array of up to num matches (0: all). MAXLEN bounds the
// elements compared. The options are checked before the key.
func lposCommand(s *server, c *client, argv [][]byte) {
	rank, count, maxlen := int64(1), int64(-1), int64(0) // count -1: no COUNT
	for j := 3; j < len(argv); j += 2 {
		if j+1 == len(argv) {
			c.addError("ERR syntax error")
			return
		}
		var ok bool
		switch opt, value := argv[j], argv[j+1]; {
		case cEqualFold(opt, "rank"):
			if rank, ok = indexOrReply(c, value); !ok {
				return
			}
			if rank == 0 {
				c.addError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")
				return
			}
		case cEqualFold(opt, "count"):
			if count, ok = positiveOrReply(c, value, "COUNT can't be negative"); !ok {
				return
			}
		case cEqualFold(opt, "maxlen"):
			if maxlen, ok = positiveOrReply(c, value, "MAXLEN can't be negative"); !ok {
				return
			}
		default:
			c.addError("ERR syntax error")
			return
		}
	}
	fromTail := rank < 0
	if fromTail {
		rank = -rank // math.MinInt64 stays negative, as in C: every match then counts
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil && count != -1:
		c.addArrayLen(0)
		return
	case e == nil:
		c.addNull()
		return
	}
	l := listOf(e)
	var found []int
	matches := int64(0)
	for k := 0; k < l.n && (maxlen == 0 || int64(k) < maxlen); k++ {
		i := k
		if fromTail {
			i = l.n - 1 - k
		}
		if !bytes.Equal(l.at(i), argv[2]) {
			continue
		}
		matches++
		if matches < rank {
			continue
		}
		found = append(found, i)
		if count == -1 || (count != 0 && matches-rank+1 >= count) {
			break
		}
	}
	if count != -1 {
		c.addArrayLen(len(found))
		for _, i := range found {
			c.addInt(int64(i))
		}
	} else if len(found) == 1 {
		c.addInt(int64(found[0]))
	} else {
		c.addNull()
	}
}

func lmoveCommand(s *server, c *client, argv [][]byte) {
	fromHead, ok1 := listEndOrReply(c, argv[3])
	if !ok1 {
		return
	}
	toHead, ok2 := listEndOrReply(c, argv[4])
	if !ok2 {
		return
	}
	lmoveGeneric(s, c, argv[1], argv[2], fromHead, toHead)
}

func rpoplpushCommand(s *server, c *client, argv [][]byte) {
	lmoveGeneric(s, c, argv[1], argv[2], false, true)
}

// listEndOrReply reads LMOVE's LEFT or RIGHT; LEFT is the head.
func listEndOrReply(c *client, arg []byte) (head, ok bool) {
	switch {
	case cEqualFold(arg, "left"):
		return true, true
	case cEqualFold(arg, "right"):
		return false, true
	}
	c.addError("ERR syntax error")
	return false, false
}

// lmoveGeneric pops from one list and pushes onto another, which may be
// the same list (a rotation). The destination's type is checked before
// anything moves, so a WRONGTYPE leaves both lists as they were.
func lmoveGeneric(s *server, c *client, src, dst []byte, fromHead, toHead bool) {
	e, ok := s.lookupWriteOfType(c, src, typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addNull()
		return
	}
	if _, ok := s.lookupWriteOfType(c, dst, typeList); !ok {
		return
	}
	v := listOf(e).pop(fromHead)
	listOf(s.lookupOrCreate(c, dst, typeList)).push(v, toHead)
	c.db.touch(string(src))
	c.db.touch(string(dst))
	s.deleteIfEmpty(c.db, src, e) // after the push: src may be dst
	c.addBulk(v)
}
