package main

import (
	"bytes"
	"strconv"
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

// scanCommand is SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
// The cursor is a position in the database's keyIndex (scan_index.go
// explains why that gives Redis's guarantee). As in Redis's
// scanGenericCommand, COUNT bounds the keys examined, and MATCH and TYPE
// filter them afterwards, so a page may be empty before the end.
func scanCommand(s *server, c *client, argv [][]byte) {
	cursor, ok := parseScanCursor(argv[1])
	if !ok {
		c.addError("ERR invalid cursor")
		return
	}
	count := int64(10)
	var pattern, wantType []byte
	for i := 2; i < len(argv); i += 2 {
		if i+1 == len(argv) {
			c.addError("ERR syntax error") // an option without its value
			return
		}
		switch opt, value := argv[i], argv[i+1]; {
		case cEqualFold(opt, "count"):
			n, ok := string2ll(value)
			if !ok {
				c.addError("ERR value is not an integer or out of range")
				return
			}
			if n < 1 {
				c.addError("ERR syntax error")
				return
			}
			count = n
		case cEqualFold(opt, "match"):
			pattern = value
			if len(value) == 1 && value[0] == '*' {
				pattern = nil // matches everything: skip matching
			}
		case cEqualFold(opt, "type"):
			wantType = value
		default:
			c.addError("ERR syntax error")
			return
		}
	}

	index := s.scanIndex(c.db)
	keys, next := index.scan(c.db, cursor, count)
	kept := keys[:0]
	for _, key := range keys {
		if pattern != nil && !stringMatch(pattern, []byte(key)) {
			continue
		}
		if wantType != nil {
			// Redis looks the key up to learn its type, which deletes it
			// if it expired; the key then has type "none", and so
			// SCAN 0 TYPE none can list a key that has just expired.
			if !cEqualFold(wantType, typeName(s.lookupRead(c.db, []byte(key)))) {
				continue
			}
		} else if s.lookupWrite(c.db, []byte(key)) == nil {
			continue // expired: deleted now, and not listed
		}
		kept = append(kept, key)
	}
	c.addArrayLen(2)
	var digits [20]byte
	c.addBulk(strconv.AppendUint(digits[:0], next, 10))
	c.addArrayLen(len(kept))
	for _, key := range kept {
		c.addBulkString(key)
	}
}

// parseScanCursor reads a cursor as Redis's parseScanCursorOrReply does,
// with C's strtoul: an unsigned 64-bit number, optionally signed ("-1" is
// 2^64-1), read up to a NUL byte, with no leading space and nothing after
// it. An empty string is cursor 0.
func parseScanCursor(arg []byte) (uint64, bool) {
	if i := bytes.IndexByte(arg, 0); i >= 0 {
		arg = arg[:i]
	}
	if len(arg) == 0 {
		return 0, true
	}
	if isSpace(arg[0]) {
		return 0, false
	}
	negative := arg[0] == '-'
	digits := arg
	if arg[0] == '-' || arg[0] == '+' {
		digits = arg[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(digits), 10, 64)
	if err != nil {
		return 0, false // not all digits, or ERANGE
	}
	if negative {
		n = -n
	}
	return n, true
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
