package main

// Key space commands.
var keyCommands = []*command{
	{name: "del", arity: -2, flags: writeOnly, firstKey: 1, lastKey: -1, keyStep: 1, proc: delCommand},
}

func delCommand(s *server, c *client, argv [][]byte) {
	var deleted int64
	for _, key := range argv[1:] {
		if s.lookup(c.db, key) != nil && c.db.remove(string(key)) {
			deleted++
		}
	}
	c.addInt(deleted)
}
