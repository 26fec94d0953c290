package main

// The COMMAND DOCS and COMMAND INFO rows of the commands of pubsub.go,
// made with tools/commanddocs against redis-server 7.0.15, as the others.
func init() {
	for name, doc := range map[string]commandDoc{
		"subscribe":            {"pubsub", "2.0.0", "Listen for messages published to the given channels", "O(N) where N is the number of channels to subscribe to.", "", "", "", "channel:string*"},
		"unsubscribe":          {"pubsub", "2.0.0", "Stop listening for messages posted to the given channels", "O(N) where N is the number of clients already subscribed to a channel.", "", "", "", "channel:string?*"},
		"psubscribe":           {"pubsub", "2.0.0", "Listen for messages published to channels matching the given patterns", "O(N) where N is the number of patterns the client is already subscribed to.", "", "", "", "pattern:block*(pattern:pattern)"},
		"punsubscribe":         {"pubsub", "2.0.0", "Stop listening for messages posted to channels matching the given patterns", "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).", "", "", "", "pattern:pattern?*"},
		"publish":              {"pubsub", "2.0.0", "Post a message to a channel", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).", "", "", "", "channel:string message:string"},
		"pubsub":               {"pubsub", "2.8.0", "A container for Pub/Sub commands", "Depends on subcommand.", "", "", "", ""},
		"pubsub|channels":      {"pubsub", "2.8.0", "List active channels", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)", "", "", "", "pattern:pattern?"},
		"pubsub|numsub":        {"pubsub", "2.8.0", "Get the count of subscribers for channels", "O(N) for the NUMSUB subcommand, where N is the number of requested channels", "", "", "", "channel:string?*"},
		"pubsub|numpat":        {"pubsub", "2.8.0", "Get the count of unique patterns pattern subscriptions", "O(1)", "", "", "", ""},
		"pubsub|shardchannels": {"pubsub", "7.0.0", "List active shard channels", "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).", "", "", "", "pattern:pattern?"},
		"pubsub|shardnumsub":   {"pubsub", "7.0.0", "Get the count of subscribers for shard channels", "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels", "", "", "", "shardchannel:string?*"},
		"pubsub|help":          {"pubsub", "6.2.0", "Show helpful text about the different subcommands", "O(1)", "", "", "", ""},
	} {
		commandDocs[name] = doc
	}
}
