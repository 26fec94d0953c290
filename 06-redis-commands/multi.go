package main

import (
	"strings"
	"time"
)

// MULTI, EXEC, DISCARD, WATCH and UNWATCH, after Redis's multi.c.
//
// One thread makes a transaction nearly free: EXEC runs its queue from
// start to end before the loop looks at another client, so nothing can
// come in between, and no lock is taken. WATCH is optimistic concurrency
// with no lock at all: each database keeps, for every watched key, the
// clients that watch it, and a write to the key marks them (touch). EXEC
// then answers a null array instead of running the queue.

var multiCommands = []*command{
	{name: "multi", arity: 1, flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, proc: multiCommand},
	{name: "exec", arity: 1, flags: []string{"noscript", "loading", "stale", "skip_slowlog"}, proc: execCommand},
	{name: "discard", arity: 1, flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, proc: discardCommand},
	{name: "watch", arity: -2, flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"},
		firstKey: 1, lastKey: -1, keyStep: 1, proc: watchCommand},
	{name: "unwatch", arity: 1, flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, proc: unwatchCommand},
}

// transaction is a client's MULTI and WATCH state, made by the first MULTI
// or WATCH: a client that uses neither pays one nil pointer for it.
type transaction struct {
	inMulti bool
	queue   []queuedCommand
	queued  int // bytes of arguments in queue, bounded by -client-query-buffer-limit
	// aborted is Redis's CLIENT_DIRTY_EXEC: an error while queueing.
	// touched is CLIENT_DIRTY_CAS: a watched key was written.
	aborted, touched bool
	// executing: EXEC is running the queue, where nothing may block.
	executing bool
	watched   []*watchedKey
}

type queuedCommand struct {
	cmd  *command
	argv [][]byte
}

// watchedKey is one key one client watches. The same struct sits in the
// client's list and in the database's map, so either side finds the other.
type watchedKey struct {
	c   *client
	db  *db
	key string
	// expired: the key had expired (but was not yet deleted) when WATCH
	// ran. Deleting it later changes nothing anyone could see, so that
	// deletion must not fail the EXEC (Redis 7.0's watchedKey.expired).
	expired bool
}

func (c *client) inMulti() bool { return c.tx != nil && c.tx.inMulti }

func (c *client) transaction() *transaction {
	if c.tx == nil {
		c.tx = &transaction{}
	}
	return c.tx
}

// flagTransaction marks the open transaction, if any, as failed: every
// command refused while queueing (unknown, wrong arity, no auth) calls it,
// so that EXEC answers EXECABORT rather than run half a transaction.
func flagTransaction(c *client) {
	if c.inMulti() {
		c.tx.aborted = true
	}
}

// queueInMulti is processCommand's hook: inside MULTI every command but
// the ones that end or manage the transaction is queued, not run. It
// reports whether cmd was queued (or refused).
func (s *server) queueInMulti(c *client, cmd *command, argv [][]byte) bool {
	if !c.inMulti() {
		return false
	}
	switch cmd.name {
	case "exec", "discard", "multi", "watch":
		return false
	}
	if hasFlag(cmd, "no_multi") {
		c.addError("ERR Command not allowed inside a transaction")
		c.tx.aborted = true
		return true
	}
	// The request's bytes are the shared read buffer's, reused by the
	// next read: the queue keeps its own copy, in one allocation.
	size := 0
	for _, a := range argv {
		size += len(a)
	}
	tx := c.tx
	if tx.queued+size > s.cfg.queryBufferLimit {
		// Redis bounds this only by maxmemory; we have none, so a client
		// queueing without end is closed like one sending without end.
		c.closeAfterReply = true
		s.tracef("close fd %d: MULTI queue over -client-query-buffer-limit", c.fd)
		return true
	}
	buf := make([]byte, 0, size)
	copied := make([][]byte, len(argv))
	for i, a := range argv {
		buf = append(buf, a...)
		copied[i] = buf[len(buf)-len(a):]
	}
	tx.queued += size
	tx.queue = append(tx.queue, queuedCommand{cmd, copied})
	c.addSimple("QUEUED")
	return true
}

// rejectCommand answers msg for a command refused before it ran, as
// Redis's rejectCommand: the transaction is flagged, and a refused EXEC
// itself discards it, with the reason in the EXECABORT error.
func (s *server) rejectCommand(c *client, cmd *command, msg string) {
	flagTransaction(c)
	if cmd.name != "exec" {
		c.addError(msg)
		return
	}
	s.discardTransaction(c)
	c.addError("EXECABORT Transaction discarded because of: " + strings.TrimPrefix(msg, "ERR "))
}

func multiCommand(s *server, c *client, argv [][]byte) {
	if c.inMulti() {
		c.addError("ERR MULTI calls can not be nested")
		return
	}
	c.transaction().inMulti = true
	c.addOK()
}

func discardCommand(s *server, c *client, argv [][]byte) {
	if !c.inMulti() {
		c.addError("ERR DISCARD without MULTI")
		return
	}
	s.discardTransaction(c)
	c.addOK()
}

// execCommand runs the queue, every command in turn with nothing from
// another client in between, unless a watched key was touched (a null
// array) or queueing failed (EXECABORT). A command that fails at run time
// (WRONGTYPE...) answers its error in its place and the rest still run:
// Redis has no rollback.
func execCommand(s *server, c *client, argv [][]byte) {
	if !c.inMulti() {
		c.addError("ERR EXEC without MULTI")
		return
	}
	tx := c.tx
	if s.watchedKeyExpired(c) {
		tx.touched = true
	}
	switch {
	case tx.aborted:
		c.addError("EXECABORT Transaction discarded because of previous errors.")
		s.discardTransaction(c)
		return
	case tx.touched:
		c.reply = append(c.reply, "*-1\r\n"...)
		s.discardTransaction(c)
		return
	}
	s.unwatchAll(c) // as early as possible: the queue's own writes need not mark c
	queue := tx.queue
	c.tx = &transaction{executing: true}
	c.addArrayLen(len(queue))
	for _, q := range queue {
		s.stats.commandsProcessed++
		c.lastCmd = q.cmd
		started := time.Now()
		q.cmd.proc(s, c, q.argv)
		s.afterCommand(c, q.cmd, q.argv, started) // SLOWLOG and MONITOR see each, as in Redis
	}
	c.tx = nil
}

func (s *server) discardTransaction(c *client) {
	s.unwatchAll(c)
	c.tx = nil
}

func watchCommand(s *server, c *client, argv [][]byte) {
	if c.inMulti() {
		c.addError("ERR WATCH inside MULTI is not allowed")
		return
	}
	tx := c.transaction()
	if tx.touched {
		c.addOK() // already doomed: no point watching more
		return
	}
	for _, key := range argv[1:] {
		s.watchKey(c, tx, string(key))
	}
	c.addOK()
}

func unwatchCommand(s *server, c *client, argv [][]byte) {
	s.unwatchAll(c)
	if c.tx != nil && !c.tx.inMulti && !c.tx.executing {
		c.tx = nil
	}
	c.addOK()
}

func (s *server) watchKey(c *client, tx *transaction, key string) {
	for _, wk := range tx.watched {
		if wk.db == c.db && wk.key == key {
			return
		}
	}
	d := c.db
	e := d.dict[key]
	wk := &watchedKey{c: c, db: d, key: key, expired: e != nil && e.expireAt != 0 && e.expireAt <= s.clock.ms}
	if d.watched == nil {
		d.watched = map[string][]*watchedKey{}
	}
	d.watched[key] = append(d.watched[key], wk)
	tx.watched = append(tx.watched, wk)
}

// unwatchAll forgets every key c watches, in each database's map too.
// Closing a client calls it, so no map keeps a closed client.
func (s *server) unwatchAll(c *client) {
	if c.tx == nil {
		return
	}
	for _, wk := range c.tx.watched {
		watchers := wk.db.watched[wk.key]
		for i, other := range watchers {
			if other == wk {
				watchers = append(watchers[:i], watchers[i+1:]...)
				break
			}
		}
		if len(watchers) == 0 {
			delete(wk.db.watched, wk.key)
		} else {
			wk.db.watched[wk.key] = watchers
		}
	}
	c.tx.watched = nil
}

// watchedKeyExpired is Redis's isWatchedKeyExpired: a watched key whose
// time has come since WATCH fails the EXEC, even if nothing has deleted
// it yet.
func (s *server) watchedKeyExpired(c *client) bool {
	for _, wk := range c.tx.watched {
		if wk.expired {
			continue
		}
		if e := wk.db.dict[wk.key]; e != nil && e.expireAt != 0 && e.expireAt <= s.clock.ms {
			return true
		}
	}
	return false
}

// touch is Redis's touchWatchedKey: key of d has been written, so every
// client watching it will see its EXEC fail. The keyspace's write paths
// (db.go) call it; with nothing watched it costs one map length check.
func (d *db) touch(key string) {
	if len(d.watched) == 0 {
		return
	}
	watchers := d.watched[key]
	for i := 0; i < len(watchers); i++ {
		wk := watchers[i]
		if wk.expired {
			// Deleting a key that had already expired when WATCH ran
			// changes nothing visible; from now on the key is missing.
			if d.dict[key] == nil {
				wk.expired = false
			}
			continue
		}
		wk.c.tx.touched = true
	}
}

// touchAll is touchAllWatchedKeysInDb, for FLUSHDB and FLUSHALL: every
// watched key that exists is about to go. It runs before the flush.
func (d *db) touchAll() {
	for key, watchers := range d.watched {
		if d.dict[key] == nil {
			continue
		}
		for _, wk := range watchers {
			if wk.expired {
				wk.expired = false
				continue
			}
			wk.c.tx.touched = true
		}
	}
}

func hasFlag(cmd *command, flag string) bool {
	for _, f := range cmd.flags {
		if f == flag {
			return true
		}
	}
	return false
}
