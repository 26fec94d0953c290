package main

import "math"

// The range commands of sorted sets: ZRANGE in all its forms, ZCOUNT,
// ZLEXCOUNT and ZREMRANGEBY*. A range starts where a skip-list search
// lands, O(log n), and walks level 0 from there, so its cost is the search
// plus the elements it answers.

// What a range is over, and which way it goes, as Redis's zrange_type
// and zrange_direction; "auto" means the options may still choose.
const (
	byAuto = iota
	byRank
	byScore
	byLex
)

func zrangeCommand(s *server, c *client, argv [][]byte) {
	zrangeGeneric(s, c, argv, byAuto, false, true)
}
func zrevrangeCommand(s *server, c *client, argv [][]byte) {
	zrangeGeneric(s, c, argv, byRank, true, false)
}
func zrangebyscoreCommand(s *server, c *client, argv [][]byte) {
	zrangeGeneric(s, c, argv, byScore, false, false)
}
func zrevrangebyscoreCommand(s *server, c *client, argv [][]byte) {
	zrangeGeneric(s, c, argv, byScore, true, false)
}
func zrangebylexCommand(s *server, c *client, argv [][]byte) {
	zrangeGeneric(s, c, argv, byLex, false, false)
}
func zrevrangebylexCommand(s *server, c *client, argv [][]byte) {
	zrangeGeneric(s, c, argv, byLex, true, false)
}

// zrangeGeneric is Redis's zrangeGenericCommand: ZRANGE key min max
// [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES] and the older
// commands it subsumes, which fix the kind (rangeType) or the direction
// (reverse, with chooseDirection false). The options are read first, then
// their conflicts, then the range, and only then the key.
func zrangeGeneric(s *server, c *client, argv [][]byte, rangeType int, reverse, chooseDirection bool) {
	withScores := false
	offset, limit := int64(0), int64(-1)
	for i := 4; i < len(argv); i++ {
		switch word := argv[i]; {
		case cEqualFold(word, "withscores"):
			withScores = true
		case cEqualFold(word, "limit") && len(argv)-i-1 >= 2:
			var ok bool
			if offset, ok = indexOrReply(c, argv[i+1]); !ok {
				return
			}
			if limit, ok = indexOrReply(c, argv[i+2]); !ok {
				return
			}
			i += 2
		case chooseDirection && !reverse && cEqualFold(word, "rev"):
			reverse = true
		case rangeType == byAuto && cEqualFold(word, "bylex"):
			rangeType = byLex
		case rangeType == byAuto && cEqualFold(word, "byscore"):
			rangeType = byScore
		default:
			c.addError("ERR syntax error")
			return
		}
	}
	if rangeType == byAuto {
		rangeType = byRank
	}
	if limit != -1 && rangeType == byRank {
		c.addError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
		return
	}
	if withScores && rangeType == byLex {
		c.addError("ERR syntax error, WITHSCORES not supported in combination with BYLEX")
		return
	}
	minArg, maxArg := argv[2], argv[3]
	if reverse && rangeType != byRank {
		minArg, maxArg = maxArg, minArg // given as max, min
	}
	var nodes func(z *zset) []*zslNode
	switch rangeType {
	case byRank:
		start, ok := indexOrReply(c, minArg)
		if !ok {
			return
		}
		end, ok := indexOrReply(c, maxArg)
		if !ok {
			return
		}
		nodes = func(z *zset) []*zslNode { return z.byRank(start, end, reverse) }
	case byScore:
		r, ok := scoreRangeOrReply(c, minArg, maxArg)
		if !ok {
			return
		}
		nodes = func(z *zset) []*zslNode {
			return z.walk(r.nodeAboveMin, r.nodeBelowMax, reverse, offset, limit)
		}
	case byLex:
		r, ok := lexRangeOrReply(c, minArg, maxArg)
		if !ok {
			return
		}
		nodes = func(z *zset) []*zslNode {
			return z.walk(r.nodeAboveMin, r.nodeBelowMax, reverse, offset, limit)
		}
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeZset)
	switch {
	case !ok:
		return
	case e == nil:
		c.addArrayLen(0)
		return
	}
	found := nodes(zsetOf(e))
	if withScores {
		c.addArrayLen(2 * len(found))
	} else {
		c.addArrayLen(len(found))
	}
	for _, x := range found {
		c.addBulkString(x.member)
		if withScores {
			c.addScore(x.score)
		}
	}
}

func scoreRangeOrReply(c *client, minArg, maxArg []byte) (scoreRange, bool) {
	r, ok := parseScoreRange(minArg, maxArg)
	if !ok {
		c.addError("ERR min or max is not a float")
	}
	return r, ok
}

func lexRangeOrReply(c *client, minArg, maxArg []byte) (lexRange, bool) {
	r, ok := parseLexRange(minArg, maxArg)
	if !ok {
		c.addError("ERR min or max not valid string range item")
	}
	return r, ok
}

// byRank returns the elements from rank start to end, both included and
// counted from the end when negative, as LRANGE counts them; reverse
// counts ranks from the highest score.
func (z *zset) byRank(start, end int64, reverse bool) []*zslNode {
	n := int64(z.length())
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start = max(start, 0)
	if start > end || start >= n {
		return nil
	}
	end = min(end, n-1)
	out := make([]*zslNode, 0, end-start+1)
	if reverse {
		for x := z.zsl.byRank(int(n - start)); len(out) < cap(out); x = x.backward {
			out = append(out, x)
		}
	} else {
		for x := z.zsl.byRank(int(start + 1)); len(out) < cap(out); x = x.level[0].forward {
			out = append(out, x)
		}
	}
	return out
}

// first and last find the first and the last element between the bounds,
// or nil, as Redis's zslFirstInRange and zslLastInRange (and their lex
// twins) do, checking first that the range can meet the set at all. A
// small set is scanned from its end as Redis scans a listpack
// (zsetMaxListpackEntries); a bigger one is searched through the skip
// list. The two agree whenever the bounds follow the set's order, as
// scores always do; lex bounds over members of different scores are the
// case Redis leaves unspecified.
func (z *zset) first(aboveMin, belowMax func(*zslNode) bool) *zslNode {
	if !z.mayMeet(aboveMin, belowMax) {
		return nil
	}
	x := z.zsl.head.level[0].forward
	if z.length() > zsetMaxListpackEntries {
		x = z.zsl.firstWhere(aboveMin)
	} else {
		for x != nil && !aboveMin(x) {
			x = x.level[0].forward
		}
	}
	if x == nil || !belowMax(x) {
		return nil
	}
	return x
}

func (z *zset) last(aboveMin, belowMax func(*zslNode) bool) *zslNode {
	if !z.mayMeet(aboveMin, belowMax) {
		return nil
	}
	x := z.zsl.tail
	if z.length() > zsetMaxListpackEntries {
		x = z.zsl.lastWhere(belowMax)
	} else {
		for x != nil && !belowMax(x) {
			x = x.backward
		}
	}
	if x == nil || !aboveMin(x) {
		return nil
	}
	return x
}

// mayMeet is Redis's zslIsInRange: the last element is not below the
// range, and the first not above it.
func (z *zset) mayMeet(aboveMin, belowMax func(*zslNode) bool) bool {
	return z.zsl.tail != nil && aboveMin(z.zsl.tail) && belowMax(z.zsl.head.level[0].forward)
}

// walk returns the elements between the bounds, in order or reversed,
// skipping offset of them and keeping up to limit (all if negative). As
// in Redis, a negative offset skips past every element.
func (z *zset) walk(aboveMin, belowMax func(*zslNode) bool, reverse bool, offset, limit int64) []*zslNode {
	if offset < 0 || offset >= int64(z.length()) {
		return nil
	}
	if limit < 0 {
		limit = math.MaxInt64
	}
	x := z.first(aboveMin, belowMax)
	inRange, step := belowMax, func(x *zslNode) *zslNode { return x.level[0].forward }
	if reverse {
		x = z.last(aboveMin, belowMax)
		inRange, step = aboveMin, func(x *zslNode) *zslNode { return x.backward }
	}
	for ; x != nil && offset > 0; offset-- {
		x = step(x)
	}
	var out []*zslNode
	for ; x != nil && int64(len(out)) < limit && inRange(x); x = step(x) {
		out = append(out, x)
	}
	return out
}

// count is how many elements lie between the bounds. For a big set it is
// the difference of two ranks, O(log n) however many there are; a small
// one is walked from the first, as Redis walks a listpack.
func (z *zset) count(aboveMin, belowMax func(*zslNode) bool) int {
	if z.length() <= zsetMaxListpackEntries {
		return len(z.walk(aboveMin, belowMax, false, 0, -1))
	}
	first, last := z.first(aboveMin, belowMax), z.last(aboveMin, belowMax)
	if first == nil || last == nil {
		return 0
	}
	n := z.zsl.rank(last.score, last.member) - z.zsl.rank(first.score, first.member) + 1
	return max(n, 0)
}

func zcountCommand(s *server, c *client, argv [][]byte) {
	r, ok := scoreRangeOrReply(c, argv[2], argv[3])
	if !ok {
		return
	}
	zcountGeneric(s, c, argv[1], r.nodeAboveMin, r.nodeBelowMax)
}

func zlexcountCommand(s *server, c *client, argv [][]byte) {
	r, ok := lexRangeOrReply(c, argv[2], argv[3])
	if !ok {
		return
	}
	zcountGeneric(s, c, argv[1], r.nodeAboveMin, r.nodeBelowMax)
}

func zcountGeneric(s *server, c *client, key []byte, aboveMin, belowMax func(*zslNode) bool) {
	e, ok := s.lookupReadOfType(c, key, typeZset)
	switch {
	case !ok:
	case e == nil:
		c.addInt(0)
	default:
		c.addInt(int64(zsetOf(e).count(aboveMin, belowMax)))
	}
}

func zremrangebyrankCommand(s *server, c *client, argv [][]byte) {
	start, ok := indexOrReply(c, argv[2])
	if !ok {
		return
	}
	end, ok := indexOrReply(c, argv[3])
	if !ok {
		return
	}
	zremrangeGeneric(s, c, argv[1], func(z *zset) []*zslNode { return z.byRank(start, end, false) })
}

func zremrangebyscoreCommand(s *server, c *client, argv [][]byte) {
	r, ok := scoreRangeOrReply(c, argv[2], argv[3])
	if !ok {
		return
	}
	zremrangeGeneric(s, c, argv[1], func(z *zset) []*zslNode {
		return z.walk(r.nodeAboveMin, r.nodeBelowMax, false, 0, -1)
	})
}

func zremrangebylexCommand(s *server, c *client, argv [][]byte) {
	r, ok := lexRangeOrReply(c, argv[2], argv[3])
	if !ok {
		return
	}
	zremrangeGeneric(s, c, argv[1], func(z *zset) []*zslNode {
		return z.walk(r.nodeAboveMin, r.nodeBelowMax, false, 0, -1)
	})
}

// zremrangeGeneric removes the elements a range finds, after the range
// has been checked, and deletes the key if none are left.
func zremrangeGeneric(s *server, c *client, key []byte, nodes func(z *zset) []*zslNode) {
	e, ok := s.lookupWriteOfType(c, key, typeZset)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	z := zsetOf(e)
	found := nodes(z)
	for _, x := range found {
		z.removeNode(x)
	}
	if len(found) > 0 {
		c.db.touch(string(key))
	}
	s.deleteIfEmpty(c.db, key, e)
	c.addInt(int64(len(found)))
}
