package main

import (
	"math"
	"strconv"
)

// ZSCAN, whose scores are written as Redis keeps them in a small sorted
// set, not as ZRANGE prints them.

// zscanCommand is ZSCAN key cursor [MATCH pattern] [COUNT count]. Its
// scores are written as Redis's listpack keeps them (appendScanScore).
func zscanCommand(s *server, c *client, argv [][]byte) {
	e, cursor, opts, ok := s.startKeyScan(c, argv, typeZset)
	if !ok {
		return
	}
	z := zsetOf(e)
	var members []string
	next := uint64(0)
	if z.length() <= zsetMaxListpackEntries { // answered whole, as Redis answers a listpack
		for x := z.zsl.head.level[0].forward; x != nil; x = x.level[0].forward {
			members = append(members, x.member)
		}
	} else {
		if z.index == nil {
			z.index = newKeyIndex()
			for member := range z.nodes {
				z.index.added(member)
			}
		}
		members, next = z.index.scan(cursor, opts.count)
	}
	var items []string
	for _, m := range members {
		if opts.matches(m) {
			items = append(items, m, string(appendScanScore(nil, z.nodes[m].score)))
		}
	}
	addScanReply(c, next, items)
}

// appendScanScore writes a score as Redis's d2string, the text a listpack
// stores: an integral score within ±2^62 as an integer, others as
// appendScore does.
func appendScanScore(dst []byte, v float64) []byte {
	if v == math.Trunc(v) && v >= -(1<<62) && v <= 1<<62 {
		return strconv.AppendInt(dst, int64(v), 10)
	}
	return appendScore(dst, v)
}
