package main

// The keyspace, after Redis's db.c: every command finds, creates and
// deletes keys through the functions here, so that the type check, expiry
// and "now" live in one place.

// entry is one value in the keyspace. A string keeps its bytes in val and
// leaves obj nil, so GET and SET touch one struct and allocate nothing;
// every other type is an object in obj (t_list.go, t_hash.go...). An entry
// is 64 bytes, a size class of Go's allocator (runtime/sizeclasses.go).
type entry struct {
	val      []byte
	obj      object
	expireAt int64 // when the key expires, in Unix milliseconds; 0: never
	// size is what the key and value cost, as memory.go counts it; -1
	// once the key is deleted. lru is the last access, for eviction
	// (evict.go): Redis's robj.lru.
	size int64
	lru  uint32
}

// object is the value of a key of any type but string.
type object interface {
	// kind is the value's type: typeList, typeHash...
	kind() *valueType
	// length counts the elements; a key whose value has none is deleted
	// (deleteIfEmpty), as Redis never keeps an empty list or hash.
	length() int
	// dup is a deep copy, for COPY.
	dup() object
	// encoding is what OBJECT ENCODING answers: our structure's name.
	encoding() string
	// memory is what the value costs, in bytes (memory.go).
	memory() int64
}

// valueType is one of Redis's types, as TYPE names it. Each type file
// declares its own (typeList in t_list.go...).
type valueType struct {
	name string
	// create makes an empty value, for lookupOrCreate.
	create func() object
}

var typeString = &valueType{name: "string"}

// kind is e's type.
func (e *entry) kind() *valueType {
	if e.obj == nil {
		return typeString
	}
	return e.obj.kind()
}

// typeName is what TYPE answers for e, which may be nil.
func typeName(e *entry) string {
	if e == nil {
		return "none"
	}
	return e.kind().name
}

// wrongTypeError is Redis's shared.wrongtypeerr, answered by every command
// given a key of another type than its own.
const wrongTypeError = "WRONGTYPE Operation against a key holding the wrong kind of value"

// db is one of Redis's numbered databases (SELECT n).
type db struct {
	id   int
	dict map[string]*entry
	// expires holds the keys of dict that have a TTL, so that active
	// expiry can sample them without walking every key (Redis keeps the
	// same second dictionary).
	expires map[string]*entry
	// keys orders the keys for SCAN (scan_index.go). It is made by the
	// first SCAN, so a database nobody scans pays nothing for it.
	keys *keyIndex
	// watched is every key some client WATCHes, with those clients
	// (multi.go): Redis's db->watched_keys.
	watched map[string][]*watchedKey
	// blocking is every key some client waits on in BLPOP and the like,
	// with those clients in the order they blocked; ready, the ones of
	// them created since (blocked.go). Redis's blocking_keys, ready_keys.
	blocking map[string][]*client
	ready    []string
	// usedBytes is what the keys here cost (memory.go); mem is the
	// server's count, shared by every database.
	usedBytes int64
	mem       *keyspaceMemory
}

func newDB(id int, mem *keyspaceMemory) *db {
	return &db{id: id, dict: map[string]*entry{}, expires: map[string]*entry{}, mem: mem}
}

// lookupRead finds key, of any type, for a command that reads it,
// counting the hit or miss for INFO, like Redis's lookupKeyRead.
func (s *server) lookupRead(d *db, key []byte) *entry {
	e := s.lookupReadNoTouch(d, key)
	if e != nil {
		s.touchLRU(e)
	}
	return e
}

// lookupReadNoTouch is lookupRead for the commands that look at a key
// without using it (EXISTS, TYPE, TTL, OBJECT): Redis's LOOKUP_NOTOUCH.
// The key's access time stays, so they do not save it from eviction.
func (s *server) lookupReadNoTouch(d *db, key []byte) *entry {
	e := s.lookupKey(d, key)
	if e == nil {
		s.stats.keyspaceMisses++
	} else {
		s.stats.keyspaceHits++
	}
	return e
}

// lookupWrite finds key, of any type, deleting it first if its time is up:
// passive expiry, Redis's expireIfNeeded. A client can never see an
// expired key, even before active expiry has come round to it. Commands
// that may change the key use it (Redis's lookupKeyWrite): they count no
// hit or miss. Finding the key is not writing it: a command that does
// change it calls d.touch itself, as Redis's call signalModifiedKey only
// once they have written, so that a SREM of a missing member or an
// EXPIRE NX that does nothing leaves every WATCH standing.
func (s *server) lookupWrite(d *db, key []byte) *entry {
	e := s.lookupKey(d, key)
	if e != nil {
		s.touchLRU(e)
		d.mem.changed(d, e, key) // memory.go: it may change, so its cost is counted again
	}
	return e
}

// lookupKey is the lookup both share: passive expiry, nothing counted.
// A command that only asks whether a key exists before
// it writes (SET NX, RENAME NX) uses it.
func (s *server) lookupKey(d *db, key []byte) *entry {
	e := d.dict[string(key)] // indexing with string(key) does not allocate
	if e == nil {
		return nil
	}
	if e.expireAt != 0 && e.expireAt <= s.clock.ms {
		s.deleteExpired(d, string(key))
		return nil
	}
	return e
}

// lookupReadOfType is lookupRead for a command that works on one type. A
// key of another type answers WRONGTYPE and ok is false: the command has
// replied and must stop. A missing key is (nil, true).
func (s *server) lookupReadOfType(c *client, key []byte, t *valueType) (e *entry, ok bool) {
	return checkType(c, s.lookupRead(c.db, key), t)
}

// lookupWriteOfType is lookupWrite with the type check of lookupReadOfType.
func (s *server) lookupWriteOfType(c *client, key []byte, t *valueType) (e *entry, ok bool) {
	return checkType(c, s.lookupWrite(c.db, key), t)
}

// lookupOrCreate finds key for a command that adds to it (LPUSH, HSET),
// making an empty value of type t if the key is missing. A key of another
// type answers WRONGTYPE and returns nil. A value made here that the
// command leaves empty must go with deleteIfEmpty.
func (s *server) lookupOrCreate(c *client, key []byte, t *valueType) *entry {
	e, ok := s.lookupWriteOfType(c, key, t)
	if !ok {
		return nil
	}
	if e == nil {
		e = &entry{obj: t.create()}
		c.db.insert(string(key), e)
	}
	return e
}

// checkType is Redis's checkType, the one place WRONGTYPE comes from.
func checkType(c *client, e *entry, t *valueType) (*entry, bool) {
	if e != nil && e.kind() != t {
		c.addError(wrongTypeError)
		return nil, false
	}
	return e, true
}

// deleteIfEmpty deletes key, and its TTL with it, once the last element of
// its value is gone: Redis removes an empty list or hash at once, so that
// EXISTS, TYPE and SCAN never see one.
func (s *server) deleteIfEmpty(d *db, key []byte, e *entry) {
	if e.obj != nil && e.obj.length() == 0 {
		d.remove(string(key))
	}
}

// set stores the string val under key, copying it (the request's bytes are
// reused for the next one), whatever type the key held. Like Redis's
// setKey, it drops an old TTL unless keepTTL.
func (s *server) set(d *db, key, val []byte, keepTTL bool) *entry {
	if e := d.dict[string(key)]; e != nil {
		d.touch(string(key))
		s.touchLRU(e)
		d.mem.changed(d, e, key)
		e.val = reuseOrCopy(e.val, val)
		e.obj = nil // a list or hash that was here is now a string
		if !keepTTL && e.expireAt != 0 {
			e.expireAt = 0
			delete(d.expires, string(key))
		}
		return e
	}
	e := &entry{val: append([]byte(nil), val...)}
	d.insert(string(key), e)
	return e
}

// reuseOrCopy copies val into old's memory when it fits there well (not
// wasting more than half of it), or into new memory.
func reuseOrCopy(old, val []byte) []byte {
	if cap(old) >= len(val) && cap(old) <= 2*len(val)+64 {
		return append(old[:0], val...)
	}
	return append([]byte(nil), val...)
}

// insert puts an entry under a new key, keeping its TTL. Every new key
// comes through here, so the SCAN index hears of each.
func (d *db) insert(key string, e *entry) {
	d.dict[key] = e
	d.mem.inserted(d, e, key)
	d.touch(key)
	d.signalReady(key)
	if e.expireAt != 0 {
		d.expires[key] = e
	}
	if d.keys != nil {
		d.keys.added(key)
	}
}

// setExpire gives key a TTL, as an absolute time in Unix milliseconds.
func (d *db) setExpire(key string, e *entry, at int64) {
	if e.expireAt == 0 {
		d.expires[key] = e
		d.mem.changedKey(d, e, key)
	}
	e.expireAt = at
	d.touch(key)
}

// persist removes key's TTL, and reports whether it had one.
func (d *db) persist(key string, e *entry) bool {
	if e.expireAt == 0 {
		return false
	}
	e.expireAt = 0
	delete(d.expires, key)
	d.mem.changedKey(d, e, key)
	d.touch(key)
	return true
}

// remove deletes key, and reports whether it was there. It does not look
// at the TTL: callers that must not see an expired key look it up first.
func (d *db) remove(key string) bool {
	e := d.dict[key]
	if e == nil {
		return false
	}
	delete(d.dict, key)
	d.mem.removed(d, e)
	d.touch(key)
	if e.expireAt != 0 {
		delete(d.expires, key)
	}
	if d.keys != nil {
		d.keys.removed(key)
	}
	return true
}

// deleteExpired removes a key whose time is up and counts it for INFO.
func (s *server) deleteExpired(d *db, key string) {
	d.remove(key)
	s.stats.expiredKeys++
}

// flush empties the database.
func (d *db) flush() {
	d.touchAll()
	d.mem.flushed(d)
	d.dict = map[string]*entry{}
	d.expires = map[string]*entry{}
	d.keys = nil
}
