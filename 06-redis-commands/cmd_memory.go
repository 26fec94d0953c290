package main

import (
	"runtime"
	"runtime/debug"
	"strconv"
)

// MEMORY reports what the keys cost, as memory.go counts it, with
// Redis's subcommands and replies (object.c, memoryCommand).
var memoryCommand = &command{name: "memory", arity: -2,
	subcommands: subcommands(
		&command{name: "usage", arity: -3, flags: readonlySlow, firstKey: 2, lastKey: 2, keyStep: 1, proc: memoryUsageCommand},
		&command{name: "stats", arity: 2, proc: memoryStatsCommand},
		&command{name: "doctor", arity: 2, proc: memoryDoctorCommand},
		&command{name: "malloc-stats", arity: 2, proc: memoryMallocStatsCommand},
		&command{name: "purge", arity: 2, proc: memoryPurgeCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: memoryHelpCommand},
	)}

var memoryCommands = []*command{memoryCommand}

// memoryUsageCommand is MEMORY USAGE key [SAMPLES count]: the key's cost
// in bytes (memory.go). Redis samples count elements of a big value and
// extrapolates (objectComputeSize), 0 meaning all of them. Our running
// counts are exact, so any count reads them, in O(1); 0 still walks every
// element and adds their sizes again, in O(n). As in Redis, the key is
// looked up without expiring or touching it.
func memoryUsageCommand(s *server, c *client, argv [][]byte) {
	all := false
	for i := 3; i < len(argv); i += 2 {
		if !cEqualFold(argv[i], "samples") || i+1 == len(argv) {
			c.addError("ERR syntax error")
			return
		}
		n, ok := indexOrReply(c, argv[i+1])
		if !ok {
			return
		}
		if n < 0 {
			c.addError("ERR syntax error")
			return
		}
		all = n == 0
	}
	e := c.db.dict[string(argv[2])]
	if e == nil {
		c.addNull()
		return
	}
	if all {
		c.addInt(recountedCost(len(argv[2]), e))
		return
	}
	c.addInt(entryCost(len(argv[2]), e))
}

// memoryStatsCommand answers Redis's fields, in its order, so that tools
// reading them work. total.allocated is what the keys cost (used_memory);
// the overheads are our dictionaries' slots and entries; the allocator
// fields are the Go heap's. What this server has not got (replication,
// AOF, Lua, cluster) or does not count (client buffers) is 0.
func memoryStatsCommand(s *server, c *client, argv [][]byte) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	used, peak, rss := s.usedMemory(), s.mem.peak, residentBytes()
	var dbs []*db
	var keys, overhead int64
	for _, d := range s.dbs {
		if len(d.dict) > 0 {
			dbs = append(dbs, d)
			keys += int64(len(d.dict))
			overhead += int64(len(d.dict))*(entryBytes+dictSlotBytes) + int64(len(d.expires))*dictSlotBytes
		}
	}
	allocated, active, resident := int64(m.HeapAlloc), int64(m.HeapInuse), int64(m.HeapSys-m.HeapReleased)
	c.addArrayLen(2 * (27 + len(dbs)))
	field := func(name string, v int64) {
		c.addBulkString(name)
		c.addInt(v)
	}
	ratio := func(name string, v float64) {
		c.addBulkString(name)
		c.addScore(v)
	}
	field("peak.allocated", peak)
	field("total.allocated", used)
	for _, name := range []string{"startup.allocated", "replication.backlog", "clients.slaves", "clients.normal",
		"cluster.links", "aof.buffer", "lua.caches", "functions.caches"} {
		field(name, 0)
	}
	for _, d := range dbs {
		c.addBulkString("db." + strconv.Itoa(d.id))
		c.addArrayLen(6)
		field("overhead.hashtable.main", int64(len(d.dict))*(entryBytes+dictSlotBytes))
		field("overhead.hashtable.expires", int64(len(d.expires))*dictSlotBytes)
		field("overhead.hashtable.slot-to-keys", 0)
	}
	field("overhead.total", overhead)
	field("keys.count", keys)
	field("keys.bytes-per-key", used/max(keys, 1))
	field("dataset.bytes", used-overhead)
	ratio("dataset.percentage", percent(used-overhead, used))
	ratio("peak.percentage", percent(used, peak))
	field("allocator.allocated", allocated)
	field("allocator.active", active)
	field("allocator.resident", resident)
	ratio("allocator-fragmentation.ratio", ratioOf(active, allocated))
	field("allocator-fragmentation.bytes", active-allocated)
	ratio("allocator-rss.ratio", ratioOf(resident, active))
	field("allocator-rss.bytes", resident-active)
	ratio("rss-overhead.ratio", ratioOf(rss, resident))
	field("rss-overhead.bytes", rss-resident)
	ratio("fragmentation", ratioOf(rss, used))
	field("fragmentation.bytes", rss-used)
}

// ratioOf is a/b, 0 when b is.
func ratioOf(a, b int64) float64 { return percent(a, b) / 100 }

// memoryDoctorCommand gives Redis's report for the checks that mean the
// same here: too little data to judge, a peak far above today's use, and
// big client buffers. Its other checks are about jemalloc, replicas and
// Lua, which this server has not got.
func memoryDoctorCommand(s *server, c *client, argv [][]byte) {
	used := s.usedMemory()
	if used < 5<<20 {
		c.addBulkString("Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n")
		return
	}
	bigPeak := float64(s.mem.peak)/float64(used) > 1.5
	var buffers int64
	for _, other := range s.conns {
		if other != nil {
			buffers += int64(cap(other.in) + cap(other.out))
		}
	}
	bigClientBuf := buffers/int64(max(s.clients, 1)) > 200<<10
	if !bigPeak && !bigClientBuf {
		c.addBulkString("Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n")
		return
	}
	report := "Sam, I detected a few issues in this Redis instance memory implants:\n\n"
	if bigPeak {
		report += " * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n"
	}
	if bigClientBuf {
		report += " * Big client buffers: The clients output buffers in this instance are greater than 200K per client (on average). This may result from different causes, like Pub/Sub clients subscribed to channels bot not receiving data fast enough, so that data piles on the Redis instance output buffer, or clients sending commands with large replies or very large sequences of commands in the same pipeline. Please use the CLIENT LIST command in order to investigate the issue if it causes problems in your instance, or to understand better why certain clients are using a big amount of memory.\n\n"
	}
	c.addBulkString(report + "I'm here to keep you safe, Sam. I want to help you.\n")
}

// memoryMallocStatsCommand answers what Redis built without jemalloc
// answers: Go's allocator has no such report (runtime.MemStats is in
// MEMORY STATS and INFO memory).
func memoryMallocStatsCommand(s *server, c *client, argv [][]byte) {
	c.addBulkString("Stats not supported for the current allocator")
}

// memoryPurgeCommand is Go's nearest to jemalloc's purge: a collection,
// then free pages returned to the kernel. It stops the loop while it runs.
func memoryPurgeCommand(s *server, c *client, argv [][]byte) {
	debug.FreeOSMemory()
	c.addOK()
}

func memoryHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "MEMORY", []string{
		"DOCTOR",
		"    Return memory problems reports.",
		"MALLOC-STATS",
		"    Return internal statistics report from the memory allocator.",
		"PURGE",
		"    Attempt to purge dirty pages for reclamation by the allocator.",
		"STATS",
		"    Return information about the memory usage of the server.",
		"USAGE <key> [SAMPLES <count>]",
		"    Return memory in bytes used by <key> and its value. Nested values are",
		"    sampled up to <count> times (default: 5, 0 means sample all).",
	})
}
