package lessoncheck

// otherTools are flags of the commands the lessons run beside ours (go
// test, nc, strace, redis-benchmark, ss), which a bare `-flag` span may
// name.
var otherTools = map[string]bool{
	"race": true, "tags": true, "run": true, "count": true, "bench": true, "benchmem": true,
	"gcflags": true, "v": true, "o": true, "cpu": true, "h": true, "help": true,
	"q": true, "t": true, "n": true, "c": true, "d": true, "p": true, "e": true, "f": true, "s": true,
	"tt": true, // strace -tt: microsecond timestamps
}

// notOurs are spans, exactly as written, that have the shape of one of our
// names but are someone else's, with whose. A name the code gains stops
// needing its entry; TestExemptionsAreNeeded then says to drop it.
var notOurs = map[string]string{
	// Redis's C global `struct redisServer server` (server.h), beside
	// which the lessons set our server type.
	"server.hz":                    "Redis's server.hz, the cron rate (server.h)",
	"server.mstime":                "Redis's server.mstime, the time call() fixes for a command (server.h)",
	"server.clients_pending_write": "Redis's server.clients_pending_write, the clients with replies to write (server.h)",
	// Go's standard library: conn is a net.Conn in the docs' prose.
	"conn.Read": "net.Conn's Read, the call Go's netpoller parks a goroutine in",
	// A value that starts with a minus sign.
}

// unimplementedFlags are flags the lessons name as missing ("-maxmemory is
// not implemented yet"). Such a span passes while no chapter defines the
// flag, and is reported once one does, because the text saying it is
// missing is then wrong.
var unimplementedFlags = map[string]string{
	"drain":          "docs/teaching.md: exercise 02-2's flag, which the learner adds to 02",
	"edge-triggered": "docs/teaching.md: exercise 05-2's flag, which the learner adds to 05",
	"reconnect":      "docs/teaching.md: exercise 07-2's flag, which the learner adds to 07",
}
