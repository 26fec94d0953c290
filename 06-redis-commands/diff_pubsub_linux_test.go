package main

import "testing"

// Publish/subscribe against real Redis, on one connection: the replies to
// (un)subscribing, what a subscribed RESP2 client may still run, and the
// PUBSUB introspection commands. A client receives its own messages only
// inside a transaction, where it may PUBLISH while subscribed.
func TestSameAsRedisPubsub(t *testing.T) {
	runDiff(t, []diffCase{
		commands("subscribe and unsubscribe",
			cmd("SUBSCRIBE", "a", "b", "a"), cmd("UNSUBSCRIBE", "b"), cmd("UNSUBSCRIBE", "nope"), cmd("UNSUBSCRIBE"),
			cmd("UNSUBSCRIBE"), cmd("GET", "k")),
		commands("psubscribe and punsubscribe",
			cmd("PSUBSCRIBE", "n*", "n*", "h?llo"), cmd("SUBSCRIBE", "c"), cmd("PUNSUBSCRIBE", "h?llo"),
			cmd("PUNSUBSCRIBE", "n*"), cmd("PUNSUBSCRIBE"), cmd("UNSUBSCRIBE", "c"), cmd("PING")),
		commands("nothing to unsubscribe", cmd("UNSUBSCRIBE"), cmd("PUNSUBSCRIBE"), cmd("PUNSUBSCRIBE", "x")),
		commands("subscribed mode",
			cmd("SUBSCRIBE", "a"), cmd("GET", "k"), cmd("PING"), cmd("PING", "hi"), cmd("PING", "a", "b"),
			cmd("PUBLISH", "a", "m"), cmd("client", "list"), cmd("NOSUCH"), cmd("SET", "k"), cmd("QUIT")),
		commands("publish with no subscriber", cmd("PUBLISH", "ch", "m"), cmd("PUBLISH", "ch"), cmd("PUBLISH")),
		commands("arity", cmd("SUBSCRIBE"), cmd("PSUBSCRIBE"), cmd("PUBSUB"), cmd("PUBSUB", "NOSUCH")),
		commands("pubsub introspection",
			cmd("PUBSUB", "CHANNELS"), cmd("PUBSUB", "NUMSUB"), cmd("PUBSUB", "NUMSUB", "a", "b"), cmd("PUBSUB", "NUMPAT"),
			cmd("PUBSUB", "CHANNELS", "*", "x"), cmd("PUBSUB", "NUMPAT", "x"), cmd("PUBSUB", "HELP"),
			cmd("PUBSUB", "help", "x"), cmd("PUBSUB", "SHARDCHANNELS"), cmd("PUBSUB", "SHARDNUMSUB", "a"),
			cmd("PUBSUB", "SHARDCHANNELS", "a", "b")),
		commands("own messages inside a transaction",
			cmd("MULTI"), cmd("SUBSCRIBE", "news"), cmd("PSUBSCRIBE", "n*"), cmd("PUBLISH", "news", "hello"),
			cmd("PUBSUB", "NUMSUB", "news"), cmd("PUBSUB", "NUMPAT"), cmd("PUBSUB", "CHANNELS", "n*"),
			cmd("PUBLISH", "other", "x"), cmd("EXEC"), cmd("PING")),
		commands("subscribe queued and refused",
			cmd("MULTI"), cmd("SUBSCRIBE", "a"), cmd("EXEC"), cmd("MULTI")),
		{name: "inline", send: "SUBSCRIBE a\r\nPING\r\nUNSUBSCRIBE\r\n"},
	})
}
