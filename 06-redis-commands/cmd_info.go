package main

import (
	"crypto/sha1"
	"encoding/hex"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// INFO [section...] reports the server's state as "name:value" lines in
// titled sections, in Redis 7.0's layout, so tools that read Redis's INFO
// (redis-cli --stat, monitoring agents) read ours. Fields are Redis's, in
// its order, with our own figures; the fields of features this server
// does not have (persistence, replicas, Lua, modules) are left out
// rather than filled with made-up numbers.
var infoCommandRow = &command{name: "info", arity: -1, flags: []string{"loading", "stale"}, proc: infoCommand}

var infoCommands = []*command{infoCommandRow}

// infoSections are the sections we have, in Redis's order.
var infoSections = []struct {
	name  string
	write func(s *server, b *infoBuilder)
}{
	{"server", infoServer},
	{"clients", infoClients},
	{"memory", infoMemory},
	{"stats", infoStats},
	{"replication", infoReplication},
	{"cpu", infoCPU}, // cmd_info_cpu.go
	{"keyspace", infoKeyspace},
}

func infoCommand(s *server, c *client, argv [][]byte) {
	wanted := map[string]bool{}
	all := len(argv) == 1
	for _, arg := range argv[1:] {
		switch name := lower(arg); name {
		case "all", "default", "everything":
			all = true
		default:
			wanted[name] = true
		}
	}
	b := &infoBuilder{}
	for _, section := range infoSections {
		if all || wanted[section.name] {
			b.title(section.name)
			section.write(s, b)
		}
	}
	c.addBulk(b.buf)
}

// infoBuilder writes the reply: each section's title, a blank line
// between sections, and CRLF after every line.
type infoBuilder struct{ buf []byte }

func (b *infoBuilder) title(name string) {
	if len(b.buf) > 0 {
		b.buf = append(b.buf, "\r\n"...)
	}
	b.buf = append(b.buf, "# "...)
	if name == "cpu" {
		name = "CPU" // the one title Redis writes in capitals
	}
	b.buf = append(b.buf, strings.ToUpper(name[:1])+name[1:]...)
	b.buf = append(b.buf, "\r\n"...)
}

func (b *infoBuilder) text(name, value string) {
	b.buf = append(b.buf, name...)
	b.buf = append(b.buf, ':')
	b.buf = append(b.buf, value...)
	b.buf = append(b.buf, "\r\n"...)
}

func (b *infoBuilder) int(name string, value int64) { b.text(name, strconv.FormatInt(value, 10)) }

func infoServer(s *server, b *infoBuilder) {
	uptime := int64(s.now.Sub(s.startTime).Seconds())
	b.text("redis_version", redisVersion) // see redisVersion for why 7.0.15
	b.text("redis_mode", "standalone")
	b.text("os", osName())
	b.int("arch_bits", strconv.IntSize)
	b.text("multiplexing_api", "epoll")
	b.text("go_version", runtime.Version()) // where Redis has gcc_version
	b.int("process_id", int64(os.Getpid()))
	b.text("run_id", runID(s))
	b.text("tcp_port", portOf(s.Addr()))
	b.int("server_time_usec", s.now.UnixMicro())
	b.int("uptime_in_seconds", uptime)
	b.int("uptime_in_days", uptime/86400)
	b.int("hz", int64(s.cfg.hz))
	b.int("configured_hz", int64(s.cfg.hz))
	executable, _ := os.Executable()
	b.text("executable", executable)
	b.text("config_file", "")
	b.int("io_threads_active", 0)
}

// runID identifies this run of the server, as Redis's 40 hex digits do;
// ours hashes the process and the start time instead of drawing random
// bytes, so it needs no field of its own.
func runID(s *server) string {
	sum := sha1.Sum([]byte(strconv.Itoa(os.Getpid()) + " " + s.startTime.String()))
	return hex.EncodeToString(sum[:])
}

func osName() string {
	release, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return runtime.GOOS
	}
	arch := map[string]string{"amd64": "x86_64", "arm64": "aarch64", "386": "i686"}[runtime.GOARCH]
	if arch == "" {
		arch = runtime.GOARCH
	}
	return "Linux " + strings.TrimSpace(string(release)) + " " + arch
}

func infoClients(s *server, b *infoBuilder) {
	var maxIn, maxOut int
	for _, c := range s.conns {
		if c != nil {
			maxIn, maxOut = max(maxIn, len(c.in)), max(maxOut, len(c.out))
		}
	}
	b.int("connected_clients", int64(s.clients))
	b.int("cluster_connections", 0)
	b.int("maxclients", int64(s.cfg.maxClients))
	b.int("client_recent_max_input_buffer", int64(maxIn))
	b.int("client_recent_max_output_buffer", int64(maxOut))
	b.int("blocked_clients", int64(s.blocking.clients))
	b.int("tracking_clients", 0)
	b.int("clients_in_timeout_table", int64(len(s.blocking.deadlines)))
}

// infoMemory reports what the keys cost as used_memory: the figure
// maxmemory is compared with, which the server counts itself (memory.go),
// where Redis asks its allocator. The Go heap, garbage and all, is in the
// allocator_ fields.
func infoMemory(s *server, b *infoBuilder) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	used, peak, rss := s.usedMemory(), s.mem.peak, residentBytes()
	b.int("used_memory", used)
	b.text("used_memory_human", bytesHuman(used))
	b.int("used_memory_rss", rss)
	b.text("used_memory_rss_human", bytesHuman(rss))
	b.int("used_memory_peak", peak)
	b.text("used_memory_peak_human", bytesHuman(peak))
	b.text("used_memory_peak_perc", strconv.FormatFloat(percent(used, peak), 'f', 2, 64)+"%")
	b.int("allocator_allocated", int64(m.HeapAlloc))
	b.int("allocator_active", int64(m.HeapInuse))
	b.int("allocator_resident", int64(m.HeapSys-m.HeapReleased))
	b.int("maxmemory", int64(s.cfg.maxmemory)) // printed signed, as Redis does
	b.text("maxmemory_human", bytesHuman(int64(s.cfg.maxmemory)))
	b.text("maxmemory_policy", s.cfg.maxmemoryPolicy.String())
	b.text("mem_allocator", "go-"+runtime.Version())
}

// percent is part as a percentage of whole, 0 when whole is.
func percent(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

// residentBytes is the process's resident set, the second field of
// /proc/self/statm, in pages.
func residentBytes() int64 {
	statm, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(statm))
	if len(fields) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(fields[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// bytesHuman writes a size as Redis's bytesToHuman does: 1.30M, 200B.
func bytesHuman(n int64) string {
	units := []struct {
		size   float64
		suffix string
	}{{1 << 50, "P"}, {1 << 40, "T"}, {1 << 30, "G"}, {1 << 20, "M"}, {1 << 10, "K"}}
	for _, u := range units {
		if float64(n) >= u.size {
			return strconv.FormatFloat(float64(n)/u.size, 'f', 2, 64) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

func infoStats(s *server, b *infoBuilder) {
	st := &s.stats
	b.int("total_connections_received", st.connectionsReceived)
	b.int("total_commands_processed", st.commandsProcessed)
	b.int("total_net_input_bytes", st.netInputBytes)
	b.int("total_net_output_bytes", st.netOutputBytes)
	b.int("rejected_connections", st.rejectedConnections)
	b.int("expired_keys", st.expiredKeys)
	b.int("evicted_keys", st.evictedKeys)
	b.int("keyspace_hits", st.keyspaceHits)
	b.int("keyspace_misses", st.keyspaceMisses)
}

// infoReplication says what every server here is: a master without
// replicas. Clients that look for a master read role.
func infoReplication(s *server, b *infoBuilder) {
	b.text("role", "master")
	b.int("connected_slaves", 0)
}

// infoKeyspace has a line for each database that has keys.
func infoKeyspace(s *server, b *infoBuilder) {
	now := s.clock.ms
	for _, d := range s.dbs {
		if len(d.dict) == 0 {
			continue
		}
		b.text("db"+strconv.Itoa(d.id), "keys="+strconv.Itoa(len(d.dict))+",expires="+strconv.Itoa(len(d.expires))+
			",avg_ttl="+strconv.FormatInt(averageTTL(d, now), 10))
	}
}

// averageTTL estimates the mean time to live of the keys with one, in
// milliseconds, from a sample of them, as Redis estimates its avg_ttl
// while expiring keys: walking every key would stall the loop.
func averageTTL(d *db, now int64) int64 {
	var sum, n int64
	for _, e := range d.expires { // a Go map starts each walk at random
		if ttl := e.expireAt - now; ttl > 0 {
			sum += ttl
			n++
		}
		if n == 20 {
			break
		}
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

func hostOf(addr string) string {
	host, _, _ := net.SplitHostPort(addr)
	return host
}

func portOf(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return port
}
