package main

import (
	"math"
	"strconv"
)

// Hash commands, after Redis's t_hash.c.
var hashCommands = []*command{
	{name: "hset", arity: -4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hsetCommand},
	{name: "hmset", arity: -4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hmsetCommand},
	{name: "hsetnx", arity: 4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hsetnxCommand},
	{name: "hget", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hgetCommand},
	{name: "hmget", arity: -3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hmgetCommand},
	{name: "hdel", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hdelCommand},
	{name: "hlen", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hlenCommand},
	{name: "hstrlen", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hstrlenCommand},
	{name: "hexists", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hexistsCommand},
	{name: "hgetall", arity: 2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: hgetallCommand},
	{name: "hkeys", arity: 2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: hkeysCommand},
	{name: "hvals", arity: 2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: hvalsCommand},
	{name: "hincrby", arity: 4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hincrbyCommand},
	{name: "hincrbyfloat", arity: 4, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: hincrbyfloatCommand},
	{name: "hrandfield", arity: -2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: hrandfieldCommand},
	{name: "hscan", arity: -3, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: hscanCommand},
}

// hash is the value of a Redis hash: a Go map from field to value. Redis
// keeps a small hash as one packed listpack and a big one as a hash table
// (t_hash.c); a map is the hash table, for every size.
type hash struct {
	fields map[string][]byte
	bytes  int64 // the fields' and values' own memory, for memory.go
	// index orders the fields for HSCAN of a big hash, as the keyspace's
	// does for SCAN (scan_index.go); nil until the first such HSCAN.
	index *keyIndex
}

var typeHash = &valueType{name: "hash", create: func() object { return &hash{fields: map[string][]byte{}} }}

func (h *hash) kind() *valueType { return typeHash }
func (h *hash) length() int      { return len(h.fields) }
func (h *hash) encoding() string { return "hashtable" }

func (h *hash) dup() object {
	d := &hash{fields: make(map[string][]byte, len(h.fields))}
	for field, value := range h.fields {
		d.fields[field] = append([]byte(nil), value...)
		d.bytes += int64(len(field) + cap(d.fields[field]))
	}
	return d
}

func hashOf(e *entry) *hash { return e.obj.(*hash) }

// set stores a copy of value under field, and reports whether the field
// is new.
func (h *hash) set(field, value []byte) bool {
	if old, ok := h.fields[string(field)]; ok {
		v := reuseOrCopy(old, value)
		h.fields[string(field)] = v
		h.bytes += int64(cap(v) - cap(old))
		return false
	}
	v := append([]byte(nil), value...)
	h.fields[string(field)] = v
	h.bytes += int64(len(field) + cap(v))
	if h.index != nil {
		h.index.added(string(field))
	}
	return true
}

// del removes field, and reports whether it was there.
func (h *hash) del(field []byte) bool {
	v, ok := h.fields[string(field)]
	if !ok {
		return false
	}
	h.bytes -= int64(len(field) + cap(v))
	delete(h.fields, string(field))
	if h.index != nil {
		h.index.removed(string(field))
	}
	return true
}

// hsetCommand is HSET key field value [field value ...], answering how
// many fields are new; HMSET, its older form, answers OK.
func hsetCommand(s *server, c *client, argv [][]byte) {
	if created, ok := hsetGeneric(s, c, argv); ok {
		c.addInt(int64(created))
	}
}

func hmsetCommand(s *server, c *client, argv [][]byte) {
	if _, ok := hsetGeneric(s, c, argv); ok {
		c.addOK()
	}
}

func hsetGeneric(s *server, c *client, argv [][]byte) (created int, ok bool) {
	if len(argv)%2 != 0 {
		c.addError(arityError(c.lastCmd))
		return 0, false
	}
	e := s.lookupOrCreate(c, argv[1], typeHash)
	if e == nil {
		return 0, false
	}
	h := hashOf(e)
	for i := 2; i < len(argv); i += 2 {
		if h.set(argv[i], argv[i+1]) {
			created++
		}
	}
	c.db.touch(string(argv[1]))
	return created, true
}

func hsetnxCommand(s *server, c *client, argv [][]byte) {
	e := s.lookupOrCreate(c, argv[1], typeHash)
	if e == nil {
		return
	}
	h := hashOf(e)
	if _, ok := h.fields[string(argv[2])]; ok {
		c.addInt(0)
		return
	}
	h.set(argv[2], argv[3])
	c.db.touch(string(argv[1]))
	c.addInt(1)
}

func hgetCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	if !ok {
		return
	}
	addHashField(c, e, argv[2])
}

// hmgetCommand answers a null for each field of a missing key, as Redis.
func hmgetCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	if !ok {
		return
	}
	c.addArrayLen(len(argv) - 2)
	for _, field := range argv[2:] {
		addHashField(c, e, field)
	}
}

// addHashField answers field's value in e, which may be nil, or a null.
func addHashField(c *client, e *entry, field []byte) {
	if e != nil {
		if v, ok := hashOf(e).fields[string(field)]; ok {
			c.addBulk(v)
			return
		}
	}
	c.addNull()
}

func hdelCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupWriteOfType(c, argv[1], typeHash)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	deleted := 0
	for _, field := range argv[2:] {
		if hashOf(e).del(field) {
			deleted++
		}
	}
	if deleted > 0 {
		c.db.touch(string(argv[1]))
	}
	s.deleteIfEmpty(c.db, argv[1], e)
	c.addInt(int64(deleted))
}

func hlenCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	switch {
	case !ok:
	case e == nil:
		c.addInt(0)
	default:
		c.addInt(int64(len(hashOf(e).fields)))
	}
}

func hstrlenCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	switch {
	case !ok:
	case e == nil:
		c.addInt(0)
	default:
		c.addInt(int64(len(hashOf(e).fields[string(argv[2])])))
	}
}

func hexistsCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	switch {
	case !ok:
	case e == nil:
		c.addInt(0)
	default:
		_, found := hashOf(e).fields[string(argv[2])]
		c.addInt(boolInt(found))
	}
}

func hgetallCommand(s *server, c *client, argv [][]byte) { hashGetAll(s, c, argv, true, true) }
func hkeysCommand(s *server, c *client, argv [][]byte)   { hashGetAll(s, c, argv, true, false) }
func hvalsCommand(s *server, c *client, argv [][]byte)   { hashGetAll(s, c, argv, false, true) }

// hashGetAll answers fields, values or both, in the map's order, which Go
// makes different on every walk: Redis's order is its hash table's, and
// no client may rely on it either.
func hashGetAll(s *server, c *client, argv [][]byte, fields, values bool) {
	e, ok := s.lookupReadOfType(c, argv[1], typeHash)
	switch {
	case !ok:
		return
	case e == nil:
		c.addArrayLen(0)
		return
	}
	h := hashOf(e)
	n := len(h.fields)
	if fields && values {
		n *= 2
	}
	c.addArrayLen(n)
	for field, value := range h.fields {
		if fields {
			c.addBulkString(field)
		}
		if values {
			c.addBulk(value)
		}
	}
}

// hincrbyCommand adds to a field holding an integer, as INCRBY does to a
// string, creating the key and the field at 0 if needed.
func hincrbyCommand(s *server, c *client, argv [][]byte) {
	by, ok := indexOrReply(c, argv[3])
	if !ok {
		return
	}
	e := s.lookupOrCreate(c, argv[1], typeHash)
	if e == nil {
		return
	}
	h := hashOf(e)
	var value int64
	if old, found := h.fields[string(argv[2])]; found {
		if value, ok = string2ll(old); !ok {
			c.addError("ERR hash value is not an integer")
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
	h.set(argv[2], strconv.AppendInt(digits[:0], value, 10))
	c.db.touch(string(argv[1]))
	c.addInt(value)
}

// hincrbyfloatCommand adds in long double, as INCRBYFLOAT does
// (t_string_float.go), and stores the sum as Redis prints it.
func hincrbyfloatCommand(s *server, c *client, argv [][]byte) {
	by, ok := parseLongDouble(argv[3])
	if !ok {
		c.addError("ERR value is not a valid float")
		return
	}
	if by.IsInf() {
		c.addError("ERR value is NaN or Infinity")
		return
	}
	e := s.lookupOrCreate(c, argv[1], typeHash)
	if e == nil {
		return
	}
	h := hashOf(e)
	value := ldZero()
	if old, found := h.fields[string(argv[2])]; found {
		if value, ok = parseLongDouble(old); !ok {
			c.addError("ERR hash value is not a float")
			return
		}
	}
	sum, ok := ldAdd(value, by)
	if !ok {
		c.addError("ERR increment would produce NaN or Infinity")
		return
	}
	var buf [64]byte
	digits := formatLongDouble(buf[:0], sum)
	h.set(argv[2], digits)
	c.db.touch(string(argv[1]))
	c.addBulk(digits)
}
