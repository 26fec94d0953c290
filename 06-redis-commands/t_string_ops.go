package main

// The string commands that work on many keys at once, or on part of a
// value: MGET, MSET, MSETNX, APPEND, STRLEN, GETRANGE and SETRANGE.

func mgetCommand(s *server, c *client, argv [][]byte) {
	c.addArrayLen(len(argv) - 1)
	for _, key := range argv[1:] {
		// A key of another type is null here, not WRONGTYPE, as in Redis.
		if e := s.lookupRead(c.db, key); e == nil || e.obj != nil {
			c.addNull()
		} else {
			c.addBulk(e.val)
		}
	}
}

func msetCommand(s *server, c *client, argv [][]byte) {
	if !pairsOrReply(c, argv) {
		return
	}
	for i := 1; i < len(argv); i += 2 {
		s.set(c.db, argv[i], argv[i+1], false)
	}
	c.addOK()
}

func msetnxCommand(s *server, c *client, argv [][]byte) {
	if !pairsOrReply(c, argv) {
		return
	}
	// All or nothing: one existing key and no key is set.
	for i := 1; i < len(argv); i += 2 {
		if s.lookupKey(c.db, argv[i]) != nil {
			c.addInt(0)
			return
		}
	}
	for i := 1; i < len(argv); i += 2 {
		s.set(c.db, argv[i], argv[i+1], false)
	}
	c.addInt(1)
}

// pairsOrReply checks that MSET's arguments come in key-value pairs. The
// table's arity can only say "at least three", so Redis words an odd
// count as an arity error too.
func pairsOrReply(c *client, argv [][]byte) bool {
	if len(argv)%2 == 0 {
		c.addError(arityError(c.lastCmd))
		return false
	}
	return true
}

func appendCommand(s *server, c *client, argv [][]byte) {
	key, tail := argv[1], argv[2]
	e, ok := s.lookupWriteOfType(c, key, typeString)
	if !ok {
		return
	}
	if e == nil {
		e = s.set(c.db, key, tail, false)
		c.addInt(int64(len(e.val)))
		return
	}
	if !checkStringLength(s, c, int64(len(e.val)), int64(len(tail))) {
		return
	}
	e.val = append(e.val, tail...) // the TTL stays, as in Redis
	c.db.touch(string(key))
	c.addInt(int64(len(e.val)))
}

// checkStringLength refuses a value that would grow past proto-max-bulk-len
// (512MB by default), Redis's checkStringLength. It is written so that a
// huge offset cannot overflow the sum.
func checkStringLength(s *server, c *client, size, grow int64) bool {
	if size > int64(s.cfg.maxBulk)-grow {
		c.addError("ERR string exceeds maximum allowed size (proto-max-bulk-len)")
		return false
	}
	return true
}

func strlenCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeString)
	if !ok {
		return
	}
	if e == nil {
		c.addInt(0)
		return
	}
	c.addInt(int64(len(e.val)))
}

// getrangeCommand answers the bytes from start to end, both included;
// negative indexes count from the end, and the range is clipped to the
// value. SUBSTR is its old name.
func getrangeCommand(s *server, c *client, argv [][]byte) {
	start, ok1 := string2ll(argv[2])
	end, ok2 := string2ll(argv[3])
	if !ok1 || !ok2 {
		c.addError("ERR value is not an integer or out of range")
		return
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeString)
	if !ok {
		return
	}
	if e == nil {
		c.addBulk(nil)
		return
	}
	from, to, ok := clipRange(start, end, int64(len(e.val)))
	if !ok {
		c.addBulk(nil)
		return
	}
	c.addBulk(e.val[from : to+1])
}

// clipRange turns GETRANGE's indexes into a range of a value of length n,
// or reports that the range is empty. Like Redis, a range whose two ends
// are negative and reversed is empty before anything is clipped, and
// index arithmetic wraps as Redis's does on extreme values.
func clipRange(start, end, n int64) (from, to int64, ok bool) {
	if start < 0 && end < 0 && start > end {
		return 0, 0, false
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start = max(start, 0)
	end = max(end, 0)
	if end >= n {
		end = n - 1
	}
	if start > end || n == 0 {
		return 0, 0, false
	}
	return start, end, true
}

// setrangeCommand overwrites the value from offset on, padding with zero
// bytes first if the value is shorter, and creating the key if needed.
func setrangeCommand(s *server, c *client, argv [][]byte) {
	key, patch := argv[1], argv[3]
	offset, ok := string2ll(argv[2])
	if !ok {
		c.addError("ERR value is not an integer or out of range")
		return
	}
	if offset < 0 {
		c.addError("ERR offset is out of range")
		return
	}
	e, ok := s.lookupWriteOfType(c, key, typeString)
	if !ok {
		return
	}
	if len(patch) == 0 {
		// Writing nothing changes nothing, and creates no key.
		if e == nil {
			c.addInt(0)
		} else {
			c.addInt(int64(len(e.val)))
		}
		return
	}
	if !checkStringLength(s, c, offset, int64(len(patch))) {
		return
	}
	if e == nil {
		e = s.set(c.db, key, nil, false)
	}
	need := int(offset) + len(patch)
	if need > len(e.val) {
		e.val = growZeroed(e.val, need)
	}
	copy(e.val[offset:], patch)
	c.db.touch(string(key))
	c.addInt(int64(len(e.val)))
}

// growZeroed lengthens b to n bytes, the new ones zero. Memory past len(b)
// may hold an older, longer value (set reuses it), so it is cleared.
func growZeroed(b []byte, n int) []byte {
	if n <= cap(b) {
		old := len(b)
		b = b[:n]
		clear(b[old:])
		return b
	}
	grown := make([]byte, n)
	copy(grown, b)
	return grown
}
