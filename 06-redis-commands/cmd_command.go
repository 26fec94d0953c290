package main

import (
	"sort"
	"strconv"
	"strings"
)

// COMMAND tells a client what the server can do. redis-cli asks COMMAND
// DOCS when it starts, to give hints as the user types; cluster clients
// ask COMMAND to find the keys in a command.
var commandCommand = &command{name: "command", arity: -1, flags: []string{"loading", "stale"}, proc: commandListAll,
	subcommands: subcommands(
		&command{name: "count", arity: 2, flags: []string{"loading", "stale"}, proc: commandCountCommand},
		&command{name: "info", arity: -2, flags: []string{"loading", "stale"}, proc: commandInfoCommand},
		&command{name: "docs", arity: -2, flags: []string{"loading", "stale"}, proc: commandDocsCommand},
		&command{name: "list", arity: -2, flags: []string{"loading", "stale"}, proc: commandListCommand},
		&command{name: "getkeys", arity: -4, flags: []string{"loading", "stale"}, proc: commandGetKeysCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: commandHelpCommand},
	)}

var commandCommands = []*command{commandCommand}

// sortedCommands is the table in name order. Redis answers in the order of
// its hash table, which no client may rely on; sorting makes ours stable.
func (s *server) sortedCommands() []*command {
	cmds := make([]*command, 0, len(s.commands))
	for _, cmd := range s.commands {
		cmds = append(cmds, cmd)
	}
	sortCommands(cmds)
	return cmds
}

func sortCommands(cmds []*command) {
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].fullName < cmds[j].fullName })
}

func subcommandList(cmd *command) []*command {
	subs := make([]*command, 0, len(cmd.subcommands))
	for _, sub := range cmd.subcommands {
		subs = append(subs, sub)
	}
	sortCommands(subs)
	return subs
}

// lookupCommandByName finds "get" or "client|list", as COMMAND INFO and
// DOCS accept both (Redis's lookupCommandBySds).
func (s *server) lookupCommandByName(name []byte) *command {
	parent, sub, isSub := strings.Cut(string(name), "|")
	cmd := lookupCommand(s.commands, []byte(parent))
	if !isSub {
		return cmd
	}
	if cmd == nil || cmd.subcommands == nil {
		return nil
	}
	return lookupCommand(cmd.subcommands, []byte(sub))
}

func commandListAll(s *server, c *client, argv [][]byte) {
	cmds := s.sortedCommands()
	c.addArrayLen(len(cmds))
	for _, cmd := range cmds {
		addCommandInfo(c, cmd)
	}
}

func commandCountCommand(s *server, c *client, argv [][]byte) {
	c.addInt(int64(len(s.commands)))
}

func commandInfoCommand(s *server, c *client, argv [][]byte) {
	if len(argv) == 2 {
		commandListAll(s, c, argv)
		return
	}
	c.addArrayLen(len(argv) - 2)
	for _, name := range argv[2:] {
		if cmd := s.lookupCommandByName(name); cmd != nil {
			addCommandInfo(c, cmd)
		} else {
			c.addNull()
		}
	}
}

// addCommandInfo is one row of COMMAND INFO, Redis 7.0's ten fields.
func addCommandInfo(c *client, cmd *command) {
	doc := commandDocs[cmd.fullName]
	c.addArrayLen(10)
	c.addBulkString(cmd.fullName)
	c.addInt(int64(cmd.arity))
	addStatusArray(c, cmd.flags)
	c.addInt(int64(cmd.firstKey))
	c.addInt(int64(cmd.lastKey))
	c.addInt(int64(cmd.keyStep))
	addStatusArray(c, aclCategories(cmd, doc))
	tips := strings.Fields(doc.tips)
	c.addArrayLen(len(tips))
	for _, tip := range tips {
		c.addBulkString(tip)
	}
	addKeySpecs(c, doc.keySpecs)
	subs := subcommandList(cmd)
	c.addArrayLen(len(subs))
	for _, sub := range subs {
		addCommandInfo(c, sub)
	}
}

func addStatusArray(c *client, words []string) {
	c.addArrayLen(len(words))
	for _, w := range words {
		c.addSimple(w)
	}
}

// aclCategoryOrder is the order Redis lists ACL categories in.
var aclCategoryOrder = []string{"@keyspace", "@read", "@write", "@set", "@sortedset", "@list", "@hash",
	"@string", "@bitmap", "@hyperloglog", "@geo", "@stream", "@pubsub", "@admin", "@fast", "@slow",
	"@blocking", "@dangerous", "@connection", "@transaction", "@scripting"}

// aclCategories are the categories the command's flags imply, as Redis's
// setImplicitACLCategories derives them (a command that is not fast is
// slow), with those its documentation declares.
func aclCategories(cmd *command, doc commandDoc) []string {
	has := map[string]bool{}
	for _, cat := range strings.Fields(doc.categories) {
		has[cat] = true
	}
	implied := map[string][]string{"write": {"@write"}, "readonly": {"@read"}, "admin": {"@admin", "@dangerous"},
		"pubsub": {"@pubsub"}, "fast": {"@fast"}, "blocking": {"@blocking"}}
	for _, flag := range cmd.flags {
		for _, cat := range implied[flag] {
			has[cat] = true
		}
	}
	if !has["@fast"] {
		has["@slow"] = true
	}
	var cats []string
	for _, cat := range aclCategoryOrder {
		if has[cat] {
			cats = append(cats, cat)
		}
	}
	return cats
}

// addKeySpecs sends the key specs as RESP2 flat maps.
func addKeySpecs(c *client, specs string) {
	if specs == "" {
		c.addArrayLen(0)
		return
	}
	list := strings.Split(specs, "; ")
	c.addArrayLen(len(list))
	for _, spec := range list {
		spec, notes, hasNotes := strings.Cut(spec, " | ")
		f := strings.Fields(spec) // flags index lastkey keystep limit
		if hasNotes {
			c.addArrayLen(8)
			c.addBulkString("notes")
			c.addBulkString(notes)
		} else {
			c.addArrayLen(6)
		}
		c.addBulkString("flags")
		addStatusArray(c, strings.Split(f[0], ","))
		c.addBulkString("begin_search")
		c.addArrayLen(4)
		c.addBulkString("type")
		c.addBulkString("index")
		c.addBulkString("spec")
		c.addArrayLen(2)
		c.addBulkString("index")
		c.reply = append(c.reply, ':')
		c.reply = append(c.reply, f[1]...)
		c.reply = append(c.reply, '\r', '\n')
		// find_keys is a range ("lastkey keystep limit") or, for
		// commands that say how many keys follow (SINTERCARD, ZUNION),
		// "keynum keynumidx firstkey keystep".
		findType, names, values := "range", []string{"lastkey", "keystep", "limit"}, f[2:]
		if f[2] == "keynum" {
			findType, names, values = "keynum", []string{"keynumidx", "firstkey", "keystep"}, f[3:]
		}
		c.addBulkString("find_keys")
		c.addArrayLen(4)
		c.addBulkString("type")
		c.addBulkString(findType)
		c.addBulkString("spec")
		c.addArrayLen(6)
		for i, name := range names {
			c.addBulkString(name)
			c.reply = append(c.reply, ':')
			c.reply = append(c.reply, values[i]...)
			c.reply = append(c.reply, '\r', '\n')
		}
	}
}

func commandListCommand(s *server, c *client, argv [][]byte) {
	var pattern, category []byte
	switch {
	case len(argv) == 2:
	case len(argv) == 5 && equalFold(argv[2], "filterby") && equalFold(argv[3], "pattern"):
		pattern = argv[4]
	case len(argv) == 5 && equalFold(argv[2], "filterby") && equalFold(argv[3], "aclcat"):
		category = append([]byte("@"), argv[4]...)
	case len(argv) == 5 && equalFold(argv[2], "filterby") && equalFold(argv[3], "module"):
		c.addArrayLen(0) // no modules here
		return
	default:
		c.addError("ERR syntax error")
		return
	}
	var names []string
	for _, cmd := range s.sortedCommands() {
		for _, each := range append([]*command{cmd}, subcommandList(cmd)...) {
			if pattern != nil && !stringMatch(pattern, []byte(each.fullName)) {
				continue
			}
			if category != nil && !containsFold(aclCategories(each, commandDocs[each.fullName]), string(category)) {
				continue
			}
			names = append(names, each.fullName)
		}
	}
	c.addArrayLen(len(names))
	for _, name := range names {
		c.addBulkString(name)
	}
}

func containsFold(list []string, word string) bool {
	for _, w := range list {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// commandGetKeysCommand finds the keys of a whole command by its table
// row, as a cluster proxy would.
func commandGetKeysCommand(s *server, c *client, argv [][]byte) {
	args := argv[2:]
	cmd := lookupCommand(s.commands, args[0])
	if cmd != nil && cmd.subcommands != nil && len(args) >= 2 {
		cmd = lookupCommand(cmd.subcommands, args[1])
	}
	// Redis's order (getKeysSubcommandImpl in server.c): a command with
	// no key specs has no keys, whatever its arguments; only then arity.
	var specs string
	if cmd != nil {
		specs = commandDocs[cmd.fullName].keySpecs
	}
	switch {
	case cmd == nil:
		c.addError("ERR Invalid command specified")
	case specs == "":
		c.addError("ERR The command has no key arguments")
	case (cmd.arity > 0 && len(args) != cmd.arity) || len(args) < -cmd.arity:
		c.addError("ERR Invalid number of arguments specified for command")
	default:
		keys := keysFromSpecs(specs, args)
		if len(keys) == 0 {
			c.addError("ERR Invalid arguments specified for command")
			return
		}
		c.addArrayLen(len(keys))
		for _, key := range keys {
			c.addBulk(key)
		}
	}
}

// keysFromSpecs finds a command's keys in args (args[0] is its name) from
// its key specs, as Redis 7.0's getKeysUsingKeySpecs (db.c) does: each
// spec begins at an index and takes a range of arguments, or reads a
// count there and takes that many. A count that is not a number, or keys
// that would run past the arguments, make the whole command's keys none.
func keysFromSpecs(specs string, args [][]byte) [][]byte {
	var keys [][]byte
	for _, spec := range strings.Split(specs, "; ") {
		spec, _, _ = strings.Cut(spec, " | ")
		f := strings.Fields(spec)
		first, _ := strconv.Atoi(f[1])
		var last, step int
		if f[2] == "keynum" { // keynumidx firstkey keystep
			keynumIdx, _ := strconv.Atoi(f[3])
			firstKey, _ := strconv.Atoi(f[4])
			step, _ = strconv.Atoi(f[5])
			if first+keynumIdx >= len(args) {
				return nil
			}
			n, ok := string2ll(args[first+keynumIdx])
			if !ok || n < 0 || n > int64(len(args)) {
				return nil
			}
			first += firstKey
			last = first + int(n) - 1
		} else { // lastkey keystep limit
			lastKey, _ := strconv.Atoi(f[2])
			step, _ = strconv.Atoi(f[3])
			limit, _ := strconv.Atoi(f[4])
			switch {
			case lastKey >= 0:
				last = first + lastKey
			case limit == 0:
				last = len(args) + lastKey
			default:
				last = first + (len(args)-first)/limit + lastKey
			}
		}
		if last >= len(args) || last < first || first >= len(args) {
			return nil
		}
		for i := first; i <= last; i += step {
			keys = append(keys, args[i])
		}
	}
	return keys
}

func commandHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "COMMAND", []string{
		"(no subcommand)",
		"    Return details about all Redis commands.",
		"COUNT",
		"    Return the total number of commands in this Redis server.",
		"LIST",
		"    Return a list of all commands in this Redis server.",
		"INFO [<command-name> ...]",
		"    Return details about multiple Redis commands.",
		"    If no command names are given, documentation details for all",
		"    commands are returned.",
		"DOCS [<command-name> ...]",
		"    Return documentation details about multiple Redis commands.",
		"    If no command names are given, documentation details for all",
		"    commands are returned.",
		"GETKEYS <full-command>",
		"    Return the keys from a full Redis command.",
		"GETKEYSANDFLAGS <full-command>",
		"    Return the keys and the access flags from a full Redis command.",
	})
}

// addHelp answers a container's HELP as Redis's addReplyHelp does: a
// title line, the lines given, and HELP itself, as status replies.
func addHelp(c *client, name string, lines []string) {
	c.addArrayLen(len(lines) + 3)
	c.addSimple(name + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
	for _, line := range lines {
		c.addSimple(line)
	}
	c.addSimple("HELP")
	c.addSimple("    Prints this help.")
}
