package main

import "math/rand/v2"

// A skip list ordered by (score, member), with spans: Redis's zskiplist
// (t_zset.c), which keeps a sorted set's order while a map keeps each
// member's score.
//
// Each node stands in level 0, the ordinary linked list of every element,
// and in a random number of levels above it: a node reaches level i+1 with
// probability 1/4, so each level holds about a quarter of the one below
// and a search skips ahead on the high levels and walks down, O(log n) on
// average. Each forward link also records its span, how many level-0
// steps it skips; adding the spans along a search gives a node's rank, and
// following them finds the node of a given rank, both in O(log n). That is
// what ZRANK, ZRANGE 1000 1010 and ZREMRANGEBYRANK need.
//
// Why not a balanced tree? It would give the same bounds, but a skip list
// is simpler to get right (no rotations), its range walks are a plain
// linked list at level 0, with backward links for the REV forms, and it is
// what Redis uses, so the costs a reader learns here are Redis's.

const (
	zslMaxLevel = 32 // Redis's ZSKIPLIST_MAXLEVEL: enough for 4^32 elements
	zslP        = 4  // one node in zslP reaches the next level (ZSKIPLIST_P)
)

type zslNode struct {
	member   string
	score    float64
	backward *zslNode // the previous node at level 0, for reverse walks
	level    []zslLevel
}

type zslLevel struct {
	forward *zslNode
	span    int // level-0 steps from this node to forward
}

type skiplist struct {
	head   *zslNode // a sentinel holding no element
	tail   *zslNode
	length int
	level  int // levels in use
}

func newSkiplist() *skiplist {
	return &skiplist{head: &zslNode{level: make([]zslLevel, zslMaxLevel)}, level: 1}
}

func zslRandomLevel() int {
	level := 1
	for level < zslMaxLevel && rand.IntN(zslP) == 0 {
		level++
	}
	return level
}

// insert adds a member that is not in the list yet.
func (l *skiplist) insert(score float64, member string) *zslNode {
	var update [zslMaxLevel]*zslNode // the last node before the new one, per level
	var rank [zslMaxLevel]int        // the rank of update[i]
	x := l.head
	for i := l.level - 1; i >= 0; i-- {
		if i < l.level-1 {
			rank[i] = rank[i+1]
		}
		for x.level[i].forward != nil && nodeBefore(x.level[i].forward, score, member) {
			rank[i] += x.level[i].span
			x = x.level[i].forward
		}
		update[i] = x
	}
	level := zslRandomLevel()
	if level > l.level {
		for i := l.level; i < level; i++ {
			rank[i] = 0
			update[i] = l.head
			update[i].level[i].span = l.length
		}
		l.level = level
	}
	x = &zslNode{member: member, score: score, level: make([]zslLevel, level)}
	for i := 0; i < level; i++ {
		x.level[i].forward = update[i].level[i].forward
		update[i].level[i].forward = x
		// update[i]'s old span is split around the new node.
		x.level[i].span = update[i].level[i].span - (rank[0] - rank[i])
		update[i].level[i].span = rank[0] - rank[i] + 1
	}
	for i := level; i < l.level; i++ {
		update[i].level[i].span++ // links over the new node skip one more
	}
	if update[0] != l.head {
		x.backward = update[0]
	}
	if x.level[0].forward != nil {
		x.level[0].forward.backward = x
	} else {
		l.tail = x
	}
	l.length++
	return x
}

// find returns, per level, the last node before (score, member).
func (l *skiplist) find(score float64, member string) (update [zslMaxLevel]*zslNode) {
	x := l.head
	for i := l.level - 1; i >= 0; i-- {
		for x.level[i].forward != nil && nodeBefore(x.level[i].forward, score, member) {
			x = x.level[i].forward
		}
		update[i] = x
	}
	return update
}

// nodeBefore reports whether node x sorts before (score, member).
func nodeBefore(x *zslNode, score float64, member string) bool {
	return x.score < score || (x.score == score && x.member < member)
}

// delete removes (score, member), and reports whether it was there.
func (l *skiplist) delete(score float64, member string) bool {
	update := l.find(score, member)
	x := update[0].level[0].forward
	if x == nil || x.score != score || x.member != member {
		return false
	}
	l.unlink(x, &update)
	return true
}

// nodeAfter reports whether node x sorts after (score, member).
func nodeAfter(x *zslNode, score float64, member string) bool {
	return x.score > score || (x.score == score && x.member > member)
}

// unlink takes x out, given the last node before it on every level.
func (l *skiplist) unlink(x *zslNode, update *[zslMaxLevel]*zslNode) {
	for i := 0; i < l.level; i++ {
		if update[i].level[i].forward == x {
			update[i].level[i].span += x.level[i].span - 1
			update[i].level[i].forward = x.level[i].forward
		} else {
			update[i].level[i].span--
		}
	}
	if x.level[0].forward != nil {
		x.level[0].forward.backward = x.backward
	} else {
		l.tail = x.backward
	}
	for l.level > 1 && l.head.level[l.level-1].forward == nil {
		l.level--
	}
	l.length--
}

// rank is the 1-based position of (score, member), which must be in the
// list, summing the spans on the way down.
func (l *skiplist) rank(score float64, member string) int {
	rank := 0
	x := l.head
	for i := l.level - 1; i >= 0; i-- {
		for next := x.level[i].forward; next != nil && !nodeAfter(next, score, member); next = x.level[i].forward {
			rank += x.level[i].span
			x = next
		}
		if x != l.head && x.score == score && x.member == member {
			return rank
		}
	}
	return 0
}

// byRank returns the node at a 1-based rank, following the spans.
func (l *skiplist) byRank(rank int) *zslNode {
	traversed := 0
	x := l.head
	for i := l.level - 1; i >= 0; i-- {
		for x.level[i].forward != nil && traversed+x.level[i].span <= rank {
			traversed += x.level[i].span
			x = x.level[i].forward
		}
		if traversed == rank {
			return x
		}
	}
	return nil
}

// firstWhere returns the first node for which after(node) is true, given
// that it is false for a prefix of the list and true for the rest.
func (l *skiplist) firstWhere(after func(*zslNode) bool) *zslNode {
	x := l.head
	for i := l.level - 1; i >= 0; i-- {
		for x.level[i].forward != nil && !after(x.level[i].forward) {
			x = x.level[i].forward
		}
	}
	return x.level[0].forward
}

// lastWhere returns the last node for which upTo(node) is true, given that
// it is true for a prefix of the list and false for the rest.
func (l *skiplist) lastWhere(upTo func(*zslNode) bool) *zslNode {
	x := l.head
	for i := l.level - 1; i >= 0; i-- {
		for x.level[i].forward != nil && upTo(x.level[i].forward) {
			x = x.level[i].forward
		}
	}
	if x == l.head {
		return nil
	}
	return x
}
