package main

import "math"

// Connection commands: PING, ECHO, SELECT, HELLO, AUTH; CLIENT is in
// cmd_client.go, AUTH's function in auth.go. QUIT never reaches the table:
// processCommand answers it.
var connectionCommands = []*command{
	{name: "ping", arity: -1, flags: []string{"fast"}, proc: pingCommand},
	{name: "echo", arity: 2, flags: []string{"loading", "stale", "fast"}, proc: echoCommand},
	{name: "select", arity: 2, flags: []string{"loading", "stale", "fast"}, proc: selectCommand},
	{name: "hello", arity: -1, flags: []string{"noscript", "loading", "stale", "fast", "no_auth", "allow_busy"}, proc: helloCommand},
	{name: "auth", arity: -2, flags: []string{"noscript", "loading", "stale", "fast", "no_auth", "allow_busy"}, proc: authCommand},
}

// redisVersion is the version we tell clients we are. It is 7.0.15, the
// Redis this chapter is checked against, because clients choose what to
// send by it: a lower number would make them avoid commands we answer
// exactly as 7.0 does, a higher one would make them try 7.2's.
const redisVersion = "7.0.15"

func pingCommand(s *server, c *client, argv [][]byte) {
	if c.subscribed() && len(argv) <= 2 {
		// RESP2's subscribed mode takes only arrays of the message kind,
		// so PING answers one: "pong" and its argument (pubsub.go).
		c.addArrayLen(2)
		c.addBulkString("pong")
		if len(argv) == 2 {
			c.addBulk(argv[1])
		} else {
			c.addBulkString("")
		}
		return
	}
	switch len(argv) {
	case 1:
		c.addSimple("PONG")
	case 2:
		c.addBulk(argv[1])
	default:
		c.addError(arityError(c.lastCmd))
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
	if n < math.MinInt32 || n > math.MaxInt32 {
		// Redis reads the index as a C int first (getIntFromObjectOrReply).
		c.addError("ERR value is out of range, value must between -2147483648 and 2147483647")
		return
	}
	if n < 0 || n >= int64(len(s.dbs)) {
		c.addError("ERR DB index is out of range")
		return
	}
	c.db = s.dbs[n]
	c.addOK()
}

// helloCommand is the handshake of Redis 6 and later: HELLO [protover
// [AUTH user pass] [SETNAME name]]. Options take effect one by one, as in
// Redis 7.0, so an error stops HELLO after the options before it.
//
// A deliberate difference: this server speaks only RESP2, so HELLO 3
// gets the error Redis 7.0 gives for a protocol it lacks, where 7.0 would
// switch to RESP3. Clients that try HELLO 3 first (go-redis does) then
// fall back to RESP2, as they do with any server that refuses.
func helloCommand(s *server, c *client, argv [][]byte) {
	if len(argv) >= 2 {
		version, ok := string2ll(argv[1])
		if !ok {
			c.addError("ERR Protocol version is not an integer or out of range")
			return
		}
		if version != 2 {
			c.addError("NOPROTO unsupported protocol version")
			return
		}
	}
	for i := 2; i < len(argv); i++ {
		more := len(argv) - 1 - i
		switch {
		case equalFold(argv[i], "auth") && more >= 2:
			if !authenticate(s, c, argv[i+1], argv[i+2]) {
				return
			}
			i += 2
		case equalFold(argv[i], "setname") && more >= 1:
			if !setClientName(c, argv[i+1]) {
				return
			}
			i++
		default:
			c.addError("ERR Syntax error in HELLO option '" + cString(argv[i], len(argv[i])) + "'")
			return
		}
	}
	if s.authRequired(c) {
		c.addError(errHelloNoAuth)
		return
	}
	c.addArrayLen(14)
	c.addBulkString("server")
	c.addBulkString("redis")
	c.addBulkString("version")
	c.addBulkString(redisVersion)
	c.addBulkString("proto")
	c.addInt(2)
	c.addBulkString("id")
	c.addInt(c.id)
	c.addBulkString("mode")
	c.addBulkString("standalone")
	c.addBulkString("role")
	c.addBulkString("master")
	c.addBulkString("modules")
	c.addArrayLen(0)
}

// setClientName is CLIENT SETNAME's rule, shared with HELLO: a name is
// printable ASCII without spaces, and the empty name removes it. It
// answers the error itself if the name is refused.
func setClientName(c *client, name []byte) bool {
	for _, b := range name {
		if b < '!' || b > '~' {
			c.addError("ERR Client names cannot contain spaces, newlines or special characters.")
			return false
		}
	}
	c.name = string(name)
	return true
}
