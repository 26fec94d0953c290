package main

import (
	"bytes"
	"math"
)

// Key space commands: the ones that work on keys whatever their value.
var keyCommands = []*command{
	{name: "del", arity: -2, flags: writeOnly, firstKey: 1, lastKey: -1, keyStep: 1, proc: delCommand},
	{name: "unlink", arity: -2, flags: []string{"write", "fast"}, firstKey: 1, lastKey: -1, keyStep: 1, proc: delCommand},
	{name: "exists", arity: -2, flags: readonlyFast, firstKey: 1, lastKey: -1, keyStep: 1, proc: existsCommand},
	{name: "type", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: typeCommand},
	{name: "keys", arity: 2, flags: []string{"readonly"}, proc: keysCommand},
	{name: "scan", arity: -2, flags: []string{"readonly"}, proc: scanCommand},
	{name: "randomkey", arity: 1, flags: []string{"readonly"}, proc: randomkeyCommand},
	{name: "rename", arity: 3, flags: writeOnly, firstKey: 1, lastKey: 2, keyStep: 1, proc: renameCommand},
	{name: "renamenx", arity: 3, flags: []string{"write", "fast"}, firstKey: 1, lastKey: 2, keyStep: 1, proc: renamenxCommand},
	{name: "copy", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: 2, keyStep: 1, proc: copyCommand},
	{name: "move", arity: 3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: moveCommand},
}

// delCommand is DEL, and UNLINK too: Redis's UNLINK frees big values on
// another thread, and this chapter has neither big values nor threads.
func delCommand(s *server, c *client, argv [][]byte) {
	var deleted int64
	for _, key := range argv[1:] {
		if s.lookupWrite(c.db, key) != nil && c.db.remove(string(key)) {
			deleted++
		}
	}
	c.addInt(deleted)
}

// existsCommand counts a key once per time it is named: EXISTS k k is 2.
func existsCommand(s *server, c *client, argv [][]byte) {
	var found int64
	for _, key := range argv[1:] {
		if s.lookupReadNoTouch(c.db, key) != nil {
			found++
		}
	}
	c.addInt(found)
}

func typeCommand(s *server, c *client, argv [][]byte) {
	c.addSimple(typeName(s.lookupReadNoTouch(c.db, argv[1])))
}

// keysCommand walks the whole keyspace, which is why Redis warns against
// KEYS in production: one call holds every other client up.
func keysCommand(s *server, c *client, argv [][]byte) {
	pattern := argv[1]
	everything := len(pattern) == 1 && pattern[0] == '*'
	now := s.clock.ms
	var found []string
	for key, e := range c.db.dict {
		// Like Redis, skip an expired key without deleting it: KEYS is a
		// read, and deleting while ranging would be safe but surprising.
		if e.expireAt != 0 && e.expireAt <= now {
			continue
		}
		if everything || stringMatch(pattern, []byte(key)) {
			found = append(found, key)
		}
	}
	c.addArrayLen(len(found))
	for _, key := range found {
		c.addBulkString(key)
	}
}

// randomkeyCommand picks a key with Go's map iteration, which starts at a
// random place on every range: cheap, but not uniform, and slow on a map
// that has shrunk a lot, since Go maps keep their buckets and the range
// walks the empty ones. Like Redis's dbRandomKey, it deletes an expired
// key it lands on and tries again, so it never returns one.
func randomkeyCommand(s *server, c *client, argv [][]byte) {
	now := s.clock.ms
	for {
		key, e := anyKey(c.db)
		if e == nil {
			c.addNull()
			return
		}
		if e.expireAt != 0 && e.expireAt <= now {
			s.deleteExpired(c.db, key)
			continue
		}
		c.addBulkString(key)
		return
	}
}

func anyKey(d *db) (string, *entry) {
	for key, e := range d.dict {
		return key, e
	}
	return "", nil
}

func renameCommand(s *server, c *client, argv [][]byte)   { renameGeneric(s, c, argv, false) }
func renamenxCommand(s *server, c *client, argv [][]byte) { renameGeneric(s, c, argv, true) }

// renameGeneric moves the entry, and with it the TTL, to the new name,
// as Redis's renameGenericCommand does. RENAME replaces what was there;
// RENAMENX leaves it and answers 0.
func renameGeneric(s *server, c *client, argv [][]byte, nx bool) {
	src, dst := argv[1], argv[2]
	e := s.lookupKey(c.db, src)
	if e == nil {
		c.addError("ERR no such key")
		return
	}
	switch {
	case bytes.Equal(src, dst):
		// Nothing to move, but the key had to exist.
	case s.lookupKey(c.db, dst) != nil && nx:
		c.addInt(0)
		return
	default:
		c.db.remove(string(dst))
		c.db.remove(string(src))
		c.db.insert(string(dst), e)
	}
	if nx {
		c.addInt(boolInt(!bytes.Equal(src, dst)))
	} else {
		c.addOK()
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// dbOrReply reads a database number, as Redis's getIntFromObjectOrReply
// and selectDb: a 32-bit integer naming one of the databases.
func dbOrReply(s *server, c *client, arg []byte) (*db, bool) {
	n, ok := rangeOrReply(c, arg, math.MinInt32, math.MaxInt32)
	if !ok {
		return nil, false
	}
	if n < 0 || n >= int64(len(s.dbs)) {
		c.addError("ERR DB index is out of range")
		return nil, false
	}
	return s.dbs[n], true
}

// copyCommand is COPY source destination [DB db] [REPLACE]: a deep copy
// of the value, with its TTL, as Redis's copyCommand. The options are read
// first, then the names compared, then the keys looked up.
func copyCommand(s *server, c *client, argv [][]byte) {
	src, dst := argv[1], argv[2]
	to := c.db
	replace := false
	for i := 3; i < len(argv); i++ {
		switch {
		case cEqualFold(argv[i], "replace"):
			replace = true
		case cEqualFold(argv[i], "db") && i+1 < len(argv):
			var ok bool
			if to, ok = dbOrReply(s, c, argv[i+1]); !ok {
				return
			}
			i++
		default:
			c.addError("ERR syntax error")
			return
		}
	}
	if to == c.db && bytes.Equal(src, dst) {
		c.addError("ERR source and destination objects are the same")
		return
	}
	e := s.lookupRead(c.db, src)
	if e == nil {
		c.addInt(0)
		return
	}
	if s.lookupKey(to, dst) != nil {
		if !replace {
			c.addInt(0)
			return
		}
		to.remove(string(dst))
	}
	copied := &entry{expireAt: e.expireAt}
	if e.obj != nil {
		copied.obj = e.obj.dup()
	} else {
		copied.val = append([]byte(nil), e.val...)
	}
	to.insert(string(dst), copied)
	c.addInt(1)
}

// moveCommand is MOVE key db: the entry, TTL and all, goes to the other
// database, unless the key is there already.
func moveCommand(s *server, c *client, argv [][]byte) {
	to, ok := dbOrReply(s, c, argv[2])
	if !ok {
		return
	}
	if to == c.db {
		c.addError("ERR source and destination objects are the same")
		return
	}
	key := argv[1]
	e := s.lookupKey(c.db, key)
	if e == nil || s.lookupKey(to, key) != nil {
		c.addInt(0)
		return
	}
	c.db.remove(string(key))
	to.insert(string(key), e)
	c.addInt(1)
}
