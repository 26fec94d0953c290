package main

import "strconv"

// List commands, after Redis's t_list.c. The list itself is in list.go.
var listCommands = []*command{
	{name: "lpush", arity: -3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: lpushCommand},
	{name: "rpush", arity: -3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: rpushCommand},
	{name: "lpushx", arity: -3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: lpushxCommand},
	{name: "rpushx", arity: -3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: rpushxCommand},
	{name: "lpop", arity: -2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: lpopCommand},
	{name: "rpop", arity: -2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: rpopCommand},
	{name: "llen", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: llenCommand},
	{name: "lrange", arity: 4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: lrangeCommand},
	{name: "lindex", arity: 3, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: lindexCommand},
	{name: "lset", arity: 4, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: lsetCommand},
	{name: "linsert", arity: 5, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: linsertCommand},
	{name: "lrem", arity: 4, flags: writeOnly, firstKey: 1, lastKey: 1, keyStep: 1, proc: lremCommand},
	{name: "ltrim", arity: 4, flags: writeOnly, firstKey: 1, lastKey: 1, keyStep: 1, proc: ltrimCommand},
	{name: "lpos", arity: -3, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: lposCommand},
	{name: "lmove", arity: 5, flags: writeDenyOOM, firstKey: 1, lastKey: 2, keyStep: 1, proc: lmoveCommand},
	{name: "rpoplpush", arity: 3, flags: writeDenyOOM, firstKey: 1, lastKey: 2, keyStep: 1, proc: rpoplpushCommand},
}

// listOf is e's list; e holds one (the caller checked its type).
func listOf(e *entry) *list { return e.obj.(*list) }

func lpushCommand(s *server, c *client, argv [][]byte)  { pushGeneric(s, c, argv, true, false) }
func rpushCommand(s *server, c *client, argv [][]byte)  { pushGeneric(s, c, argv, false, false) }
func lpushxCommand(s *server, c *client, argv [][]byte) { pushGeneric(s, c, argv, true, true) }
func rpushxCommand(s *server, c *client, argv [][]byte) { pushGeneric(s, c, argv, false, true) }

// pushGeneric pushes every element in turn, so LPUSH l a b c leaves c
// first, and answers the new length. The X forms push only onto a list
// that exists.
func pushGeneric(s *server, c *client, argv [][]byte, atHead, onlyIfExists bool) {
	var e *entry
	if onlyIfExists {
		var ok bool
		if e, ok = s.lookupWriteOfType(c, argv[1], typeList); !ok {
			return
		}
		if e == nil {
			c.addInt(0)
			return
		}
	} else if e = s.lookupOrCreate(c, argv[1], typeList); e == nil {
		return
	}
	l := listOf(e)
	for _, v := range argv[2:] {
		l.push(append([]byte(nil), v...), atHead) // argv is reused for the next request
	}
	c.db.touch(string(argv[1]))
	c.addInt(int64(l.n))
}

func lpopCommand(s *server, c *client, argv [][]byte) { popGeneric(s, c, argv, true) }
func rpopCommand(s *server, c *client, argv [][]byte) { popGeneric(s, c, argv, false) }

// popGeneric is LPOP and RPOP key [count]: one element as a bulk string,
// or with a count an array of up to count of them. As in Redis, the count
// is checked before the key, and a count of 0 answers an empty array.
func popGeneric(s *server, c *client, argv [][]byte, atHead bool) {
	if len(argv) > 3 {
		c.addError(arityError(c.lastCmd))
		return
	}
	hasCount := len(argv) == 3
	var count int64
	if hasCount {
		var ok bool
		if count, ok = positiveOrReply(c, argv[2], "value is out of range, must be positive"); !ok {
			return
		}
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil && hasCount:
		c.reply = append(c.reply, "*-1\r\n"...) // the null array
		return
	case e == nil:
		c.addNull()
		return
	}
	l := listOf(e)
	if !hasCount {
		c.addBulk(l.pop(atHead))
	} else {
		n := int(min(count, int64(l.n)))
		c.addArrayLen(n)
		if n == 0 {
			return // LPOP l 0 writes nothing, and touches nothing
		}
		for range n {
			c.addBulk(l.pop(atHead))
		}
	}
	c.db.touch(string(argv[1]))
	s.deleteIfEmpty(c.db, argv[1], e)
}

// positiveOrReply parses a count that must be 0 or more, as Redis's
// getPositiveLongFromObjectOrReply: a non-number gets msg too.
func positiveOrReply(c *client, arg []byte, msg string) (int64, bool) {
	n, ok := string2ll(arg)
	if !ok || n < 0 {
		c.addError("ERR " + msg)
		return 0, false
	}
	return n, true
}

// indexOrReply parses an index or a count that may be negative.
func indexOrReply(c *client, arg []byte) (int64, bool) {
	n, ok := string2ll(arg)
	if !ok {
		c.addError("ERR value is not an integer or out of range")
	}
	return n, ok
}

// rangeOrReply parses an integer that must lie within min and max, with
// Redis's getRangeLongFromObjectOrReply's errors.
func rangeOrReply(c *client, arg []byte, min, max int64) (int64, bool) {
	n, ok := indexOrReply(c, arg)
	if ok && (n < min || n > max) {
		c.addError("ERR value is out of range, value must between " + strconv.FormatInt(min, 10) +
			" and " + strconv.FormatInt(max, 10))
		return 0, false
	}
	return n, ok
}

func llenCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeList)
	switch {
	case !ok:
	case e == nil:
		c.addInt(0)
	default:
		c.addInt(int64(listOf(e).n))
	}
}

// listRange turns LRANGE and LTRIM's indexes, where negative ones count
// from the end, into the range they cover of a list of n elements, or
// reports that it is empty.
func listRange(start, end int64, n int) (from, to int, ok bool) {
	if start < 0 {
		start += int64(n)
	}
	if end < 0 {
		end += int64(n)
	}
	start = max(start, 0)
	if start > end || start >= int64(n) {
		return 0, 0, false
	}
	end = min(end, int64(n)-1)
	return int(start), int(end), true
}

// lrangeCommand answers the elements from start to end. It is O(n) in the
// elements answered, and while it runs no other client is served: an
// LRANGE of a million elements holds every client up for its whole reply.
func lrangeCommand(s *server, c *client, argv [][]byte) {
	start, ok1 := indexOrReply(c, argv[2])
	if !ok1 {
		return
	}
	end, ok2 := indexOrReply(c, argv[3])
	if !ok2 {
		return
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addArrayLen(0)
		return
	}
	l := listOf(e)
	from, to, ok := listRange(start, end, l.n)
	if !ok {
		c.addArrayLen(0)
		return
	}
	c.addArrayLen(to - from + 1)
	for i := from; i <= to; i++ {
		c.addBulk(l.at(i))
	}
}

// listIndex turns an index, negative from the end, into a position in a
// list of n elements, or reports that it is outside the list.
func listIndex(index int64, n int) (int, bool) {
	if index < 0 {
		index += int64(n)
	}
	if index < 0 || index >= int64(n) {
		return 0, false
	}
	return int(index), true
}

// lindexCommand looks the key up before it reads the index, as Redis
// does, so LINDEX nokey x answers null rather than an error.
func lindexCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addNull()
		return
	}
	index, ok := indexOrReply(c, argv[2])
	if !ok {
		return
	}
	l := listOf(e)
	if i, ok := listIndex(index, l.n); ok {
		c.addBulk(l.at(i))
	} else {
		c.addNull()
	}
}

func lsetCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupWriteOfType(c, argv[1], typeList)
	switch {
	case !ok:
		return
	case e == nil:
		c.addError("ERR no such key")
		return
	}
	index, ok := indexOrReply(c, argv[2])
	if !ok {
		return
	}
	l := listOf(e)
	i, ok := listIndex(index, l.n)
	if !ok {
		c.addError("ERR index out of range")
		return
	}
	l.replace(i, append([]byte(nil), argv[3]...))
	c.db.touch(string(argv[1]))
	c.addOK()
}
