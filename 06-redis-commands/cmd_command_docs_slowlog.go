package main

// The COMMAND DOCS and COMMAND INFO rows of the commands of slowlog.go,
// latency.go and monitor.go, made with tools/commanddocs against
// redis-server 7.0.15, as the others.
func init() {
	for name, doc := range map[string]commandDoc{
		"slowlog":           {"server", "2.2.12", "A container for slow log commands", "Depends on subcommand.", "", "", "", ""},
		"slowlog|get":       {"server", "2.2.12", "Get the slow log's entries", "O(N) where N is the number of entries returned", "", "request_policy:all_nodes nondeterministic_output", "", "count:integer?"},
		"slowlog|len":       {"server", "2.2.12", "Get the slow log's length", "O(1)", "", "request_policy:all_nodes response_policy:agg_sum nondeterministic_output", "", ""},
		"slowlog|reset":     {"server", "2.2.12", "Clear all entries from the slow log", "O(N) where N is the number of entries in the slowlog", "", "request_policy:all_nodes response_policy:all_succeeded", "", ""},
		"slowlog|help":      {"server", "6.2.0", "Show helpful text about the different subcommands", "O(1)", "", "", "", ""},
		"latency":           {"server", "2.8.13", "A container for latency diagnostics commands", "Depends on subcommand.", "", "", "", ""},
		"latency|latest":    {"server", "2.8.13", "Return the latest latency samples for all events.", "O(1)", "", "nondeterministic_output request_policy:all_nodes response_policy:special", "", ""},
		"latency|history":   {"server", "2.8.13", "Return timestamp-latency samples for the event.", "O(1)", "", "nondeterministic_output request_policy:all_nodes response_policy:special", "", "event:string"},
		"latency|reset":     {"server", "2.8.13", "Reset latency data for one or more events.", "O(1)", "", "request_policy:all_nodes response_policy:all_succeeded", "", "event:string?*"},
		"latency|help":      {"server", "2.8.13", "Show helpful text about the different subcommands.", "O(1)", "", "", "", ""},
		"latency|doctor":    {"server", "2.8.13", "Return a human readable latency analysis report.", "O(1)", "", "nondeterministic_output request_policy:all_nodes response_policy:special", "", ""},
		"latency|graph":     {"server", "2.8.13", "Return a latency graph for the event.", "O(1)", "", "nondeterministic_output request_policy:all_nodes response_policy:special", "", "event:string"},
		"latency|histogram": {"server", "7.0.0", "Return the cumulative distribution of latencies of a subset of commands or all.", "O(N) where N is the number of commands with latency information being retrieved.", "", "nondeterministic_output request_policy:all_nodes response_policy:special", "", "command:string?*"},
		"monitor":           {"server", "1.0.0", "Listen for all requests received by the server in real time", "", "", "", "", ""},
	} {
		commandDocs[name] = doc
	}
}
