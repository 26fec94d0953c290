package main

// FUNCTION manages Redis 7's server-side Lua libraries. This server runs
// no Lua, so it answers as a Redis with no library loaded: clients and
// test suites that call FUNCTION FLUSH to start clean, or FUNCTION LIST
// to look around, get what they expect. LOAD, DELETE, DUMP, RESTORE and
// KILL are unknown subcommands here.
var functionCommand = &command{name: "function", arity: -2,
	subcommands: subcommands(
		&command{name: "list", arity: -2, flags: []string{"noscript"}, proc: functionListCommand},
		&command{name: "stats", arity: 2, flags: []string{"noscript", "allow_busy"}, proc: functionStatsCommand},
		&command{name: "flush", arity: -2, flags: []string{"write", "noscript"}, proc: functionFlushCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: functionHelpCommand},
	)}

var functionCommands = []*command{functionCommand}

// functionListCommand is FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]:
// the options are checked as Redis checks them, and the list is empty.
func functionListCommand(s *server, c *client, argv [][]byte) {
	withCode, libraryName := false, false
	for i := 2; i < len(argv); i++ {
		switch {
		case !withCode && cEqualFold(argv[i], "withcode"):
			withCode = true
		case !libraryName && cEqualFold(argv[i], "libraryname"):
			if i == len(argv)-1 {
				c.addError("ERR library name argument was not given")
				return
			}
			libraryName = true
			i++
		default:
			c.addError("ERR Unknown argument " + cString(argv[i], len(argv[i])))
			return
		}
	}
	c.addArrayLen(0)
}

// functionStatsCommand answers that no function runs, and that the one
// engine Redis has, Lua, holds nothing.
func functionStatsCommand(s *server, c *client, argv [][]byte) {
	c.addArrayLen(4)
	c.addBulkString("running_script")
	c.addNull()
	c.addBulkString("engines")
	c.addArrayLen(2)
	c.addBulkString("LUA")
	c.addArrayLen(4)
	c.addBulkString("libraries_count")
	c.addInt(0)
	c.addBulkString("functions_count")
	c.addInt(0)
}

func functionFlushCommand(s *server, c *client, argv [][]byte) {
	switch {
	case len(argv) > 3:
		addSubcommandSyntaxError(c, argv)
	case len(argv) == 3 && !cEqualFold(argv[2], "sync") && !cEqualFold(argv[2], "async"):
		c.addError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option")
	default:
		c.addOK() // there is nothing to flush
	}
}

func functionHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "FUNCTION", []string{
		"LIST [LIBRARYNAME PATTERN] [WITHCODE]",
		"    Return general information on all the libraries:",
		"    * Library name",
		"    * The engine used to run the Library",
		"    * Library description",
		"    * Functions list",
		"    * Library code (if WITHCODE is given)",
		"    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
		"STATS",
		"    Return information about the current function running:",
		"    * Function name",
		"    * Command used to run the function",
		"    * Duration in MS that the function is running",
		"    If no function is running, return nil",
		"    In addition, returns a list of available engines.",
		"FLUSH [ASYNC|SYNC]",
		"    Delete all the libraries.",
		"    When called without the optional mode argument, the behavior is determined by the",
		"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
		"    * ASYNC: Asynchronously flush the libraries.",
		"    * SYNC: Synchronously flush the libraries.",
	})
}
