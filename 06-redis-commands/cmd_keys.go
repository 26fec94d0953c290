package main

import (
	"bytes"
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
		if s.lookupRead(c.db, key) != nil {
			found++
		}
	}
	c.addInt(found)
}

func typeCommand(s *server, c *client, argv [][]byte) {
	c.addSimple(typeName(s.lookupRead(c.db, argv[1])))
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
	e := s.lookupWrite(c.db, src)
	if e == nil {
		c.addError("ERR no such key")
		return
	}
	switch {
	case bytes.Equal(src, dst):
		// Nothing to move, but the key had to exist.
	case s.lookupWrite(c.db, dst) != nil && nx:
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

// cEqualFold is equalFold on arg as C sees it, up to its first NUL byte:
// Redis compares option names with strcasecmp, so "COUNT\x00x" is COUNT.
func cEqualFold(arg []byte, lower string) bool {
	if i := bytes.IndexByte(arg, 0); i >= 0 {
		arg = arg[:i]
	}
	return equalFold(arg, lower)
}
