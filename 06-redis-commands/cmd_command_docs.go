package main

import "strings"

// commandDoc is what Redis 7.0.15 says about a command beyond what our
// table holds: its documentation (COMMAND DOCS) and the parts of COMMAND
// INFO that are facts about Redis's command rather than about our code.
// The rows were produced by asking a real redis-server 7.0.15 (COMMAND
// INFO and COMMAND DOCS) for each command this chapter has or may get,
// with tools/commanddocs, which prints them in this form.
// Left out: the docs' history, doc_flags, deprecated_since and replaced_by.
type commandDoc struct {
	group, since, summary, complexity string
	// categories are the ACL categories Redis declares for the command
	// beyond those its flags imply (see aclCategories).
	categories string
	tips       string // space-separated
	// keySpecs are "FLAGS index lastkey keystep limit", one per key
	// spec, separated by "; ": a begin_search by index and a find_keys
	// by range; or "FLAGS index keynum keynumidx firstkey keystep" for a
	// find_keys by a count of keys. " | notes" may follow.
	keySpecs string
	// args is the argument tree, written compactly (see parseDocArgs):
	// name:type, then #key_spec_index, =TOKEN, @since, !deprecated_since,
	// ? optional, * multiple, + multiple_token, and (sub arguments); a
	// backslash lets a name hold a colon.
	args string
}

// commandDocs is every row, from the files that hold them by group.
var commandDocs = joinDocs(coreDocs, typeDocs, setDocs)

// joinDocs merges tables of rows; a name in two of them is a mistake.
func joinDocs(tables ...map[string]commandDoc) map[string]commandDoc {
	all := map[string]commandDoc{}
	for _, table := range tables {
		for name, doc := range table {
			if _, dup := all[name]; dup {
				panic("two documentation rows for " + name)
			}
			all[name] = doc
		}
	}
	return all
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
	if doc.complexity == "" {
		fields -= 2 // MONITOR has none
	}
	if len(args) > 0 {
		fields += 2
	}
	if cmd.subcommands != nil {
		fields += 2
	}
	c.addArrayLen(fields)
	for _, kv := range [][2]string{{"summary", doc.summary}, {"since", doc.since}, {"group", doc.group}, {"complexity", doc.complexity}} {
		if kv[1] == "" {
			continue
		}
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
	deprecatedSince                  string
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
			case '!':
				a.deprecatedSince, i = docWord(text, i)
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
	escaped := false
	for i < len(text) && !strings.ContainsRune(":#=@!?*+() ", rune(text[i])) {
		if text[i] == '\\' { // `ip\:port`: a name with a colon in it
			escaped = true
			i++
		}
		i++
	}
	if escaped {
		return strings.ReplaceAll(text[start:i], "\\", ""), i
	}
	return text[start:i], i
}

// addDocArgs sends arguments as Redis 7.0 does: each a map of name, type,
// key_spec_index, token, since, deprecated_since, flags and nested
// arguments, where present (addReplyCommandArgList in Redis's server.c).
func addDocArgs(c *client, args []docArg) {
	c.addArrayLen(len(args))
	for _, a := range args {
		fields := 4
		for _, present := range []bool{a.keySpec != "", a.token != "", a.since != "", a.deprecatedSince != "", len(a.flags) > 0, len(a.args) > 0} {
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
		if a.deprecatedSince != "" {
			c.addBulkString("deprecated_since")
			c.addBulkString(a.deprecatedSince)
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
