package main

// The COMMAND DOCS and COMMAND INFO rows of cmd_memory.go's MEMORY, made
// with tools/commanddocs against redis-server 7.0.15, as the others.
func init() {
	for name, doc := range map[string]commandDoc{
		"memory":              {"server", "4.0.0", "A container for memory diagnostics commands", "Depends on subcommand.", "", "", "", ""},
		"memory|usage":        {"server", "4.0.0", "Estimate the memory usage of a key", "O(N) where N is the number of samples.", "", "", "RO 2 0 1 0", "key:key#0 count:integer=SAMPLES?"},
		"memory|stats":        {"server", "4.0.0", "Show memory usage details", "O(1)", "", "nondeterministic_output request_policy:all_shards response_policy:special", "", ""},
		"memory|doctor":       {"server", "4.0.0", "Outputs memory problems report", "O(1)", "", "nondeterministic_output request_policy:all_shards response_policy:special", "", ""},
		"memory|malloc-stats": {"server", "4.0.0", "Show allocator internal stats", "Depends on how much memory is allocated, could be slow", "", "nondeterministic_output request_policy:all_shards response_policy:special", "", ""},
		"memory|purge":        {"server", "4.0.0", "Ask the allocator to release memory", "Depends on how much memory is allocated, could be slow", "", "request_policy:all_shards response_policy:all_succeeded", "", ""},
		"memory|help":         {"server", "4.0.0", "Show helpful text about the different subcommands", "O(1)", "", "", "", ""},
	} {
		commandDocs[name] = doc
	}
}
