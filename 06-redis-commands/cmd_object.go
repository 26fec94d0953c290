package main

// OBJECT asks about the value behind a key, as Redis's object.c answers
// it. Our answers describe our own structures, not Redis's: see
// encodingOf.
var objectCommand = &command{name: "object", arity: -2,
	subcommands: subcommands(
		&command{name: "encoding", arity: 3, flags: readonlySlow, firstKey: 2, lastKey: 2, keyStep: 1, proc: objectEncodingCommand},
		&command{name: "freq", arity: 3, flags: readonlySlow, firstKey: 2, lastKey: 2, keyStep: 1, proc: objectFreqCommand},
		&command{name: "idletime", arity: 3, flags: readonlySlow, firstKey: 2, lastKey: 2, keyStep: 1, proc: objectIdletimeCommand},
		&command{name: "refcount", arity: 3, flags: readonlySlow, firstKey: 2, lastKey: 2, keyStep: 1, proc: objectRefcountCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: objectHelpCommand},
	)}

var objectCommands = []*command{objectCommand}

// objectLookup finds the key OBJECT asks about; a missing key answers a
// null, whatever the subcommand, as in Redis.
func objectLookup(s *server, c *client, key []byte) *entry {
	e := s.lookupReadNoTouch(c.db, key) // asking must not make the key young
	if e == nil {
		c.addNull()
	}
	return e
}

// encodingOf names the structure holding e's value. Redis answers with its
// own: int, embstr or raw for strings; listpack or quicklist for lists;
// listpack or hashtable for hashes. Ours are a byte slice for every string
// ("raw", Redis's name for a plain separate buffer), a ring buffer for
// lists (list.go) and a Go map, a hash table, for hashes.
func encodingOf(e *entry) string {
	if e.obj == nil {
		return "raw"
	}
	return e.obj.encoding()
}

func objectEncodingCommand(s *server, c *client, argv [][]byte) {
	if e := objectLookup(s, c, argv[2]); e != nil {
		c.addBulkString(encodingOf(e))
	}
}

// objectFreqCommand answers the key's LFU counter (evict.go), which keys
// keep only under an LFU policy.
func objectFreqCommand(s *server, c *client, argv [][]byte) {
	e := objectLookup(s, c, argv[2])
	switch {
	case e == nil:
	case !s.cfg.maxmemoryPolicy.lfu():
		c.addError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
	default:
		c.addInt(int64(lfuDecrAndReturn(e.lru, s.clock.ms)))
	}
}

// objectIdletimeCommand answers the seconds since the key was last used,
// from its access clock (evict.go), which an LFU policy uses for its
// counter instead.
func objectIdletimeCommand(s *server, c *client, argv [][]byte) {
	e := objectLookup(s, c, argv[2])
	switch {
	case e == nil:
	case s.cfg.maxmemoryPolicy.lfu():
		c.addError("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
	default:
		c.addInt(int64(s.idleMs(e) / 1000))
	}
}

// objectRefcountCommand answers 1: each value here belongs to one key.
// Redis shares the integers 0 to 9999 between keys and answers
// 2147483647 for them.
func objectRefcountCommand(s *server, c *client, argv [][]byte) {
	if objectLookup(s, c, argv[2]) != nil {
		c.addInt(1)
	}
}

func objectHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "OBJECT", []string{
		"ENCODING <key>",
		"    Return the kind of internal representation used in order to store the value",
		"    associated with a <key>.",
		"FREQ <key>",
		"    Return the access frequency index of the <key>. The returned integer is",
		"    proportional to the logarithm of the recent access frequency of the key.",
		"IDLETIME <key>",
		"    Return the idle time of the <key>, that is the approximated number of",
		"    seconds elapsed since the last access to the key.",
		"REFCOUNT <key>",
		"    Return the number of references of the value associated with the specified",
		"    <key>.",
	})
}
