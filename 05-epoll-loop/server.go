//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"errors"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// readBufSize is how much the loop reads from one client per turn (Redis's
// PROTO_IOBUF_LEN). One read per ready client per turn keeps a client that
// sends a flood from starving the others: what it sent beyond this stays
// in the kernel, and the level-triggered poller reports it again next turn.
const readBufSize = 16 * 1024

// maxAcceptsPerCall bounds the accepts in one turn (Redis's
// MAX_ACCEPTS_PER_CALL), so a storm of new connections cannot keep the
// loop from the clients it already has.
const maxAcceptsPerCall = 1000

// server is the whole state of the program, and only the loop's goroutine
// touches it: no field here needs a lock. The single exception is marked.
type server struct {
	cfg      config
	addr     string // the address really bound, with the port if -addr said 0
	listenFd int
	poller   *poller
	conns    []*conn // indexed by fd, as Redis's ae indexes its events
	clients  int
	counters counters

	readBuf  []byte   // shared by every client: one read happens at a time
	replyBuf []byte   // replies to one read, before they are written
	argv     [][]byte // the words of the command being run

	// outBytesCopied counts the bytes copied into or within the clients'
	// out buffers, so that a test can check it grows linearly.
	outBytesCopied int

	listenerPaused bool      // out of file descriptors: accept later
	now            time.Time // read once per turn of the loop
	nextCron       time.Time

	// testHookAfterEvents, when set, runs after each turn's events: the
	// tests use it to make one turn overrun the cron tick at will.
	testHookAfterEvents func()

	// The loop watches wakeFd; Stop, the one method called from another
	// goroutine, writes to wakeWriteFd to wake it from its wait. They are
	// one eventfd on Linux, the two ends of a pipe on the BSDs
	// (sys_linux.go, sys_bsd.go). wakeMu keeps Stop from writing once
	// they are closed.
	wakeFd      int
	wakeWriteFd int
	wakeMu      sync.Mutex
	wakeClosed  bool
}

// newServer opens the listening socket and the poller, with no help from
// the net package, so every system call is in view.
func newServer(cfg config) (*server, error) {
	sa, family, err := parseAddr(cfg.addr)
	if err != nil {
		return nil, err
	}
	fd, err := newSocket(family)
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, listenFd: fd, wakeFd: -1, wakeWriteFd: -1, counters: counters{}}
	if err := s.listen(sa); err != nil {
		unix.Close(fd)
		return nil, err
	}
	if s.poller, err = newPoller(1024); err != nil {
		unix.Close(fd)
		return nil, err
	}
	if s.wakeFd, s.wakeWriteFd, err = openWakeup(); err != nil {
		s.closeAll()
		return nil, err
	}
	if err := s.poller.add(s.listenFd, readable); err != nil {
		s.closeAll()
		return nil, err
	}
	if err := s.poller.add(s.wakeFd, readable); err != nil {
		s.closeAll()
		return nil, err
	}
	s.readBuf = make([]byte, readBufSize)
	return s, nil
}

func (s *server) listen(sa unix.Sockaddr) error {
	// SO_REUSEADDR lets a restarted server bind while old connections
	// from its last run sit in TIME_WAIT.
	if err := unix.SetsockoptInt(s.listenFd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
		return fmt.Errorf("setsockopt SO_REUSEADDR: %w", err)
	}
	if err := unix.Bind(s.listenFd, sa); err != nil {
		if errors.Is(err, unix.EADDRINUSE) {
			return fmt.Errorf("%s is already in use (is Redis running?); pick another address with -addr", s.cfg.addr)
		}
		return fmt.Errorf("bind %s: %w", s.cfg.addr, err)
	}
	// 511 is Redis's default tcp-backlog: connections the kernel completes
	// and queues for us while the loop is busy.
	if err := unix.Listen(s.listenFd, 511); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	bound, err := unix.Getsockname(s.listenFd)
	if err != nil {
		return err
	}
	s.addr = sockaddrString(bound)
	return nil
}

// Addr is the address the server listens on.
func (s *server) Addr() string { return s.addr }

// Serve runs the event loop until Stop is called, then closes every
// connection. It keeps to one OS thread for its whole life.
func (s *server) Serve() error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer s.closeAll()

	s.now = time.Now()
	s.nextCron = s.now.Add(s.cronInterval())
	for {
		// Like Redis's aeProcessEvents: sleep until a file is ready or
		// the next time event is due, whichever comes first.
		ready, err := s.poller.wait(s.untilCron())
		if err != nil {
			return err
		}
		s.now = time.Now()
		s.traceReady(ready)
		for _, ev := range ready {
			switch ev.fd {
			case s.listenFd:
				s.acceptClients()
			case s.wakeFd:
				return nil
			default:
				if c := s.connAt(ev.fd); c != nil {
					s.handle(c, ev)
				}
			}
		}
		if s.testHookAfterEvents != nil {
			s.testHookAfterEvents()
		}
		if !s.now.Before(s.nextCron) {
			s.cron()
			s.nextCron = s.now.Add(s.cronInterval())
		}
	}
}

// Stop wakes the loop and makes Serve return. It is safe to call from any
// goroutine, such as the one that receives SIGINT, and more than once.
func (s *server) Stop() {
	s.wakeMu.Lock()
	defer s.wakeMu.Unlock()
	if !s.wakeClosed {
		unix.Write(s.wakeWriteFd, wakeMessage)
	}
}

// acceptClients takes the connections the kernel has queued, until
// accept says there are no more (EAGAIN).
func (s *server) acceptClients() {
	for range maxAcceptsPerCall {
		fd, sa, err := acceptConn(s.listenFd)
		switch {
		case err == unix.EAGAIN:
			return
		case err == unix.EINTR || err == unix.ECONNABORTED:
			continue
		case err == unix.EMFILE || err == unix.ENFILE:
			// The listener stays readable while connections wait, so a
			// level-triggered loop would call accept4 again at once and
			// spin the CPU. Stop watching it until the next cron tick.
			s.tracef("%s: %v: not accepting until the next cron tick", acceptCall, err)
			if s.poller.remove(s.listenFd, readable) == nil {
				s.listenerPaused = true
			}
			return
		case err != nil:
			s.tracef("%s: %v", acceptCall, err)
			return
		}
		if s.clients >= s.cfg.maxClients {
			// As Redis does: a best-effort error, then close.
			unix.Write(fd, []byte("-ERR max number of clients reached\r\n"))
			unix.Close(fd)
			if s.cfg.trace != nil { // formatting the address costs, even unprinted
				s.tracef("accept fd %d from %s: refused, %d clients already", fd, sockaddrString(sa), s.clients)
			}
			continue
		}
		s.register(fd, sa)
	}
}

func (s *server) register(fd int, sa unix.Sockaddr) {
	// Replies are small and written at once: do not let Nagle's
	// algorithm hold them back waiting for more.
	unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1)
	if err := s.poller.add(fd, readable); err != nil {
		unix.Close(fd)
		return
	}
	for fd >= len(s.conns) {
		s.conns = append(s.conns, nil)
	}
	s.conns[fd] = &conn{fd: fd, events: readable, lastActive: s.now}
	s.clients++
	if s.cfg.trace != nil { // formatting the address costs, even unprinted
		s.tracef("accept fd %d from %s (%d clients)", fd, sockaddrString(sa), s.clients)
	}
}

func (s *server) connAt(fd int) *conn {
	if fd < len(s.conns) {
		return s.conns[fd]
	}
	return nil
}

// untilCron is how long the loop may sleep before the cron is due. When a
// turn overran the tick, the cron is already due and time.Until is
// negative; a negative timeout makes the poller wait for ever (epoll_wait's
// -1, kevent's NULL timeout), so the idle clients would never be timed out and a listener paused on
// EMFILE never watched again. Like Redis's ae.c, a timer already due
// means a zero timeout: look at what is ready, then run the cron.
func (s *server) untilCron() time.Duration {
	return max(time.Until(s.nextCron), 0)
}

func (s *server) cronInterval() time.Duration {
	return time.Second / time.Duration(s.cfg.hz)
}

// cron is the loop's time event, like Redis's serverCron: work that is
// due by the clock rather than by a ready file descriptor.
func (s *server) cron() {
	if s.listenerPaused && s.poller.add(s.listenFd, readable) == nil {
		s.listenerPaused = false
	}
	if s.cfg.idleTimeout > 0 {
		for _, c := range s.conns {
			if c != nil && s.now.Sub(c.lastActive) > s.cfg.idleTimeout {
				s.closeConn(c, "idle timeout")
			}
		}
	}
}

// closeAll is the end of Serve: every client, the listener and the poller.
func (s *server) closeAll() {
	for _, c := range s.conns {
		if c != nil {
			s.closeConn(c, "server stopping")
		}
	}
	unix.Close(s.listenFd)
	if s.poller != nil {
		s.poller.close()
	}
	s.wakeMu.Lock()
	defer s.wakeMu.Unlock()
	if s.wakeFd >= 0 && !s.wakeClosed {
		if s.wakeWriteFd != s.wakeFd {
			unix.Close(s.wakeWriteFd)
		}
		unix.Close(s.wakeFd)
		s.wakeClosed = true
	}
}

// parseAddr turns host:port into the socket address bind wants.
func parseAddr(addr string) (unix.Sockaddr, int, error) {
	tcp, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		return nil, 0, fmt.Errorf("-addr %q: %w", addr, err)
	}
	if ip4 := tcp.IP.To4(); ip4 != nil || tcp.IP == nil {
		sa := &unix.SockaddrInet4{Port: tcp.Port}
		copy(sa.Addr[:], ip4)
		return sa, unix.AF_INET, nil
	}
	sa := &unix.SockaddrInet6{Port: tcp.Port}
	copy(sa.Addr[:], tcp.IP.To16())
	return sa, unix.AF_INET6, nil
}

func sockaddrString(sa unix.Sockaddr) string {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return net.JoinHostPort(net.IP(sa.Addr[:]).String(), strconv.Itoa(sa.Port))
	case *unix.SockaddrInet6:
		return net.JoinHostPort(net.IP(sa.Addr[:]).String(), strconv.Itoa(sa.Port))
	}
	return "?"
}
