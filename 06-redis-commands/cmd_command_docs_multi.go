package main

// The COMMAND DOCS and COMMAND INFO rows of the commands of multi.go,
// made with tools/commanddocs against redis-server 7.0.15, as the others.
func init() {
	for name, doc := range map[string]commandDoc{
		"multi":   {"transactions", "1.2.0", "Mark the start of a transaction block", "O(1)", "@transaction", "", "", ""},
		"exec":    {"transactions", "1.2.0", "Execute all commands issued after MULTI", "Depends on commands in the transaction", "@transaction", "", "", ""},
		"discard": {"transactions", "2.0.0", "Discard all commands issued after MULTI", "O(N), when N is the number of queued commands", "@transaction", "", "", ""},
		"watch":   {"transactions", "2.2.0", "Watch the given keys to determine execution of the MULTI/EXEC block", "O(1) for every key.", "@transaction", "", "RO 1 -1 1 0", "key:key#0*"},
		"unwatch": {"transactions", "2.2.0", "Forget about all watched keys", "O(1)", "@transaction", "", "", ""},
	} {
		commandDocs[name] = doc
	}
}
