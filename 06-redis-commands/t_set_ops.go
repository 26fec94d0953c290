package main

import (
	"math"
	"sort"
)

// The set algebra (SINTER, SUNION, SDIFF and their STORE forms) and SSCAN.
// Each runs to the end in one go while every other client waits: an
// SINTER of two sets of a million members is a million lookups before
// anyone else is served, which is why Redis's documentation gives each
// command's complexity.

// setsOrReply looks up the sets named by keys, missing ones as nil. Like
// Redis, it checks every key's type even after a missing one, so a
// WRONGTYPE is never hidden. forWrite looks up without counting hits and
// misses, as the STORE forms do.
func setsOrReply(s *server, c *client, keys [][]byte, forWrite bool) ([]*set, bool) {
	sets := make([]*set, len(keys))
	for i, key := range keys {
		var e *entry
		if forWrite {
			e = s.lookupWrite(c.db, key)
		} else {
			e = s.lookupRead(c.db, key)
		}
		if _, ok := checkType(c, e, typeSet); !ok {
			return nil, false
		}
		if e != nil {
			sets[i] = setOf(e)
		}
	}
	return sets, true
}

// intersect returns the members of every set, walking the smallest and
// looking each member up in the others, as Redis's sinterGenericCommand
// does; limit > 0 stops at that many. A missing set makes it empty.
func intersect(sets []*set, limit int) []string {
	for _, st := range sets {
		if st == nil {
			return nil
		}
	}
	sorted := append([]*set(nil), sets...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].length() < sorted[j].length() })
	var out []string
next:
	for _, m := range sorted[0].members {
		for _, other := range sorted[1:] {
			if _, ok := other.pos[m]; !ok {
				continue next
			}
		}
		out = append(out, m)
		if len(out) == limit {
			break
		}
	}
	return out
}

// unionOrDiff returns the members of any of the sets, or of the first and
// none of the others.
func unionOrDiff(sets []*set, diff bool) *set {
	result := newSet(0)
	for i, st := range sets {
		if st == nil {
			continue
		}
		if diff && i > 0 {
			for _, m := range st.members {
				result.remove([]byte(m))
			}
			continue
		}
		for _, m := range st.members {
			result.add(m)
		}
	}
	return result
}

func sinterCommand(s *server, c *client, argv [][]byte) {
	if sets, ok := setsOrReply(s, c, argv[1:], false); ok {
		addMembers(c, intersect(sets, 0))
	}
}

func sunionCommand(s *server, c *client, argv [][]byte) { setAlgebra(s, c, argv[1:], false) }
func sdiffCommand(s *server, c *client, argv [][]byte)  { setAlgebra(s, c, argv[1:], true) }

func setAlgebra(s *server, c *client, keys [][]byte, diff bool) {
	if sets, ok := setsOrReply(s, c, keys, false); ok {
		addMembers(c, unionOrDiff(sets, diff).members)
	}
}

func sinterstoreCommand(s *server, c *client, argv [][]byte) {
	sets, ok := setsOrReply(s, c, argv[2:], true)
	if !ok {
		return
	}
	result := newSet(0)
	for _, m := range intersect(sets, 0) {
		result.add(m)
	}
	storeSet(s, c, argv[1], result)
}

func sunionstoreCommand(s *server, c *client, argv [][]byte) { setAlgebraStore(s, c, argv, false) }
func sdiffstoreCommand(s *server, c *client, argv [][]byte)  { setAlgebraStore(s, c, argv, true) }

func setAlgebraStore(s *server, c *client, argv [][]byte, diff bool) {
	if sets, ok := setsOrReply(s, c, argv[2:], true); ok {
		storeSet(s, c, argv[1], unionOrDiff(sets, diff))
	}
}

// storeSet puts result under key, replacing whatever was there, TTL and
// all, as Redis's setKey; an empty result deletes the key instead. It
// answers the result's size.
func storeSet(s *server, c *client, key []byte, result *set) {
	c.db.remove(string(key))
	if result.length() > 0 {
		c.db.insert(string(key), &entry{obj: result})
	}
	c.addInt(int64(result.length()))
}

// sintercardCommand is SINTERCARD numkeys key [key ...] [LIMIT limit],
// with the checks in Redis's order: numkeys, then the options, then the
// keys.
func sintercardCommand(s *server, c *client, argv [][]byte) {
	numKeys, ok := string2ll(argv[1])
	if !ok || numKeys < 1 {
		c.addError("ERR numkeys should be greater than 0")
		return
	}
	if numKeys > int64(len(argv)-2) {
		c.addError("ERR Number of keys can't be greater than number of args")
		return
	}
	limit := int64(0)
	for i := 2 + int(numKeys); i < len(argv); i++ {
		if !cEqualFold(argv[i], "limit") || i+1 == len(argv) {
			c.addError("ERR syntax error")
			return
		}
		i++
		if limit, ok = positiveOrReply(c, argv[i], "LIMIT can't be negative"); !ok {
			return
		}
	}
	sets, ok := setsOrReply(s, c, argv[2:2+numKeys], false)
	if !ok {
		return
	}
	c.addInt(int64(len(intersect(sets, int(min(limit, math.MaxInt))))))
}

// setScanWhole is how many members a set may have and still be answered
// whole by one SSCAN, with cursor 0. Redis does so for its compact
// encodings (an intset holds up to 512 integers); its hash-table sets go
// page by page even when small, with cursors no client can predict, so
// only small sets can be compared with Redis anyway.
const setScanWhole = 128

// sscanCommand is SSCAN key cursor [MATCH pattern] [COUNT count], checked
// in Redis's order: cursor, key, options.
func sscanCommand(s *server, c *client, argv [][]byte) {
	e, cursor, opts, ok := s.startKeyScan(c, argv, typeSet)
	if !ok {
		return
	}
	st := setOf(e)
	members, next := st.members, uint64(0)
	if len(members) > setScanWhole {
		if st.index == nil {
			st.index = newKeyIndex()
			for _, m := range st.members {
				st.index.added(m)
			}
		}
		members, next = st.index.scan(cursor, opts.count)
	}
	var items []string
	for _, m := range members {
		if opts.matches(m) {
			items = append(items, m)
		}
	}
	addScanReply(c, next, items)
}
