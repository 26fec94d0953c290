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
	maxBulk     int       // proto-max-bulk-len
	trace       io.Writer // nil: no trace

	// Who may connect and run commands (auth.go).
	requirepass   string // "": no password, Redis's default
	protectedMode yesNo
}

// server is all the program's state. Only the event loop's goroutine
// touches it, so nothing here takes a lock, with one marked exception.
type server struct {
	cfg       config
	dbs       []*db
	commands  map[string]*command
	startTime time.Time
	stats     stats

	// The loop's own state (loop_linux.go).
	addr           string
	listenFd       int
	poller         *poller
	conns          []*client // indexed by fd, as Redis's ae indexes its events
	clients        int
	nextClientID   int64
	listenerPaused bool
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

	// wakeFd is an eventfd the loop watches. Stop, the one method called
	// from another goroutine, writes to it; wakeMu keeps it from writing
	// once the fd is closed.
	wakeFd     int
	wakeMu     sync.Mutex
	wakeClosed bool
}

// stats are the counters INFO reports.
type stats struct {
	connectionsReceived int64
	rejectedConnections int64
	commandsProcessed   int64
	keyspaceHits        int64
	keyspaceMisses      int64
	expiredKeys         int64
	netInputBytes       int64
	netOutputBytes      int64
}

// newState makes the keyspace and the command table: everything but the
// sockets.
func newState(cfg config) *server {
	s := &server{cfg: cfg, startTime: time.Now(), commands: map[string]*command{}, listenFd: -1, wakeFd: -1}
	for i := 0; i < cfg.databases; i++ {
		s.dbs = append(s.dbs, newDB(i))
	}
	for _, group := range [][]*command{connectionCommands, serverCommands, stringCommands, keyCommands, expireCommands} {
		for _, cmd := range group {
			cmd.fullName = cmd.name
			for _, sub := range cmd.subcommands {
				sub.fullName = cmd.name + "|" + sub.name
			}
			s.commands[cmd.name] = cmd
		}
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
