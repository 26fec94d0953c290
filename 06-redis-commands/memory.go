package main

import "unsafe"

// How much memory the keyspace uses, counted by the server itself, for
// -maxmemory (evict.go), INFO memory and MEMORY USAGE (cmd_memory.go).
//
// Redis asks its allocator: every zmalloc adds the block's size to a
// counter (zmalloc.c), so used_memory is exact at every instant. Go's
// allocator has no such counter that is cheap to read: runtime.MemStats
// stops the world to fill itself, and its HeapAlloc counts garbage not yet
// collected, so it lags behind deletes by a whole GC cycle and would make
// eviction free keys that are already gone. So each key carries its own
// cost, e.size: the entry, its slot in the dictionary, the key's bytes and
// the value's, estimated from the sizes of the Go structures that hold
// them. Every value type keeps a running count of its elements' bytes
// (list.bytes, hash.bytes...), updated as elements come and go, so a key's
// cost is recomputed in O(1) however big its value.
//
// A command that changes a key reports it (lookupWrite, set, insert,
// setExpire and persist do it for every command); when the command is
// done, settleMemory recomputes the cost of each key reported and adds the
// difference to the database's count. Deleting a key subtracts its cost
// at once. So after every command, used memory is the sum of the costs of
// the keys, without ever walking them.
//
// What is not counted: client buffers, the SCAN indexes (scan_index.go),
// and the Go runtime's own overheads (free space in spans, garbage not yet
// collected). The lesson compares the estimate with the heap's growth.

// keyspaceMemory is the server's count, shared by its databases.
type keyspaceMemory struct {
	used int64 // the sum of every database's usedBytes
	peak int64 // the most used has been, after a command
	// pending are the keys changed by the running command, to recount
	// when it is done.
	pending []changedKey
}

// changedKey is a key a command reported changed. The name is kept as the
// request's bytes when it came from them (they stay valid until the
// command is done, and converting would allocate), or as a string.
type changedKey struct {
	d        *db
	e        *entry
	name     string
	nameArg  []byte
	fromArgv bool
	// fresh: a new entry, which gets its first access time.
	fresh bool
}

// changed reports that the command is changing e, under key.
func (m *keyspaceMemory) changed(d *db, e *entry, key []byte) {
	m.pending = append(m.pending, changedKey{d: d, e: e, nameArg: key, fromArgv: true})
}

// changedKey is changed for a key held as a string.
func (m *keyspaceMemory) changedKey(d *db, e *entry, key string) {
	m.pending = append(m.pending, changedKey{d: d, e: e, name: key})
}

// inserted reports e newly under key: a new entry (size 0), or one that
// a RENAME or MOVE took from another name (size -1, its cost already
// subtracted there).
func (m *keyspaceMemory) inserted(d *db, e *entry, key string) {
	fresh := e.size == 0
	e.size = 0
	m.pending = append(m.pending, changedKey{d: d, e: e, name: key, fresh: fresh})
}

// removed subtracts the cost of a deleted key.
func (m *keyspaceMemory) removed(d *db, e *entry) {
	d.usedBytes -= e.size
	m.used -= e.size
	e.size = -1
}

// flushed subtracts a whole database's cost, for FLUSHDB and FLUSHALL.
func (m *keyspaceMemory) flushed(d *db) {
	m.used -= d.usedBytes
	d.usedBytes = 0
}

// settleMemory recounts the keys the command changed. A key since deleted,
// or replaced by another entry, is skipped: its cost went with it.
func (s *server) settleMemory() {
	if len(s.mem.pending) > 0 { // small enough to inline: most commands write nothing
		s.settlePending()
	}
}

func (s *server) settlePending() {
	m := &s.mem
	for i := range m.pending {
		p := &m.pending[i]
		var live bool
		var keyLen int
		if p.fromArgv {
			live, keyLen = p.d.dict[string(p.nameArg)] == p.e, len(p.nameArg)
		} else {
			live, keyLen = p.d.dict[p.name] == p.e, len(p.name)
		}
		if live {
			if p.fresh {
				p.e.lru = s.newLRU()
			}
			size := entryCost(keyLen, p.e)
			p.d.usedBytes += size - p.e.size
			m.used += size - p.e.size
			p.e.size = size
		}
		*p = changedKey{} // let the entry go if it was deleted
	}
	m.pending = m.pending[:0]
	m.peak = max(m.peak, m.used)
}

// The sizes the estimates are built from, for 64-bit platforms. A Go map
// (internal/runtime/maps) stores each key and value in a slot with one
// control byte, and grows when it is 7/8 full: a slot costs at least 8/7
// of its size.
const (
	entryBytes   = int64(unsafe.Sizeof(entry{}))
	stringHeader = int64(unsafe.Sizeof(""))
	sliceHeader  = int64(unsafe.Sizeof([]byte(nil)))
	pointerBytes = int64(unsafe.Sizeof(&entry{}))
	// dictSlotBytes is a key's slot in db.dict (or db.expires).
	dictSlotBytes = (stringHeader + pointerBytes + 1) * 8 / 7
)

// mapSlot is the cost of one slot of a map whose keys are strings and
// whose values are valueBytes big.
func mapSlot(valueBytes int64) int64 { return (stringHeader + valueBytes + 1) * 8 / 7 }

// entryCost is what a key of keyLen bytes with entry e costs.
func entryCost(keyLen int, e *entry) int64 {
	size := entryBytes + dictSlotBytes + int64(keyLen)
	if e.expireAt != 0 {
		size += dictSlotBytes
	}
	if e.obj == nil {
		return size + int64(cap(e.val))
	}
	return size + e.obj.memory()
}

// usedMemory is what every key costs, as INFO's used_memory reports it.
func (s *server) usedMemory() int64 { return s.mem.used }

// The value types' costs: their structures plus the running count of
// their elements' bytes.

func (l *list) memory() int64 {
	return int64(unsafe.Sizeof(*l)) + int64(len(l.ring))*sliceHeader + l.bytes
}

func (h *hash) memory() int64 {
	return int64(unsafe.Sizeof(*h)) + int64(len(h.fields))*mapSlot(sliceHeader) + h.bytes
}

func (st *set) memory() int64 {
	return int64(unsafe.Sizeof(*st)) + int64(cap(st.members))*stringHeader +
		int64(len(st.pos))*mapSlot(int64(unsafe.Sizeof(0))) + st.bytes
}

func (z *zset) memory() int64 {
	return int64(unsafe.Sizeof(*z)) + int64(unsafe.Sizeof(skiplist{})) + int64(len(z.nodes))*mapSlot(pointerBytes) + z.bytes
}

// recountedCost is entryCost with the elements' bytes counted again, one
// by one, rather than read from the value's running count: MEMORY USAGE
// key SAMPLES 0 answers it, which lets a test catch a count gone wrong.
func recountedCost(keyLen int, e *entry) int64 {
	size := entryCost(keyLen, e)
	var counted, walked int64
	switch v := e.obj.(type) {
	case *list:
		counted = v.bytes
		for i := range v.n {
			walked += int64(cap(v.at(i)))
		}
	case *hash:
		counted = v.bytes
		for field, value := range v.fields {
			walked += int64(len(field) + cap(value))
		}
	case *set:
		counted = v.bytes
		for _, m := range v.members {
			walked += int64(len(m))
		}
	case *zset:
		counted = v.bytes
		for _, x := range v.nodes {
			walked += zslNodeBytes(x)
		}
	}
	return size - counted + walked
}

// zslNodeBytes is what one member of a sorted set costs beyond its map
// slot: its node, its levels and its string.
func zslNodeBytes(x *zslNode) int64 {
	return int64(unsafe.Sizeof(*x)) + int64(cap(x.level))*int64(unsafe.Sizeof(zslLevel{})) + int64(len(x.member))
}
