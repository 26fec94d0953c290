package main

import (
	"math"
	"sort"
)

// Why SCAN needs an index of its own
//
// SCAN promises that a full iteration, from cursor 0 back to cursor 0,
// returns every key that was there the whole time, even if other clients
// add and delete keys between the calls, and returns no key twice if
// nobody does. The cursor is all the server is told between calls.
//
// Redis keeps that promise with the layout of its own hash table: the
// cursor is a bucket number, counted with its bits reversed so that a
// table that grows or shrinks between calls keeps the meaning of the
// cursor (Redis's dictScan). A Go map hides its buckets and starts every
// range at a random place, so it cannot resume anything. Sorting a
// snapshot of the keys on every call would keep the promise at O(n log n)
// a call: a full scan of a million keys in pages of ten would sort a
// million keys a hundred thousand times.
//
// keyIndex gives each key a sequence number when it enters the index,
// counting up from 1 and never reused, and keeps the keys in that order.
// The cursor is the sequence number to go on from: a call binary-searches
// it and reads the next keys, O(log n + COUNT). A key present for the whole
// scan keeps its number, and every number is passed exactly once, so it is
// returned exactly once. A key deleted and added again gets a new, larger
// number and may be returned twice, which SCAN allows. Deleted keys leave
// tombstones, dropped once they are half the slots; that moves keys in the
// slice but not their numbers, so cursors held by clients stay good.
type keyIndex struct {
	slots   []indexSlot       // by seq, ascending; some are tombstones
	seqOf   map[string]uint64 // the live slot of each key
	lastSeq uint64
	dead    int // tombstones in slots
}

type indexSlot struct {
	seq uint64
	key string
}

func newKeyIndex() *keyIndex { return &keyIndex{seqOf: map[string]uint64{}} }

// added records a new key at the end of the order.
func (x *keyIndex) added(key string) {
	if _, ok := x.seqOf[key]; ok {
		return
	}
	x.lastSeq++
	x.seqOf[key] = x.lastSeq
	x.slots = append(x.slots, indexSlot{seq: x.lastSeq, key: key})
}

// removed forgets key; its slot becomes a tombstone.
func (x *keyIndex) removed(key string) {
	if _, ok := x.seqOf[key]; ok {
		delete(x.seqOf, key)
		x.dead++
	}
}

// live reports whether slot still holds a key: one that has been neither
// removed nor removed and added again since.
func (x *keyIndex) live(slot indexSlot) bool {
	seq, ok := x.seqOf[slot.key]
	return ok && seq == slot.seq
}

// compact drops the tombstones once they are at least half the slots, so
// the cost is O(1) per deletion over time.
func (x *keyIndex) compact() {
	if x.dead < 64 || 2*x.dead < len(x.slots) {
		return
	}
	kept := x.slots[:0]
	for _, slot := range x.slots {
		if x.live(slot) {
			kept = append(kept, slot)
		}
	}
	clear(x.slots[len(kept):]) // let the deleted keys' strings be freed
	x.slots = kept
	x.dead = 0
}

// scan returns the next count live keys from cursor on, and the cursor
// that follows them: 0 when the end has been reached.
func (x *keyIndex) scan(cursor uint64, count int64) ([]string, uint64) {
	x.compact()
	i := sort.Search(len(x.slots), func(i int) bool { return x.slots[i].seq >= cursor })
	// Like Redis's maxiterations, bound the tombstones a call may step
	// over too, so that one call stays short after mass deletion.
	steps := int64(math.MaxInt64)
	if count < math.MaxInt64/10 {
		steps = count * 10
	}
	keys := make([]string, 0, min(count, 256))
	for ; i < len(x.slots) && int64(len(keys)) < count && steps > 0; i++ {
		steps--
		if x.live(x.slots[i]) {
			keys = append(keys, x.slots[i].key)
		}
	}
	if i == len(x.slots) {
		return keys, 0
	}
	return keys, x.slots[i].seq
}

// scanIndex returns d's index, made and filled by the first SCAN of d;
// from then on db.go tells it of every key that comes or goes.
func (s *server) scanIndex(d *db) *keyIndex {
	if d.keys == nil {
		d.keys = newKeyIndex()
		for key := range d.dict {
			d.keys.added(key)
		}
	}
	return d.keys
}
