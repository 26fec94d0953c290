package main

// String commands.
var stringCommands = []*command{
	{name: "get", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: getCommand},
	{name: "set", arity: -3, flags: []string{"write", "denyoom"}, firstKey: 1, lastKey: 1, keyStep: 1, proc: setCommand},
}

func getCommand(s *server, c *client, argv [][]byte) {
	e := s.lookupRead(c.db, argv[1])
	if e == nil {
		c.addNull()
		return
	}
	c.addBulk(e.val)
}

func setCommand(s *server, c *client, argv [][]byte) {
	s.set(c.db, argv[1], argv[2], false)
	c.addOK()
}
