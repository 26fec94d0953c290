package main

import (
	"container/heap"
	"math"
	"math/big"
	"slices"
	"time"
)

// Blocking pops, after Redis's blocked.c: how an event loop turns a call
// that waits into state. BLPOP on an empty list does not wait anywhere:
// the client is parked in its database's table of blocked keys (Redis's
// db->blocking_keys) and the loop goes on serving everyone else. A new key
// under a watched name (db.insert) is signalled ready; after the command
// that made it, the parked clients are served in the order they blocked
// (handleReadyKeys, Redis's handleClientsBlockedOnKeys). Timeouts are a
// min-heap of deadlines; the poller sleeps no longer than the nearest.

var blockingFlags = []string{"write", "noscript", "blocking"}

var blockingCommands = []*command{
	{name: "blpop", arity: -3, flags: blockingFlags, firstKey: 1, lastKey: -2, keyStep: 1, proc: blpopCommand},
	{name: "brpop", arity: -3, flags: blockingFlags, firstKey: 1, lastKey: -2, keyStep: 1, proc: brpopCommand},
	{name: "blmove", arity: 6, flags: []string{"write", "denyoom", "noscript", "blocking"}, firstKey: 1, lastKey: 2, keyStep: 1, proc: blmoveCommand},
	{name: "brpoplpush", arity: 4, flags: []string{"write", "denyoom", "noscript", "blocking"}, firstKey: 1, lastKey: 2, keyStep: 1, proc: brpoplpushCommand},
	{name: "bzpopmin", arity: -3, flags: []string{"write", "noscript", "blocking", "fast"}, firstKey: 1, lastKey: -2, keyStep: 1, proc: bzpopminCommand},
	{name: "bzpopmax", arity: -3, flags: []string{"write", "noscript", "blocking", "fast"}, firstKey: 1, lastKey: -2, keyStep: 1, proc: bzpopmaxCommand},
}

// blockedOn is what a parked client waits for, and how to serve it.
type blockedOn struct {
	db       *db
	keys     []string
	deadline int64 // Unix milliseconds; 0: for ever
	heapAt   int   // index in the deadline heap, -1 when not in it
	zset     bool  // BZPOPMIN/BZPOPMAX rather than a list pop
	fromHead bool  // BLPOP, LEFT, BZPOPMIN
	// BLMOVE and BRPOPLPUSH: where the element goes.
	move   bool
	dst    string
	toHead bool
	// What SLOWLOG and LATENCY HISTOGRAM are told once the client is
	// served (afterUnblock): the command, how long its first run took,
	// and its arguments as the slow log keeps them.
	cmd  *command
	ran  time.Duration
	args [][]byte
}

// blockingState is the server's side: how many clients are parked, their
// deadlines, and those unblocked in this batch, whose pipelined requests
// wait to run (beforeSleep).
type blockingState struct {
	clients   int
	deadlines deadlineHeap
	unblocked []*client
}

func blpopCommand(s *server, c *client, argv [][]byte) { blockingPop(s, c, argv, false, true) }
func brpopCommand(s *server, c *client, argv [][]byte) { blockingPop(s, c, argv, false, false) }
func bzpopminCommand(s *server, c *client, argv [][]byte) {
	blockingPop(s, c, argv, true, true)
}
func bzpopmaxCommand(s *server, c *client, argv [][]byte) {
	blockingPop(s, c, argv, true, false)
}

// blockingPop is BLPOP, BRPOP, BZPOPMIN and BZPOPMAX key [key ...] timeout:
// the first non-empty key in order is served at once; if every key is
// empty the client blocks, unless it runs inside EXEC, where the reply is
// a null array, as Redis does.
func blockingPop(s *server, c *client, argv [][]byte, zset, fromHead bool) {
	deadline, ok := timeoutOrReply(s, c, argv[len(argv)-1])
	if !ok {
		return
	}
	t := typeList
	if zset {
		t = typeZset
	}
	keys := argv[1 : len(argv)-1]
	for _, key := range keys {
		e, ok := s.lookupWriteOfType(c, key, t)
		if !ok {
			return
		}
		if e != nil {
			on := &blockedOn{db: c.db, zset: zset, fromHead: fromHead}
			s.serve(c, on, string(key), e)
			return
		}
	}
	if !c.mayBlock() {
		c.reply = append(c.reply, "*-1\r\n"...)
		return
	}
	s.block(c, &blockedOn{db: c.db, keys: stringsOf(keys), deadline: deadline, zset: zset, fromHead: fromHead})
}

func blmoveCommand(s *server, c *client, argv [][]byte) {
	fromHead, ok := listEndOrReply(c, argv[3])
	if !ok {
		return
	}
	toHead, ok := listEndOrReply(c, argv[4])
	if !ok {
		return
	}
	blockingMove(s, c, argv[1], argv[2], argv[5], fromHead, toHead)
}

func brpoplpushCommand(s *server, c *client, argv [][]byte) {
	blockingMove(s, c, argv[1], argv[2], argv[3], false, true)
}

func blockingMove(s *server, c *client, src, dst, timeout []byte, fromHead, toHead bool) {
	deadline, ok := timeoutOrReply(s, c, timeout)
	if !ok {
		return
	}
	e, ok := s.lookupWriteOfType(c, src, typeList)
	switch {
	case !ok:
		return
	case e != nil:
		lmoveGeneric(s, c, src, dst, fromHead, toHead) // not empty: LMOVE's work
		return
	case !c.mayBlock():
		c.addNull()
		return
	}
	s.block(c, &blockedOn{db: c.db, keys: []string{string(src)}, deadline: deadline,
		fromHead: fromHead, move: true, dst: string(dst), toHead: toHead})
}

// timeoutOrReply reads a timeout in seconds, a decimal, as Redis's
// getTimeoutFromObjectOrReply: it is parsed as a C long double, times
// 1000, cast to a long long of milliseconds. A value past that range
// casts (on x86-64) to the smallest long long, hence "negative". 0 is no
// timeout; otherwise the deadline is returned in Unix milliseconds.
func timeoutOrReply(s *server, c *client, arg []byte) (int64, bool) {
	secs, ok := parseLongDouble(arg)
	if !ok {
		c.addError("ERR timeout is not a float or out of range")
		return 0, false
	}
	ms, _ := new(big.Float).Mul(secs, big.NewFloat(1000)).Float64()
	// Rounded up, as Redis's ceill in getTimeoutFromObjectOrReply
	// (timeout.c): 0.0001 seconds is 1 ms, not 0, which would mean no
	// timeout at all; and -0.0001 is 0, no timeout, not an error.
	ms = math.Ceil(ms)
	if ms <= math.MinInt64 || ms >= math.MaxInt64 || int64(ms) < 0 {
		c.addError("ERR timeout is negative")
		return 0, false
	}
	if int64(ms) == 0 {
		return 0, true
	}
	return s.clock.ms + int64(ms), true
}

// waitsByDesign: a client blocked, subscribed or monitoring is silent
// because it waits for the server, so -timeout spares it, as Redis's
// clientsCronHandleTimeout does.
func (c *client) waitsByDesign() bool {
	return c.blocked != nil || c.subscribed() || c.monitoring
}

// mayBlock is false inside EXEC: a transaction cannot wait halfway.
func (c *client) mayBlock() bool { return c.tx == nil || !c.tx.executing }

func stringsOf(keys [][]byte) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if !slices.Contains(out, string(k)) {
			out = append(out, string(k))
		}
	}
	return out
}

// block parks c: in every key's queue, and in the deadline heap. Until it
// is served, processInput runs none of c's other requests.
func (s *server) block(c *client, on *blockedOn) {
	c.blocked = on
	on.heapAt = -1
	if on.db.blocking == nil {
		on.db.blocking = map[string][]*client{}
	}
	for _, key := range on.keys {
		on.db.blocking[key] = append(on.db.blocking[key], c)
	}
	if on.deadline != 0 {
		heap.Push(&s.blocking.deadlines, c)
	}
	s.blocking.clients++
	s.tracef("fd %d: blocked on %d key(s)", c.fd, len(on.keys))
}

// unblock takes c out of every table. resume says whether its pipelined
// requests should run after this batch (not when it is being closed).
func (s *server) unblock(c *client, resume bool) {
	on := c.blocked
	if on == nil {
		return
	}
	for _, key := range on.keys {
		rest := slices.DeleteFunc(on.db.blocking[key], func(o *client) bool { return o == c })
		if len(rest) == 0 {
			delete(on.db.blocking, key)
		} else {
			on.db.blocking[key] = rest
		}
	}
	if on.heapAt >= 0 {
		heap.Remove(&s.blocking.deadlines, on.heapAt)
	}
	c.blocked = nil
	s.blocking.clients--
	if resume {
		s.blocking.unblocked = append(s.blocking.unblocked, c)
	}
}

// signalReady is db.insert's hook: a key some client blocks on now exists.
func (d *db) signalReady(key string) {
	if _, ok := d.blocking[key]; ok {
		d.ready = append(d.ready, key)
	}
}

// handleReadyKeys serves the clients blocked on keys that the command
// just run created, in the order they blocked, while the key has
// elements. Serving a BLMOVE can make another key ready: the loop goes on
// until none is.
func (s *server) handleReadyKeys() {
	for again := true; again; {
		again = false
		for _, d := range s.dbs {
			for len(d.ready) > 0 {
				again = true
				keys := d.ready
				d.ready = nil
				for _, key := range keys {
					s.serveBlockedOn(d, key)
				}
			}
		}
	}
}

func (s *server) serveBlockedOn(d *db, key string) {
	for _, c := range slices.Clone(d.blocking[key]) {
		e := s.lookupKey(d, []byte(key))
		if e == nil {
			return
		}
		if c.killed {
			continue // closed at the end of this batch: it must not take an element with it
		}
		on := c.blocked
		want := typeList
		if on.zset {
			want = typeZset
		}
		if e.kind() != want {
			continue // waits on, as in Redis, for a value of its type
		}
		s.unblock(c, true)
		started := time.Now()
		var dst *entry
		if on.move {
			dst = s.lookupKey(d, []byte(on.dst))
		}
		if dst != nil && dst.kind() != typeList {
			// As Redis's serveClientBlockedOnList: the waiter gets
			// WRONGTYPE, and the element stays for the next one.
			s.replyToOther(c, func() { c.addError(wrongTypeError) })
		} else {
			s.replyToOther(c, func() { s.serve(c, on, key, e) })
		}
		s.afterUnblock(c, on, s.clock.since(started))
	}
}

// serve pops for c from key's value e, which has elements, and replies.
func (s *server) serve(c *client, on *blockedOn, key string, e *entry) {
	d := on.db
	switch {
	case on.zset:
		z := zsetOf(e)
		x := z.zsl.head.level[0].forward
		if !on.fromHead {
			x = z.zsl.tail
		}
		c.addArrayLen(3)
		c.addBulkString(key)
		c.addBulkString(x.member)
		c.addScore(x.score)
		z.removeNode(x)
		d.touch(key)
	case on.move:
		v := listOf(e).pop(on.fromHead)
		d.touch(key)
		dst := s.lookupKey(d, []byte(on.dst))
		if dst == nil {
			dst = &entry{obj: typeList.create()}
			d.insert(on.dst, dst)
		} else {
			d.touch(on.dst)
			d.mem.changedKey(d, dst, on.dst) // memory.go; key itself was just written by the running command
		}
		listOf(dst).push(v, on.toHead)
		c.addBulk(v)
	default:
		v := listOf(e).pop(on.fromHead)
		d.touch(key)
		c.addArrayLen(2)
		c.addBulkString(key)
		c.addBulk(v)
	}
	s.deleteIfEmpty(d, []byte(key), e)
}

// replyToOther runs add, which writes replies with c's methods, for a
// client other than the one whose command runs; the output is written
// when the batch is done.
func (s *server) replyToOther(c *client, add func()) {
	if len(c.out) == 0 {
		s.pubsub.pending = append(s.pubsub.pending, c)
	}
	c.reply = c.out
	add()
	c.out, c.reply = c.reply, nil
}

// beforeSleep is the end of every batch, as Redis's: clients whose time
// is up get their null reply, the clients unblocked run the requests
// they had pipelined, and the output other clients got is written.
func (s *server) beforeSleep() {
	now := time.Now().UnixMilli()
	for len(s.blocking.deadlines) > 0 && s.blocking.deadlines[0].blocked.deadline <= now {
		c := s.blocking.deadlines[0]
		s.unblock(c, true)
		s.replyToOther(c, func() { c.reply = append(c.reply, "*-1\r\n"...) })
		s.tracef("fd %d: timed out while blocked", c.fd)
	}
	for i, c := range s.blocking.unblocked {
		s.blocking.unblocked[i] = nil
		if !c.killed && s.conns[c.fd] == c && c.blocked == nil {
			s.resumeInput(c)
		}
	}
	s.blocking.unblocked = s.blocking.unblocked[:0]
	s.flushPending()
}

// untilBlockedTimeout is how long the poller may sleep before the
// nearest deadline of a blocked client.
func (s *server) untilBlockedTimeout() time.Duration {
	if len(s.blocking.deadlines) == 0 {
		return time.Hour
	}
	return time.Until(time.UnixMilli(s.blocking.deadlines[0].blocked.deadline))
}

// deadlineHeap orders blocked clients by deadline (container/heap).
type deadlineHeap []*client

func (h deadlineHeap) Len() int { return len(h) }
func (h deadlineHeap) Less(i, j int) bool {
	return h[i].blocked.deadline < h[j].blocked.deadline
}
func (h deadlineHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].blocked.heapAt, h[j].blocked.heapAt = i, j
}
func (h *deadlineHeap) Push(x any) {
	c := x.(*client)
	c.blocked.heapAt = len(*h)
	*h = append(*h, c)
}
func (h *deadlineHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	c.blocked.heapAt = -1
	return c
}
