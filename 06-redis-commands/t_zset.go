package main

import "math"

// Sorted sets, after Redis's t_zset.c. Every row has Redis 7.0's arity,
// flags and key positions, as COMMAND INFO shows them.
var zsetCommands = []*command{
	{name: "zadd", arity: -4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zaddCommand},
	{name: "zincrby", arity: 4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zincrbyCommand},
	{name: "zrem", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zremCommand},
	{name: "zscore", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zscoreCommand},
	{name: "zmscore", arity: -3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zmscoreCommand},
	{name: "zcard", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zcardCommand},
	{name: "zrank", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrankCommand},
	{name: "zrevrank", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrevrankCommand},
	{name: "zpopmin", arity: -2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zpopminCommand},
	{name: "zpopmax", arity: -2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zpopmaxCommand},
	{name: "zscan", arity: -3, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zscanCommand},
	{name: "zcount", arity: 4, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zcountCommand},
	{name: "zlexcount", arity: 4, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: zlexcountCommand},
	{name: "zrange", arity: -4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrangeCommand},
	{name: "zrevrange", arity: -4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrevrangeCommand},
	{name: "zrangebyscore", arity: -4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrangebyscoreCommand},
	{name: "zrevrangebyscore", arity: -4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrevrangebyscoreCommand},
	{name: "zrangebylex", arity: -4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrangebylexCommand},
	{name: "zrevrangebylex", arity: -4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: zrevrangebylexCommand},
	{name: "zremrangebyrank", arity: 4, flags: writeOnly, firstKey: 1, lastKey: 1, keyStep: 1, proc: zremrangebyrankCommand},
	{name: "zremrangebyscore", arity: 4, flags: writeOnly, firstKey: 1, lastKey: 1, keyStep: 1, proc: zremrangebyscoreCommand},
	{name: "zremrangebylex", arity: 4, flags: writeOnly, firstKey: 1, lastKey: 1, keyStep: 1, proc: zremrangebylexCommand},
}

// zset is a sorted set: a skip list keeps the members in order of score
// for ranks and ranges (zset_skiplist.go), and a map from each member to
// its node answers its score in O(1) (ZSCORE, and whether ZADD adds or
// updates). Redis pairs the same two structures. The node holds the
// member's string, so an update finds it without converting the
// request's bytes, which would allocate.
type zset struct {
	nodes map[string]*zslNode
	zsl   *skiplist
	index *keyIndex // ZSCAN's, made by the first ZSCAN of a big set
	bytes int64     // the nodes' and members' memory, for memory.go
}

// zsetMaxListpackEntries is Redis's zset-max-listpack-entries: up to this
// many members Redis packs a sorted set into one listpack, an array it
// scans from either end, instead of a skip list. Where the two give
// different answers (ZSCAN's pages, ZRANGEBYLEX over members of different
// scores), a set this small answers as the listpack would.
const zsetMaxListpackEntries = 128

var typeZset = &valueType{name: "zset", create: func() object { return newZset() }}

func newZset() *zset { return &zset{nodes: map[string]*zslNode{}, zsl: newSkiplist()} }

func (z *zset) kind() *valueType { return typeZset }
func (z *zset) length() int      { return len(z.nodes) }
func (z *zset) encoding() string { return "skiplist" }

// dup builds a new skip list for COPY: nodes cannot be shared between two
// lists. Inserting in order, each new node goes at the tail.
func (z *zset) dup() object {
	d := newZset()
	for x := z.zsl.head.level[0].forward; x != nil; x = x.level[0].forward {
		d.nodes[x.member] = d.zsl.insert(x.score, x.member)
		d.bytes += zslNodeBytes(d.nodes[x.member])
	}
	return d
}

func zsetOf(e *entry) *zset { return e.obj.(*zset) }

// score is member's score, if it is in the set.
func (z *zset) score(member []byte) (float64, bool) {
	if x := z.nodes[string(member)]; x != nil {
		return x.score, true
	}
	return 0, false
}

// set gives member a score, adding it if new. Like Redis's compact
// encoding, which stores scores as text, it keeps -0 as 0.
func (z *zset) set(member []byte, score float64) {
	score += 0 // -0 + 0 is +0
	if x := z.nodes[string(member)]; x != nil {
		if x.score != score {
			moved := z.zsl.updateScore(x, score)
			z.nodes[x.member] = moved
			z.bytes += zslNodeBytes(moved) - zslNodeBytes(x)
		}
		return
	}
	m := string(member)
	if z.index != nil {
		z.index.added(m)
	}
	x := z.zsl.insert(score, m)
	z.nodes[m] = x
	z.bytes += zslNodeBytes(x)
}

// remove takes member out, and reports whether it was there.
func (z *zset) remove(member []byte) bool {
	x := z.nodes[string(member)]
	if x != nil {
		z.removeNode(x)
	}
	return x != nil
}

// removeNode takes out the member of node x.
func (z *zset) removeNode(x *zslNode) {
	z.zsl.delete(x.score, x.member)
	delete(z.nodes, x.member)
	z.bytes -= zslNodeBytes(x)
	if z.index != nil {
		z.index.removed(x.member)
	}
}

// The options of ZADD, as Redis's ZADD_IN_* flags.
const (
	zaddNX = 1 << iota
	zaddXX
	zaddGT
	zaddLT
	zaddCH
	zaddIncr
)

func zaddCommand(s *server, c *client, argv [][]byte)    { zaddGeneric(s, c, argv, false) }
func zincrbyCommand(s *server, c *client, argv [][]byte) { zaddGeneric(s, c, argv, true) }

// zaddGeneric is ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ... and
// ZINCRBY key increment member, after Redis's zaddGenericCommand: every
// option and score is checked before the key is touched.
func zaddGeneric(s *server, c *client, argv [][]byte, zincrby bool) {
	flags, i := 0, 2
	if zincrby {
		flags, i = zaddIncr, len(argv)-2 // no options
	}
	for ; i < len(argv); i++ {
		word := argv[i]
		switch {
		case cEqualFold(word, "nx"):
			flags |= zaddNX
		case cEqualFold(word, "xx"):
			flags |= zaddXX
		case cEqualFold(word, "gt"):
			flags |= zaddGT
		case cEqualFold(word, "lt"):
			flags |= zaddLT
		case cEqualFold(word, "ch"):
			flags |= zaddCH
		case cEqualFold(word, "incr"):
			flags |= zaddIncr
		default:
			goto optionsDone
		}
	}
optionsDone:
	pairs := argv[i:]
	switch {
	case len(pairs) == 0 || len(pairs)%2 != 0:
		c.addError("ERR syntax error")
		return
	case flags&zaddNX != 0 && flags&zaddXX != 0:
		c.addError("ERR XX and NX options at the same time are not compatible")
		return
	case flags&zaddGT != 0 && flags&(zaddNX|zaddLT) != 0 || flags&zaddLT != 0 && flags&zaddNX != 0:
		c.addError("ERR GT, LT, and/or NX options at the same time are not compatible")
		return
	case flags&zaddIncr != 0 && len(pairs) > 2:
		c.addError("ERR INCR option supports a single increment-element pair")
		return
	}
	scores := make([]float64, len(pairs)/2)
	for j := range scores {
		var ok bool
		if scores[j], ok = scoreOrReply(c, pairs[2*j]); !ok {
			return
		}
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeZset)
	if !ok {
		return
	}
	var added, updated, processed int64
	var newScore float64
	if e == nil && flags&zaddXX == 0 {
		e = &entry{obj: newZset()}
		c.db.insert(string(argv[1]), e)
	}
	for j := 0; e != nil && j < len(scores); j++ {
		result, score := zsetAdd(zsetOf(e), pairs[2*j+1], scores[j], flags)
		switch result {
		case zaddNaN:
			c.addError("ERR resulting score is not a number (NaN)")
			if added+updated > 0 {
				c.db.touch(string(argv[1])) // what came before stays written
			}
			return
		case zaddAdded:
			added++
		case zaddUpdated:
			updated++
		}
		if result != zaddNop {
			processed++
			newScore = score
		}
	}
	if added+updated > 0 {
		c.db.touch(string(argv[1]))
	}
	switch {
	case flags&zaddIncr != 0 && processed > 0:
		c.addScore(newScore)
	case flags&zaddIncr != 0:
		c.addNull()
	case flags&zaddCH != 0:
		c.addInt(added + updated)
	default:
		c.addInt(added)
	}
}

// What zsetAdd did.
const (
	zaddNop = iota
	zaddAdded
	zaddUpdated
	zaddUnchanged // the member was there with that very score
	zaddNaN
)

// zsetAdd is Redis's zsetAdd: add or update one member under the options,
// returning what happened and the member's new score.
func zsetAdd(z *zset, member []byte, score float64, flags int) (int, float64) {
	current, exists := z.score(member)
	switch {
	case !exists && flags&zaddXX != 0, exists && flags&zaddNX != 0:
		return zaddNop, 0
	case !exists:
		z.set(member, score)
		return zaddAdded, score
	}
	if flags&zaddIncr != 0 {
		score += current
		if math.IsNaN(score) {
			return zaddNaN, 0
		}
	}
	if (flags&zaddLT != 0 && score >= current) || (flags&zaddGT != 0 && score <= current) {
		return zaddNop, 0
	}
	if score == current {
		return zaddUnchanged, score
	}
	z.set(member, score)
	return zaddUpdated, score
}

func zremCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupWriteOfType(c, argv[1], typeZset)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	removed := int64(0)
	for _, member := range argv[2:] {
		if zsetOf(e).remove(member) {
			removed++
		}
	}
	if removed > 0 {
		c.db.touch(string(argv[1]))
	}
	s.deleteIfEmpty(c.db, argv[1], e)
	c.addInt(removed)
}

func zscoreCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeZset)
	if ok {
		addMemberScore(c, e, argv[2])
	}
}

// addMemberScore answers member's score in e, or a null.
func addMemberScore(c *client, e *entry, member []byte) {
	if e != nil {
		if score, ok := zsetOf(e).score(member); ok {
			c.addScore(score)
			return
		}
	}
	c.addNull()
}

func zmscoreCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeZset)
	if !ok {
		return
	}
	c.addArrayLen(len(argv) - 2)
	for _, member := range argv[2:] {
		addMemberScore(c, e, member)
	}
}

func zcardCommand(s *server, c *client, argv [][]byte) {
	if e, ok := s.lookupReadOfType(c, argv[1], typeZset); ok {
		n := 0
		if e != nil {
			n = zsetOf(e).length()
		}
		c.addInt(int64(n))
	}
}

func zrankCommand(s *server, c *client, argv [][]byte)    { zrankGeneric(s, c, argv, false) }
func zrevrankCommand(s *server, c *client, argv [][]byte) { zrankGeneric(s, c, argv, true) }

// zrankGeneric answers a member's 0-based rank, counted from the lowest
// score or, for ZREVRANK, the highest: O(log n) through the spans.
func zrankGeneric(s *server, c *client, argv [][]byte, reverse bool) {
	e, ok := s.lookupReadOfType(c, argv[1], typeZset)
	if !ok {
		return
	}
	if e == nil {
		c.addNull()
		return
	}
	z := zsetOf(e)
	score, ok := z.score(argv[2])
	if !ok {
		c.addNull()
		return
	}
	rank := z.zsl.rank(score, string(argv[2]))
	if reverse {
		c.addInt(int64(z.length() - rank))
	} else {
		c.addInt(int64(rank - 1))
	}
}

func zpopminCommand(s *server, c *client, argv [][]byte) { zpopGeneric(s, c, argv, false) }
func zpopmaxCommand(s *server, c *client, argv [][]byte) { zpopGeneric(s, c, argv, true) }

// zpopGeneric is ZPOPMIN and ZPOPMAX key [count]: the count is checked
// before the key, as in Redis, and the reply is one flat array of
// members and scores.
func zpopGeneric(s *server, c *client, argv [][]byte, fromMax bool) {
	if len(argv) > 3 {
		c.addError("ERR syntax error")
		return
	}
	count := int64(1)
	if len(argv) == 3 {
		var ok bool
		if count, ok = positiveOrReply(c, argv[2], "value is out of range, must be positive"); !ok {
			return
		}
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeZset)
	switch {
	case !ok:
		return
	case e == nil || count == 0:
		c.addArrayLen(0)
		return
	}
	z := zsetOf(e)
	n := int(min(count, int64(z.length())))
	c.addArrayLen(2 * n)
	for range n {
		x := z.zsl.head.level[0].forward
		if fromMax {
			x = z.zsl.tail
		}
		c.addBulkString(x.member)
		c.addScore(x.score)
		z.removeNode(x)
	}
	c.db.touch(string(argv[1]))
	s.deleteIfEmpty(c.db, argv[1], e)
}
