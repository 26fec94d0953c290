package main

import (
	"math"
	"math/rand/v2"
)

// Sets, after Redis's t_set.c. Every row has Redis 7.0's arity, flags and
// key positions, as COMMAND INFO shows them.
var setCommands = []*command{
	{name: "sadd", arity: -3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: saddCommand},
	{name: "srem", arity: -3, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: sremCommand},
	{name: "smembers", arity: 2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: smembersCommand},
	{name: "sismember", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: sismemberCommand},
	{name: "smismember", arity: -3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: smismemberCommand},
	{name: "scard", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: scardCommand},
	{name: "spop", arity: -2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: spopCommand},
	{name: "srandmember", arity: -2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: srandmemberCommand},
	{name: "smove", arity: 4, flags: writeNoOOMFast, firstKey: 1, lastKey: 2, keyStep: 1, proc: smoveCommand},
	{name: "sscan", arity: -3, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: sscanCommand},
	{name: "sinter", arity: -2, flags: readonlySlow, firstKey: 1, lastKey: -1, keyStep: 1, proc: sinterCommand},
	{name: "sintercard", arity: -3, flags: []string{"readonly", "movablekeys"}, proc: sintercardCommand},
	{name: "sunion", arity: -2, flags: readonlySlow, firstKey: 1, lastKey: -1, keyStep: 1, proc: sunionCommand},
	{name: "sdiff", arity: -2, flags: readonlySlow, firstKey: 1, lastKey: -1, keyStep: 1, proc: sdiffCommand},
	{name: "sinterstore", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: -1, keyStep: 1, proc: sinterstoreCommand},
	{name: "sunionstore", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: -1, keyStep: 1, proc: sunionstoreCommand},
	{name: "sdiffstore", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: -1, keyStep: 1, proc: sdiffstoreCommand},
}

// set is a set of strings. A Go map alone would answer membership, but
// SPOP and SRANDMEMBER need a member picked at random, fairly and in O(1),
// and a map can only be walked from a random place that favours some
// members, slowly once it has shrunk. So the members also sit in a dense
// slice, and a removal moves the last member into the hole: a random index
// is then a fair, constant-time pick.
type set struct {
	members []string
	pos     map[string]int // each member's index in members
	bytes   int64          // the members' own memory, for memory.go
	// index gives SSCAN cursors that survive removals (scan_index.go);
	// the slice cannot, since a removal moves a member. It is made by the
	// first SSCAN of a big set.
	index *keyIndex
}

var typeSet = &valueType{name: "set", create: func() object { return newSet(0) }}

func newSet(size int) *set { return &set{pos: make(map[string]int, size)} }

func (st *set) kind() *valueType { return typeSet }
func (st *set) length() int      { return len(st.members) }
func (st *set) encoding() string { return "hashtable" }

// dup copies the members for COPY; the strings themselves never change, so
// they are shared.
func (st *set) dup() object {
	d := newSet(len(st.members))
	for _, m := range st.members {
		d.add(m)
	}
	return d
}

func setOf(e *entry) *set { return e.obj.(*set) }

func (st *set) has(member []byte) bool {
	_, ok := st.pos[string(member)]
	return ok
}

// add puts member in the set, and reports whether it is new.
func (st *set) add(member string) bool {
	if _, ok := st.pos[member]; ok {
		return false
	}
	st.pos[member] = len(st.members)
	st.members = append(st.members, member)
	st.bytes += int64(len(member))
	if st.index != nil {
		st.index.added(member)
	}
	return true
}

// remove takes member out, and reports whether it was there.
func (st *set) remove(member []byte) bool {
	i, ok := st.pos[string(member)]
	if !ok {
		return false
	}
	st.removeAt(i)
	return true
}

// removeAt removes the member at index i, filling its place with the last.
func (st *set) removeAt(i int) string {
	member := st.members[i]
	last := len(st.members) - 1
	st.members[i] = st.members[last]
	st.pos[st.members[i]] = i
	st.members[last] = "" // let the string be freed
	st.members = st.members[:last]
	delete(st.pos, member)
	st.bytes -= int64(len(member))
	if st.index != nil {
		st.index.removed(member)
	}
	return member
}

func (st *set) random() string { return st.members[rand.IntN(len(st.members))] }

func saddCommand(s *server, c *client, argv [][]byte) {
	e := s.lookupOrCreate(c, argv[1], typeSet)
	if e == nil {
		return
	}
	st := setOf(e)
	added := int64(0)
	for _, member := range argv[2:] {
		if !st.has(member) && st.add(string(member)) {
			added++
		}
	}
	if added > 0 {
		c.db.touch(string(argv[1]))
	}
	c.addInt(added)
}

func sremCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupWriteOfType(c, argv[1], typeSet)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	removed := int64(0)
	for _, member := range argv[2:] {
		if setOf(e).remove(member) {
			removed++
		}
	}
	if removed > 0 {
		c.db.touch(string(argv[1]))
	}
	s.deleteIfEmpty(c.db, argv[1], e)
	c.addInt(removed)
}

// smembersCommand answers the members in the slice's order, which
// removals shuffle: Redis's order is its hash table's, and no client may
// rely on either.
func smembersCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeSet)
	switch {
	case !ok:
	case e == nil:
		c.addArrayLen(0)
	default:
		addMembers(c, setOf(e).members)
	}
}

func addMembers(c *client, members []string) {
	c.addArrayLen(len(members))
	for _, m := range members {
		c.addBulkString(m)
	}
}

func sismemberCommand(s *server, c *client, argv [][]byte) {
	if e, ok := s.lookupReadOfType(c, argv[1], typeSet); ok {
		c.addInt(boolInt(e != nil && setOf(e).has(argv[2])))
	}
}

func smismemberCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeSet)
	if !ok {
		return
	}
	c.addArrayLen(len(argv) - 2)
	for _, member := range argv[2:] {
		c.addInt(boolInt(e != nil && setOf(e).has(member)))
	}
}

func scardCommand(s *server, c *client, argv [][]byte) {
	if e, ok := s.lookupReadOfType(c, argv[1], typeSet); ok {
		n := 0
		if e != nil {
			n = setOf(e).length()
		}
		c.addInt(int64(n))
	}
}

// spopCommand is SPOP key [count]. Without a count it answers one member
// or a null; with one, an array. As in Redis, the count is checked
// before the key.
func spopCommand(s *server, c *client, argv [][]byte) {
	if len(argv) > 3 {
		c.addError("ERR syntax error")
		return
	}
	count := int64(-1)
	if len(argv) == 3 {
		var ok bool
		if count, ok = positiveOrReply(c, argv[2], "value is out of range, must be positive"); !ok {
			return
		}
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeSet)
	switch {
	case !ok:
		return
	case e == nil && count < 0:
		c.addNull()
		return
	case e == nil || count == 0:
		c.addArrayLen(0)
		return
	}
	st := setOf(e)
	if count < 0 {
		c.addBulkString(st.removeAt(rand.IntN(len(st.members))))
	} else {
		n := int(min(count, int64(len(st.members))))
		c.addArrayLen(n)
		for range n {
			c.addBulkString(st.removeAt(rand.IntN(len(st.members))))
		}
	}
	c.db.touch(string(argv[1]))
	s.deleteIfEmpty(c.db, argv[1], e)
}

// srandmemberCommand is SRANDMEMBER key [count]: without a count one
// member; with a positive count up to count distinct members; with a
// negative one exactly -count members, repeats allowed.
func srandmemberCommand(s *server, c *client, argv [][]byte) {
	if len(argv) > 3 {
		c.addError("ERR syntax error")
		return
	}
	if len(argv) == 2 {
		e, ok := s.lookupReadOfType(c, argv[1], typeSet)
		switch {
		case !ok:
		case e == nil:
			c.addNull()
		default:
			c.addBulkString(setOf(e).random())
		}
		return
	}
	count, ok := indexOrReply(c, argv[2])
	if !ok {
		return
	}
	if count == math.MinInt64 {
		// Redis reads the count within -LONG_MAX..LONG_MAX, so that
		// negating it cannot overflow.
		c.addError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
		return
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeSet)
	switch {
	case !ok:
		return
	case e == nil || count == 0:
		c.addArrayLen(0)
		return
	}
	st := setOf(e)
	size := int64(len(st.members))
	switch {
	case count < 0:
		// Redis answers every one of the -count, however many.
		c.addArrayLen(int(-count))
		for range -count {
			c.addBulkString(st.random())
		}
	case count >= size:
		addMembers(c, st.members)
	case count*2 <= size:
		// Few of many: draw indexes until count distinct ones came, which
		// takes fewer than 2*count draws on average.
		picked := make(map[int]struct{}, count)
		c.addArrayLen(int(count))
		for int64(len(picked)) < count {
			i := rand.IntN(len(st.members))
			if _, dup := picked[i]; !dup {
				picked[i] = struct{}{}
				c.addBulkString(st.members[i])
			}
		}
	default:
		// Most of the set: the first count of a partial shuffle of a copy.
		members := append([]string(nil), st.members...)
		c.addArrayLen(int(count))
		for i := range int(count) {
			j := i + rand.IntN(len(members)-i)
			members[i], members[j] = members[j], members[i]
			c.addBulkString(members[i])
		}
	}
}

// smoveCommand is SMOVE source destination member, after Redis's
// smoveCommand: a missing source answers 0 before either type is checked.
func smoveCommand(s *server, c *client, argv [][]byte) {
	src := s.lookupWrite(c.db, argv[1])
	dst := s.lookupWrite(c.db, argv[2])
	if src == nil {
		c.addInt(0)
		return
	}
	if _, ok := checkType(c, src, typeSet); !ok {
		return
	}
	if _, ok := checkType(c, dst, typeSet); !ok {
		return
	}
	member := argv[3]
	if src == dst {
		c.addInt(boolInt(setOf(src).has(member)))
		return
	}
	if !setOf(src).remove(member) {
		c.addInt(0)
		return
	}
	c.db.touch(string(argv[1]))
	s.deleteIfEmpty(c.db, argv[1], src)
	if dst == nil {
		dst = &entry{obj: newSet(1)}
		c.db.insert(string(argv[2]), dst)
	}
	if setOf(dst).add(string(member)) {
		c.db.touch(string(argv[2]))
	}
	c.addInt(1)
}
