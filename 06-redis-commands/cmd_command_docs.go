package main

import "strings"

// commandDoc is what Redis 7.0.15 says about a command beyond what our
// table holds: its documentation (COMMAND DOCS) and the parts of COMMAND
// INFO that are facts about Redis's command rather than about our code.
// The rows were produced by asking a real redis-server 7.0.15 (COMMAND
// INFO and COMMAND DOCS) for each command this chapter has or may get.
// Left out: the docs' history, doc_flags and key specs' notes.
type commandDoc struct {
	group, since, summary, complexity string
	// categories are the ACL categories Redis declares for the command
	// beyond those its flags imply (see aclCategories).
	categories string
	tips       string // space-separated
	// keySpecs are "FLAGS index lastkey keystep limit", one per key
	// spec, separated by "; ": a begin_search by index and a find_keys
	// by range, the only kinds these commands use. " | notes" may follow.
	keySpecs string
	// args is the argument tree, written compactly (see parseDocArgs):
	// name:type, then #key_spec_index, =TOKEN, @since, ? optional,
	// * multiple, + multiple_token, and (sub arguments).
	args string
}

var commandDocs = map[string]commandDoc{
	"ping":             {"connection", "1.0.0", "Ping the server", "O(1)", "@connection", "request_policy:all_shards response_policy:all_succeeded", "", "message:string?"},
	"echo":             {"connection", "1.0.0", "Echo the given string", "O(1)", "@connection", "", "", "message:string"},
	"select":           {"connection", "1.0.0", "Change the selected database for the current connection", "O(1)", "@connection", "", "", "index:integer"},
	"hello":            {"connection", "6.0.0", "Handshake with Redis", "O(1)", "@connection", "", "", "arguments:block?(protover:integer username_password:block=AUTH?(username:string password:string) clientname:string=SETNAME?)"},
	"quit":             {"connection", "1.0.0", "Close the connection", "O(1)", "@connection", "", "", ""},
	"auth":             {"connection", "1.0.0", "Authenticate to the server", "O(N) where N is the number of passwords defined for the user", "@connection", "", "", "username:string@6.0.0? password:string"},
	"client":           {"connection", "2.4.0", "A container for client connection commands", "Depends on subcommand.", "", "", "", ""},
	"client|id":        {"connection", "5.0.0", "Returns the client ID for the current connection", "O(1)", "@connection", "", "", ""},
	"client|setname":   {"connection", "2.6.9", "Set the current connection name", "O(1)", "@connection", "", "", "connection-name:string"},
	"client|getname":   {"connection", "2.6.9", "Get the current connection name", "O(1)", "@connection", "", "", ""},
	"client|list":      {"connection", "2.4.0", "Get the list of client connections", "O(N) where N is the number of client connections", "@connection", "nondeterministic_output", "", "normal_master_replica_pubsub:oneof=TYPE@5.0.0?(normal:pure-token=NORMAL master:pure-token=MASTER replica:pure-token=REPLICA pubsub:pure-token=PUBSUB) id:block=ID@6.2.0?(client-id:integer*)"},
	"client|info":      {"connection", "6.2.0", "Returns information about the current client connection.", "O(1)", "@connection", "nondeterministic_output", "", ""},
	"client|help":      {"connection", "5.0.0", "Show helpful text about the different subcommands", "O(1)", "@connection", "", "", ""},
	"config":           {"server", "2.0.0", "A container for server configuration commands", "Depends on subcommand.", "", "", "", ""},
	"config|get":       {"server", "2.0.0", "Get the values of configuration parameters", "O(N) when N is the number of configuration parameters provided", "", "", "", "parameter:block*(parameter:string)"},
	"config|set":       {"server", "2.0.0", "Set configuration parameters to the given values", "O(N) when N is the number of configuration parameters provided", "", "request_policy:all_nodes response_policy:all_succeeded", "", "parameter_value:block*(parameter:string value:string)"},
	"config|resetstat": {"server", "2.0.0", "Reset the stats returned by INFO", "O(1)", "", "", "", ""},
	"config|rewrite":   {"server", "2.8.0", "Rewrite the configuration file with the in memory configuration", "O(1)", "", "", "", ""},
	"config|help":      {"server", "5.0.0", "Show helpful text about the different subcommands", "O(1)", "", "", "", ""},
	"info":             {"server", "1.0.0", "Get information and statistics about the server", "O(1)", "@dangerous", "nondeterministic_output request_policy:all_shards response_policy:special", "", "section:string?*"},
	"dbsize":           {"server", "1.0.0", "Return the number of keys in the selected database", "O(1)", "@keyspace", "request_policy:all_shards response_policy:agg_sum", "", ""},
	"flushdb":          {"server", "1.0.0", "Remove all keys from the current database", "O(N) where N is the number of keys in the selected database", "@keyspace @dangerous", "request_policy:all_shards response_policy:all_succeeded", "", "async:oneof?(async:pure-token=ASYNC@4.0.0 sync:pure-token=SYNC@6.2.0)"},
	"flushall":         {"server", "1.0.0", "Remove all keys from all databases", "O(N) where N is the total number of keys in all databases", "@keyspace @dangerous", "request_policy:all_shards response_policy:all_succeeded", "", "async:oneof?(async:pure-token=ASYNC@4.0.0 sync:pure-token=SYNC@6.2.0)"},
	"time":             {"server", "2.6.0", "Return the current server time", "O(1)", "", "nondeterministic_output", "", ""},
	"command":          {"server", "2.8.13", "Get array of Redis command details", "O(N) where N is the total number of Redis commands", "@connection", "nondeterministic_output_order", "", ""},
	"command|count":    {"server", "2.8.13", "Get total number of Redis commands", "O(1)", "@connection", "", "", ""},
	"command|info":     {"server", "2.8.13", "Get array of specific Redis command details, or all when no argument is given.", "O(N) where N is the number of commands to look up", "@connection", "nondeterministic_output_order", "", "command-name:string?*"},
	"command|docs":     {"server", "7.0.0", "Get array of specific Redis command documentation", "O(N) where N is the number of commands to look up", "@connection", "nondeterministic_output_order", "", "command-name:string?*"},
	"command|list":     {"server", "7.0.0", "Get an array of Redis command names", "O(N) where N is the total number of Redis commands", "@connection", "nondeterministic_output_order", "", "filterby:oneof=FILTERBY?(module-name:string=MODULE category:string=ACLCAT pattern:pattern=PATTERN)"},
	"command|getkeys":  {"server", "2.8.13", "Extract keys given a full Redis command", "O(N) where N is the number of arguments to the command", "@connection", "", "", ""},
	"command|help":     {"server", "5.0.0", "Show helpful text about the different subcommands", "O(1)", "@connection", "", "", ""},
	"append":           {"string", "2.0.0", "Append a value to a key", "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.", "@string", "", "RW,insert 1 0 1 0", "key:key#0 value:string"},
	"decr":             {"string", "1.0.0", "Decrement the integer value of a key by one", "O(1)", "@string", "", "RW,access,update 1 0 1 0", "key:key#0"},
	"decrby":           {"string", "1.0.0", "Decrement the integer value of a key by the given number", "O(1)", "@string", "", "RW,access,update 1 0 1 0", "key:key#0 decrement:integer"},
	"get":              {"string", "1.0.0", "Get the value of a key", "O(1)", "@string", "", "RO,access 1 0 1 0", "key:key#0"},
	"getdel":           {"string", "6.2.0", "Get the value of a key and delete the key", "O(1)", "@string", "", "RW,access,delete 1 0 1 0", "key:key#0"},
	"getex":            {"string", "6.2.0", "Get the value of a key and optionally set its expiration", "O(1)", "@string", "", "RW,access,update 1 0 1 0 | RW and UPDATE because it changes the TTL", "key:key#0 expiration:oneof?(seconds:integer=EX milliseconds:integer=PX unix-time-seconds:unix-time=EXAT unix-time-milliseconds:unix-time=PXAT persist:pure-token=PERSIST)"},
	"getrange":         {"string", "2.4.0", "Get a substring of the string stored at a key", "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.", "@string", "", "RO,access 1 0 1 0", "key:key#0 start:integer end:integer"},
	"getset":           {"string", "1.0.0", "Set the string value of a key and return its old value", "O(1)", "@string", "", "RW,access,update 1 0 1 0", "key:key#0 value:string"},
	"incr":             {"string", "1.0.0", "Increment the integer value of a key by one", "O(1)", "@string", "", "RW,access,update 1 0 1 0", "key:key#0"},
	"incrby":           {"string", "1.0.0", "Increment the integer value of a key by the given amount", "O(1)", "@string", "", "RW,access,update 1 0 1 0", "key:key#0 increment:integer"},
	"incrbyfloat":      {"string", "2.6.0", "Increment the float value of a key by the given amount", "O(1)", "@string", "", "RW,access,update 1 0 1 0", "key:key#0 increment:double"},
	"lcs":              {"string", "7.0.0", "Find longest common substring", "O(N*M) where N and M are the lengths of s1 and s2, respectively", "@string", "", "RO,access 1 1 1 0", "key1:key#0 key2:key#0 len:pure-token=LEN? idx:pure-token=IDX? len:integer=MINMATCHLEN? withmatchlen:pure-token=WITHMATCHLEN?"},
	"mget":             {"string", "1.0.0", "Get the values of all the given keys", "O(N) where N is the number of keys to retrieve.", "@string", "request_policy:multi_shard", "RO,access 1 -1 1 0", "key:key#0*"},
	"mset":             {"string", "1.0.1", "Set multiple keys to multiple values", "O(N) where N is the number of keys to set.", "@string", "request_policy:multi_shard response_policy:all_succeeded", "OW,update 1 -1 2 0", "key_value:block*(key:key#0 value:string)"},
	"msetnx":           {"string", "1.0.1", "Set multiple keys to multiple values, only if none of the keys exist", "O(N) where N is the number of keys to set.", "@string", "request_policy:multi_shard response_policy:agg_min", "OW,insert 1 -1 2 0", "key_value:block*(key:key#0 value:string)"},
	"psetex":           {"string", "2.6.0", "Set the value and expiration in milliseconds of a key", "O(1)", "@string", "", "OW,update 1 0 1 0", "key:key#0 milliseconds:integer value:string"},
	"set":              {"string", "1.0.0", "Set the string value of a key", "O(1)", "@string", "", "RW,access,update,variable_flags 1 0 1 0 | RW and ACCESS due to the optional `GET` argument", "key:key#0 value:string condition:oneof@2.6.12?(nx:pure-token=NX xx:pure-token=XX) get:pure-token=GET@6.2.0? expiration:oneof?(seconds:integer=EX@2.6.12 milliseconds:integer=PX@2.6.12 unix-time-seconds:unix-time=EXAT@6.2.0 unix-time-milliseconds:unix-time=PXAT@6.2.0 keepttl:pure-token=KEEPTTL@6.0.0)"},
	"setex":            {"string", "2.0.0", "Set the value and expiration of a key", "O(1)", "@string", "", "OW,update 1 0 1 0", "key:key#0 seconds:integer value:string"},
	"setnx":            {"string", "1.0.0", "Set the value of a key, only if the key does not exist", "O(1)", "@string", "", "OW,insert 1 0 1 0", "key:key#0 value:string"},
	"setrange":         {"string", "2.2.0", "Overwrite part of a string at key starting at the specified offset", "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.", "@string", "", "RW,update 1 0 1 0", "key:key#0 offset:integer value:string"},
	"strlen":           {"string", "2.2.0", "Get the length of the value stored in a key", "O(1)", "@string", "", "RO 1 0 1 0", "key:key#0"},
	"substr":           {"string", "1.0.0", "Get a substring of the string stored at a key", "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.", "@string", "", "RO,access 1 0 1 0", "key:key#0 start:integer end:integer"},
	"del":              {"generic", "1.0.0", "Delete a key", "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).", "@keyspace", "request_policy:multi_shard response_policy:agg_sum", "RM,delete 1 -1 1 0", "key:key#0*"},
	"exists":           {"generic", "1.0.0", "Determine if a key exists", "O(N) where N is the number of keys to check.", "@keyspace", "request_policy:multi_shard response_policy:agg_sum", "RO 1 -1 1 0", "key:key#0*"},
	"expire":           {"generic", "1.0.0", "Set a key's time to live in seconds", "O(1)", "@keyspace", "", "RW,update 1 0 1 0", "key:key#0 seconds:integer condition:oneof@7.0.0?(nx:pure-token=NX xx:pure-token=XX gt:pure-token=GT lt:pure-token=LT)"},
	"expireat":         {"generic", "1.2.0", "Set the expiration for a key as a UNIX timestamp", "O(1)", "@keyspace", "", "RW,update 1 0 1 0", "key:key#0 unix-time-seconds:unix-time condition:oneof@7.0.0?(nx:pure-token=NX xx:pure-token=XX gt:pure-token=GT lt:pure-token=LT)"},
	"expiretime":       {"generic", "7.0.0", "Get the expiration Unix timestamp for a key", "O(1)", "@keyspace", "", "RO,access 1 0 1 0", "key:key#0"},
	"keys":             {"generic", "1.0.0", "Find all keys matching the given pattern", "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.", "@keyspace @dangerous", "request_policy:all_shards nondeterministic_output_order", "", "pattern:pattern"},
	"persist":          {"generic", "2.2.0", "Remove the expiration from a key", "O(1)", "@keyspace", "", "RW,update 1 0 1 0", "key:key#0"},
	"pexpire":          {"generic", "2.6.0", "Set a key's time to live in milliseconds", "O(1)", "@keyspace", "", "RW,update 1 0 1 0", "key:key#0 milliseconds:integer condition:oneof@7.0.0?(nx:pure-token=NX xx:pure-token=XX gt:pure-token=GT lt:pure-token=LT)"},
	"pexpireat":        {"generic", "2.6.0", "Set the expiration for a key as a UNIX timestamp specified in milliseconds", "O(1)", "@keyspace", "", "RW,update 1 0 1 0", "key:key#0 unix-time-milliseconds:unix-time condition:oneof@7.0.0?(nx:pure-token=NX xx:pure-token=XX gt:pure-token=GT lt:pure-token=LT)"},
	"pexpiretime":      {"generic", "7.0.0", "Get the expiration Unix timestamp for a key in milliseconds", "O(1)", "@keyspace", "", "RO,access 1 0 1 0", "key:key#0"},
	"pttl":             {"generic", "2.6.0", "Get the time to live for a key in milliseconds", "O(1)", "@keyspace", "nondeterministic_output", "RO,access 1 0 1 0", "key:key#0"},
	"randomkey":        {"generic", "1.0.0", "Return a random key from the keyspace", "O(1)", "@keyspace", "request_policy:all_shards nondeterministic_output", "", ""},
	"rename":           {"generic", "1.0.0", "Rename a key", "O(1)", "@keyspace", "", "RW,access,delete 1 0 1 0; OW,update 2 0 1 0", "key:key#0 newkey:key#1"},
	"renamenx":         {"generic", "1.0.0", "Rename a key, only if the new key does not exist", "O(1)", "@keyspace", "", "RW,access,delete 1 0 1 0; OW,insert 2 0 1 0", "key:key#0 newkey:key#1"},
	"scan":             {"generic", "2.8.0", "Incrementally iterate the keys space", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.", "@keyspace", "nondeterministic_output request_policy:special", "", "cursor:integer pattern:pattern=MATCH? count:integer=COUNT? type:string=TYPE@6.0.0?"},
	"touch":            {"generic", "3.2.1", "Alters the last access time of a key(s). Returns the number of existing keys specified.", "O(N) where N is the number of keys that will be touched.", "@keyspace", "request_policy:multi_shard response_policy:agg_sum", "RO 1 -1 1 0", "key:key#0*"},
	"ttl":              {"generic", "1.0.0", "Get the time to live for a key in seconds", "O(1)", "@keyspace", "nondeterministic_output", "RO,access 1 0 1 0", "key:key#0"},
	"type":             {"generic", "1.0.0", "Determine the type stored at key", "O(1)", "@keyspace", "", "RO 1 0 1 0", "key:key#0"},
	"unlink":           {"generic", "4.0.0", "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.", "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.", "@keyspace", "request_policy:multi_shard response_policy:agg_sum", "RM,delete 1 -1 1 0", "key:key#0*"},
	"copy":             {"generic", "6.2.0", "Copy a key", "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.", "@keyspace", "", "RO,access 1 0 1 0; OW,update 2 0 1 0", "source:key#0 destination:key#1 destination-db:integer=DB? replace:pure-token=REPLACE?"},
	"move":             {"generic", "1.0.0", "Move a key to another database", "O(1)", "@keyspace", "", "RW,access,update 1 0 1 0", "key:key#0 db:integer"},
}

// commandDocsCommand answers COMMAND DOCS, a map from each name to its
// documentation (a flat array in RESP2). Unknown names are left out.
func commandDocsCommand(s *server, c *client, argv [][]byte) {
	var cmds []*command
	if len(argv) == 2 {
		cmds = s.sortedCommands()
	} else {
		for _, name := range argv[2:] {
			if cmd := s.lookupCommandByName(name); cmd != nil {
				cmds = append(cmds, cmd)
			}
		}
	}
	c.addArrayLen(2 * len(cmds))
	for _, cmd := range cmds {
		c.addBulkString(cmd.fullName)
		addCommandDoc(c, cmd)
	}
}

func addCommandDoc(c *client, cmd *command) {
	doc, ok := commandDocs[cmd.fullName]
	if !ok {
		doc = commandDoc{group: "generic", since: "0.0.0"} // a command Redis 7.0 does not have
	}
	args := parseDocArgs(doc.args)
	fields := 8
	if len(args) > 0 {
		fields += 2
	}
	if cmd.subcommands != nil {
		fields += 2
	}
	c.addArrayLen(fields)
	for _, kv := range [][2]string{{"summary", doc.summary}, {"since", doc.since}, {"group", doc.group}, {"complexity", doc.complexity}} {
		c.addBulkString(kv[0])
		c.addBulkString(kv[1])
	}
	if len(args) > 0 {
		c.addBulkString("arguments")
		addDocArgs(c, args)
	}
	if cmd.subcommands != nil {
		subs := subcommandList(cmd)
		c.addBulkString("subcommands")
		c.addArrayLen(2 * len(subs))
		for _, sub := range subs {
			c.addBulkString(sub.fullName)
			addCommandDoc(c, sub)
		}
	}
}

// docArg is one argument in a command's documentation.
type docArg struct {
	name, typ, keySpec, token, since string
	flags                            []string
	args                             []docArg
}

// parseDocArgs reads the compact form of commandDoc.args, such as
// "key:key#0 condition:oneof?(nx:pure-token=NX xx:pure-token=XX)".
func parseDocArgs(text string) []docArg {
	args, _ := parseDocArgList(text, 0)
	return args
}

func parseDocArgList(text string, i int) ([]docArg, int) {
	var args []docArg
	for i < len(text) && text[i] != ')' {
		if text[i] == ' ' {
			i++
			continue
		}
		var a docArg
		a.name, i = docWord(text, i)
		i++ // ':'
		a.typ, i = docWord(text, i)
		for i < len(text) && text[i] != ' ' && text[i] != ')' {
			mark := text[i]
			i++
			switch mark {
			case '#':
				a.keySpec, i = docWord(text, i)
			case '=':
				a.token, i = docWord(text, i)
			case '@':
				a.since, i = docWord(text, i)
			case '?':
				a.flags = append(a.flags, "optional")
			case '*':
				a.flags = append(a.flags, "multiple")
			case '+':
				a.flags = append(a.flags, "multiple_token")
			case '(':
				a.args, i = parseDocArgList(text, i)
				i++ // ')'
			}
		}
		args = append(args, a)
	}
	return args, i
}

// docWord reads up to the next mark of the compact form.
func docWord(text string, i int) (string, int) {
	start := i
	for i < len(text) && !strings.ContainsRune(":#=@?*+() ", rune(text[i])) {
		i++
	}
	return text[start:i], i
}

// addDocArgs sends arguments as Redis 7.0 does: each a map of name, type,
// key_spec_index, token, since, flags and nested arguments, where present.
func addDocArgs(c *client, args []docArg) {
	c.addArrayLen(len(args))
	for _, a := range args {
		fields := 4
		for _, present := range []bool{a.keySpec != "", a.token != "", a.since != "", len(a.flags) > 0, len(a.args) > 0} {
			if present {
				fields += 2
			}
		}
		c.addArrayLen(fields)
		c.addBulkString("name")
		c.addBulkString(a.name)
		c.addBulkString("type")
		c.addBulkString(a.typ)
		if a.keySpec != "" {
			c.addBulkString("key_spec_index")
			c.reply = append(c.reply, ':')
			c.reply = append(c.reply, a.keySpec...)
			c.reply = append(c.reply, '\r', '\n')
		}
		if a.token != "" {
			c.addBulkString("token")
			c.addBulkString(a.token)
		}
		if a.since != "" {
			c.addBulkString("since")
			c.addBulkString(a.since)
		}
		if len(a.flags) > 0 {
			c.addBulkString("flags")
			addStatusArray(c, a.flags)
		}
		if len(a.args) > 0 {
			c.addBulkString("arguments")
			addDocArgs(c, a.args)
		}
	}
}
