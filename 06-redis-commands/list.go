package main

// list is the value of a Redis list: a double-ended queue in a ring
// buffer. Pushing or popping at either end is O(1) (amortised over the
// doublings), and so is reaching the element at any index, which LINDEX,
// LSET and LRANGE's start need. Redis's quicklist (quicklist.c) is a
// linked list of packed chunks instead: smaller for millions of short
// elements, but O(n) to reach the middle. A ring is one slice of slice
// headers (24 bytes an element, plus the element's own bytes) and code a
// reader can check in a few minutes; inserting or removing in the middle
// (LINSERT, LREM) moves the elements after it, O(n), as in Redis.
type list struct {
	ring [][]byte // len(ring) is 0 or a power of two
	head int      // index in ring of the first element
	n    int      // elements in use
	// bytes counts the elements' own memory, for memory.go.
	bytes int64
}

var typeList = &valueType{name: "list", create: func() object { return &list{} }}

func (l *list) kind() *valueType { return typeList }
func (l *list) length() int      { return l.n }
func (l *list) encoding() string { return "ringbuffer" }

func (l *list) dup() object {
	d := &list{ring: make([][]byte, len(l.ring)), n: l.n}
	for i := range l.n {
		d.ring[i] = append([]byte(nil), l.at(i)...)
		d.bytes += int64(cap(d.ring[i]))
	}
	return d
}

// slot is the position in ring of the element at index i (0 <= i < n).
func (l *list) slot(i int) int { return (l.head + i) & (len(l.ring) - 1) }

// at returns the element at index i, 0 <= i < n.
func (l *list) at(i int) []byte { return l.ring[l.slot(i)] }

// set puts v at index i, for the moves inside the list.
func (l *list) set(i int, v []byte) { l.ring[l.slot(i)] = v }

// replace puts v in the place of the element at index i (LSET).
func (l *list) replace(i int, v []byte) {
	l.bytes += int64(cap(v)) - int64(cap(l.at(i)))
	l.set(i, v)
}

// resize moves the elements to a ring of size capacity, head at 0.
func (l *list) resize(capacity int) {
	ring := make([][]byte, capacity)
	for i := 0; i < l.n; i++ {
		ring[i] = l.at(i)
	}
	l.ring = ring
	l.head = 0
}

func (l *list) grow() {
	if l.n == len(l.ring) {
		l.resize(max(4, 2*len(l.ring)))
	}
}

// shrink gives memory back once the list uses a quarter of its ring, so a
// list that once held a million elements does not keep the ring for ever.
func (l *list) shrink() {
	if len(l.ring) > 16 && l.n <= len(l.ring)/4 {
		l.resize(len(l.ring) / 2)
	}
}

func (l *list) pushFront(v []byte) {
	l.grow()
	l.head = (l.head - 1) & (len(l.ring) - 1)
	l.ring[l.head] = v
	l.n++
	l.bytes += int64(cap(v))
}

func (l *list) pushBack(v []byte) {
	l.grow()
	l.ring[l.slot(l.n)] = v
	l.n++
	l.bytes += int64(cap(v))
}

// popFront removes and returns the first element; the list is not empty.
func (l *list) popFront() []byte {
	v := l.ring[l.head]
	l.bytes -= int64(cap(v))
	l.ring[l.head] = nil // let the element's bytes be freed
	l.head = l.slot(1)
	l.n--
	l.shrink()
	return v
}

// popBack removes and returns the last element; the list is not empty.
func (l *list) popBack() []byte {
	i := l.slot(l.n - 1)
	v := l.ring[i]
	l.bytes -= int64(cap(v))
	l.ring[i] = nil
	l.n--
	l.shrink()
	return v
}

// push adds v at the head (LPUSH) or the tail (RPUSH).
func (l *list) push(v []byte, atHead bool) {
	if atHead {
		l.pushFront(v)
	} else {
		l.pushBack(v)
	}
}

// pop removes an element from the head (LPOP) or the tail (RPOP).
func (l *list) pop(atHead bool) []byte {
	if atHead {
		return l.popFront()
	}
	return l.popBack()
}

// insert puts v at index i (0 <= i <= n), moving the elements after it.
func (l *list) insert(i int, v []byte) {
	l.pushBack(nil)
	for j := l.n - 1; j > i; j-- {
		l.set(j, l.at(j-1))
	}
	l.set(i, v)
	l.bytes += int64(cap(v))
}

// filter keeps the elements for which keep returns true, in order, and
// returns how many it removed.
func (l *list) filter(keep func(i int, v []byte) bool) int {
	kept := 0
	for i := 0; i < l.n; i++ {
		if v := l.at(i); keep(i, v) {
			l.set(kept, v)
			kept++
		} else {
			l.bytes -= int64(cap(v))
		}
	}
	removed := l.n - kept
	for i := kept; i < l.n; i++ {
		l.set(i, nil)
	}
	l.n = kept
	l.shrink()
	return removed
}

// trim removes front elements from the head and back from the tail;
// together they are at most n.
func (l *list) trim(front, back int) {
	for range back {
		l.popBack()
	}
	for range front {
		l.popFront()
	}
}
