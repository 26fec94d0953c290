package main

import (
	"io"
	"sync"
	"time"
)

type config struct {
	addr        string
	maxClients  int
	databases   int
	hz          int
	idleTimeout time.Duration
	maxBulk     int // proto-max-bulk-len
	// queryBufferLimit is client-query-buffer-limit: the most unprocessed
	// input one client may have before it is closed.
	queryBufferLimit int
	trace            io.Writer // nil: no trace
	// pubsubOutputLimit and normalOutputLimit are client-output-buffer-limit
	// pubsub and normal, for subscribers and MONITOR clients (pubsub.go).
	pubsubOutputLimit outputLimit
	normalOutputLimit outputLimit
	// Seeing what stalls the loop (slowlog.go, latency.go).
	slowlogSlowerThan  int64 // microseconds; negative: off
	slowlogMaxLen      int
	latencyThresholdMs int64 // 0: off
	// Redis's encoding sizes, kept for CONFIG only (config_params.go).
	encodingKnobs [encodingKnobCount]string

	// Who may connect and run commands (auth.go).
	requirepass   string // "": no password, Redis's default
	protectedMode yesNo

	// How much the keys may cost, and what goes when they cost more
	// (memory.go, evict.go). maxmemory 0: no limit, Redis's default.
	maxmemory        uint64
	maxmemoryPolicy  evictionPolicy
	maxmemorySamples int
}

// server is all the program's state. Only the event loop's goroutine
// touches it, so nothing here takes a lock, with one marked exception.
type server struct {
	cfg       config
	dbs       []*db
	commands  map[string]*command
	startTime time.Time
	stats     stats
	clock     commandClock  // the time the running command runs at (expire.go)
	pubsub    pubsubState   // channels, patterns and their subscribers (pubsub.go)
	blocking  blockingState // clients parked in BLPOP and the like (blocked.go)
	slowlog   slowlog       // slowlog.go
	latency   latencyEvents // latency.go
	// histograms count every command's calls by run time, for LATENCY
	// HISTOGRAM (latency_histogram.go), indexed by command id.
	histograms []*commandHistogram
	monitors   []*client // monitor.go

	// The loop's own state (loop.go).
	addr           string
	listenFd       int
	poller         *poller
	conns          []*client // indexed by fd, as Redis's ae indexes its events
	clients        int
	nextClientID   int64
	listenerPaused bool
	killed         []*client // by CLIENT KILL, to close when the batch is done
	// Where active expiry stopped (Redis's current_db and
	// timelimit_exit in activeExpireCycle), so the next tick goes on.
	expireCurrentDB int
	expireTimedOut  bool
	now             time.Time // read once per turn of the loop
	nextCron        time.Time

	// Buffers shared by every client, because one client is served at a
	// time: a client owns memory only while a request or reply is
	// unfinished. This is how an idle connection costs a few hundred bytes.
	readBuf  []byte
	replyBuf []byte
	argv     [][]byte
	request  multibulk
	// spareBulkBuf is the buffer of the last large request, kept for the
	// next one (growForBulk).
	spareBulkBuf []byte

	// wakeFd is what the loop watches for Stop, the one method called
	// from another goroutine, which writes to wakeWriteFd: an eventfd on
	// Linux (both are the same descriptor), a pipe elsewhere. wakeMu keeps
	// Stop from writing once they are closed.
	wakeFd      int
	wakeWriteFd int
	wakeMu      sync.Mutex
	wakeClosed  bool

	// What the keys cost (memory.go), and what eviction keeps (evict.go).
	mem   keyspaceMemory
	evict evictionState
}

// stats are the counters INFO reports.
type stats struct {
	connectionsReceived int64
	rejectedConnections int64
	commandsProcessed   int64
	keyspaceHits        int64
	keyspaceMisses      int64
	expiredKeys         int64
	evictedKeys         int64
	netInputBytes       int64
	netOutputBytes      int64
}

// newState makes the keyspace and the command table: everything but the
// sockets.
func newState(cfg config) *server {
	s := &server{cfg: cfg, startTime: time.Now(), commands: commandTable, listenFd: -1, wakeFd: -1, wakeWriteFd: -1}
	if s.cfg.maxmemorySamples == 0 {
		s.cfg.maxmemorySamples = defaultMaxmemorySamples
	}
	for i := 0; i < cfg.databases; i++ {
		s.dbs = append(s.dbs, newDB(i, &s.mem))
	}
	return s
}

// newClient is a connection's state from the moment it is accepted.
func (s *server) newClient(fd int) *client {
	s.nextClientID++
	now := s.now.UnixMilli()
	return &client{id: s.nextClientID, fd: fd, db: s.dbs[0], createdMs: now, lastActiveMs: now,
		authenticated: s.cfg.requirepass == ""}
}
