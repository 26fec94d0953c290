package main

import (
	"bytes"

	"onethread/internal/wire"
)

// command is one row of the command table, as in Redis's: its name, its
// arity, its flags, where its keys are, and the function that runs it.
type command struct {
	name string // lower case
	// arity counts the name itself: 2 means exactly "GET key"; -3 means
	// at least three words, as "SET key value [options]".
	arity int
	flags []string
	// firstKey, lastKey and keyStep say which arguments are keys, for
	// COMMAND INFO (lastKey -1: to the end).
	firstKey, lastKey, keyStep int
	proc                       func(s *server, c *client, argv [][]byte)
	// subcommands make a container command (CLIENT, CONFIG, OBJECT...):
	// the second word picks the row that runs.
	subcommands map[string]*command
	// fullName is the name errors use: "get", or "client|list" for a
	// subcommand. buildCommandTable fills it in.
	fullName string
	// id numbers the rows from 0, for tables a server keeps per command
	// (LATENCY HISTOGRAM's, latency_histogram.go) without a map lookup.
	id int
}

// commandTable is every command by name. Each file keeps the rows of its
// commands beside their code, as a group (stringCommands in t_string.go,
// listCommands in t_list.go...); this is the one place that gathers them.
// The rows are shared by every server in the process and never change
// once built.
var commandTable = buildCommandTable(
	connectionCommands, clientCommands, // cmd_connection.go, cmd_client.go
	serverCommands, infoCommands, commandCommands, // cmd_server.go, cmd_info.go, cmd_command.go
	keyCommands, expireCommands, objectCommands, // cmd_keys.go, cmd_expire.go, cmd_object.go
	functionCommands, multiCommands, pubsubCommands, blockingCommands, // cmd_function.go, multi.go, pubsub.go, blocked.go
	slowlogCommands, latencyCommands, monitorCommands, // slowlog.go, latency.go, monitor.go
	stringCommands, listCommands, hashCommands, // t_string.go, t_list.go, t_hash.go
	setCommands, zsetCommands, bitCommands, lcsCommands, // t_set.go, t_zset.go, t_bitops.go, t_string_lcs.go
	memoryCommands, // cmd_memory.go
)

// buildCommandTable indexes the groups' rows by name and gives each its
// full name, "get" or "client|list".
func buildCommandTable(groups ...[]*command) map[string]*command {
	table := map[string]*command{}
	ids := 0
	for _, group := range groups {
		for _, cmd := range group {
			if table[cmd.name] != nil {
				panic("command " + cmd.name + " is in two groups")
			}
			cmd.fullName = cmd.name
			cmd.id, ids = ids, ids+1
			for _, sub := range cmd.subcommands {
				sub.fullName = cmd.name + "|" + sub.name
				sub.id, ids = ids, ids+1
			}
			table[cmd.name] = cmd
		}
	}
	return table
}

// arityError is Redis's error for a wrong number of arguments.
func arityError(cmd *command) string {
	return "ERR wrong number of arguments for '" + cmd.fullName + "' command"
}

// Flag sets shared by many rows of the table, as COMMAND INFO shows them.
// denyoom marks commands that add memory (Redis refuses them past
// maxmemory); fast, those that take constant or log time.
var (
	readonlyFast   = []string{"readonly", "fast"}
	readonlySlow   = []string{"readonly"}
	writeFast      = []string{"write", "denyoom", "fast"}
	writeDenyOOM   = []string{"write", "denyoom"}
	writeNoOOMFast = []string{"write", "fast"}
	writeOnly      = []string{"write"}
)

// lookupCommand finds name, in any case, without allocating: the name is
// lowered into a small array, and a map lookup with string(bytes) does
// not copy.
func lookupCommand(table map[string]*command, name []byte) *command {
	var lower [32]byte
	if len(name) > len(lower) {
		return nil // no command has a name this long
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return table[string(lower[:len(name)])]
}

// subcommands builds a container's table from its rows.
func subcommands(rows ...*command) map[string]*command {
	table := make(map[string]*command, len(rows))
	for _, row := range rows {
		table[row.name] = row
	}
	return table
}

// equalFold reports whether word is lower, ignoring ASCII case.
func equalFold(word []byte, lower string) bool { return wire.EqualFold(word, lower) }

// cEqualFold is equalFold on arg as C sees it, up to its first NUL byte:
// Redis compares option names with strcasecmp, so "COUNT\x00x" is COUNT.
func cEqualFold(arg []byte, lower string) bool {
	if i := bytes.IndexByte(arg, 0); i >= 0 {
		arg = arg[:i]
	}
	return equalFold(arg, lower)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}
