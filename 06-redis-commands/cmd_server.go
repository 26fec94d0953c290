package main

// Server commands.
var serverCommands = []*command{
	{name: "dbsize", arity: 1, flags: readonlyFast, proc: dbsizeCommand},
}

func dbsizeCommand(s *server, c *client, argv [][]byte) {
	c.addInt(int64(len(c.db.dict)))
}

func init() {
	serverCommands = append(serverCommands,
		&command{name: "flushall", arity: -1, flags: writeOnly, proc: flushallCommand})
}

func flushallCommand(s *server, c *client, argv [][]byte) {
	for _, d := range s.dbs {
		d.flush()
	}
	c.addOK()
}
