package main

// Connection commands: PING, ECHO, SELECT, HELLO, CLIENT.
var connectionCommands = []*command{
	{name: "ping", arity: -1, flags: []string{"fast"}, proc: pingCommand},
	{name: "echo", arity: 2, flags: []string{"fast"}, proc: echoCommand},
	{name: "select", arity: 2, flags: []string{"loading", "stale", "fast"}, proc: selectCommand},
}

func pingCommand(s *server, c *client, argv [][]byte) {
	switch len(argv) {
	case 1:
		c.addSimple("PONG")
	case 2:
		c.addBulk(argv[1])
	default:
		c.addError("ERR wrong number of arguments for 'ping' command")
	}
}

func echoCommand(s *server, c *client, argv [][]byte) {
	c.addBulk(argv[1])
}

func selectCommand(s *server, c *client, argv [][]byte) {
	n, ok := string2ll(argv[1])
	if !ok {
		c.addError("ERR value is not an integer or out of range")
		return
	}
	if n < 0 || n >= int64(len(s.dbs)) {
		c.addError("ERR DB index is out of range")
		return
	}
	c.db = s.dbs[n]
	c.addOK()
}
