package main

import "time"

// entry is one value in the keyspace. This chapter has one type, the
// string; an exercise adds a second, and with it WRONGTYPE.
type entry struct {
	val      []byte
	expireAt int64 // when the key expires, in Unix milliseconds; 0: never
}

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
}

func newDB(id int) *db {
	return &db{id: id, dict: map[string]*entry{}, expires: map[string]*entry{}}
}

// mstime is the clock expiry is measured by: Unix time in milliseconds.
func mstime() int64 { return time.Now().UnixMilli() }

// lookupRead finds key for a command that reads it, counting the hit or
// miss for INFO, like Redis's lookupKeyRead.
func (s *server) lookupRead(d *db, key []byte) *entry {
	e := s.lookup(d, key)
	if e == nil {
		s.stats.keyspaceMisses++
	} else {
		s.stats.keyspaceHits++
	}
	return e
}

// lookup finds key, deleting it first if its time is up: passive expiry,
// Redis's expireIfNeeded. A client can never see an expired key, even
// before active expiry has come round to it.
func (s *server) lookup(d *db, key []byte) *entry {
	e := d.dict[string(key)] // indexing with string(key) does not allocate
	if e == nil {
		return nil
	}
	if e.expireAt != 0 && e.expireAt <= mstime() {
		s.deleteExpired(d, string(key))
		return nil
	}
	return e
}

// set stores val under key, copying it (the request's bytes are reused for
// the next one). Like Redis's setKey, it drops an old TTL unless keepTTL.
func (s *server) set(d *db, key, val []byte, keepTTL bool) *entry {
	if e := d.dict[string(key)]; e != nil {
		// Reuse the old value's memory when the new one fits it well.
		if cap(e.val) >= len(val) && cap(e.val) <= 2*len(val)+64 {
			e.val = append(e.val[:0], val...)
		} else {
			e.val = append([]byte(nil), val...)
		}
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

// insert puts an entry under a new key, keeping its TTL. Every new key
// comes through here or set, so the SCAN index hears of each.
func (d *db) insert(key string, e *entry) {
	d.dict[key] = e
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
	}
	e.expireAt = at
}

// persist removes key's TTL, and reports whether it had one.
func (d *db) persist(key string, e *entry) bool {
	if e.expireAt == 0 {
		return false
	}
	e.expireAt = 0
	delete(d.expires, key)
	return true
}

// remove deletes key, and reports whether it was there. It does not look
// at the TTL: callers that must not see an expired key use lookup first.
func (d *db) remove(key string) bool {
	e := d.dict[key]
	if e == nil {
		return false
	}
	delete(d.dict, key)
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
	d.dict = map[string]*entry{}
	d.expires = map[string]*entry{}
	d.keys = nil
}
