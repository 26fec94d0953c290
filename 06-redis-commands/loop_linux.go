package main

import (
	"errors"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// readBufSize is how much the loop reads from one client per turn (Redis's
// PROTO_IOBUF_LEN). One read per ready client per turn keeps a client that
// sends a flood from starving the others: what it sent beyond this stays
// in the kernel, and level-triggered epoll reports it again next turn.
const readBufSize = 16 * 1024

// maxAcceptsPerCall bounds the accepts in one turn (Redis's
// MAX_ACCEPTS_PER_CALL), so a storm of new connections cannot keep the
// loop from the clients it already has.
const maxAcceptsPerCall = 1000

// newServer opens the listening socket and the epoll instance, with no
// help from the net package, so every system call is in view.
func newServer(cfg config) (*server, error) {
	sa, family, err := parseAddr(cfg.addr)
	if err != nil {
		return nil, err
	}
	fd, err := unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socket: %w", err)
	}
	s := newState(cfg)
	s.listenFd = fd
	if err := s.listen(sa); err != nil {
		unix.Close(fd)
		return nil, err
	}
	if s.poller, err = newPoller(1024); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("epoll_create1: %w", err)
	}
	if s.wakeFd, err = unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC); err != nil {
		s.closeAll()
		return nil, fmt.Errorf("eventfd: %w", err)
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
		ready, err := s.poller.wait(time.Until(s.nextCron))
		if err != nil {
			return fmt.Errorf("epoll_wait: %w", err)
		}
		s.now = time.Now()
		s.traceReady(ready)
		for _, ev := range ready {
			switch fd := int(ev.Fd); fd {
			case s.listenFd:
				s.acceptClients()
			case s.wakeFd:
				return nil
			default:
				if c := s.connAt(fd); c != nil {
					s.handle(c, ev.Events)
				}
			}
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
		unix.Write(s.wakeFd, []byte{1, 0, 0, 0, 0, 0, 0, 0}) // eventfd takes a uint64
	}
}

// acceptClients takes the connections the kernel has queued, until
// accept4 says there are no more (EAGAIN).
func (s *server) acceptClients() {
	for range maxAcceptsPerCall {
		fd, err := accept4(s.listenFd)
		switch {
		case err == unix.EAGAIN:
			return
		case err == unix.EINTR || err == unix.ECONNABORTED:
			continue
		case err == unix.EMFILE || err == unix.ENFILE:
			// The listener stays readable while connections wait, so a
			// level-triggered loop would call accept4 again at once and
			// spin the CPU. Stop watching it until the next cron tick.
			s.tracef("accept4: %v: not accepting until the next cron tick", err)
			if s.poller.remove(s.listenFd) == nil {
				s.listenerPaused = true
			}
			return
		case err != nil:
			s.tracef("accept4: %v", err)
			return
		}
		s.stats.connectionsReceived++
		if s.clients >= s.cfg.maxClients {
			s.stats.rejectedConnections++
			// As Redis does: a best-effort error, then close.
			unix.Write(fd, []byte("-ERR max number of clients reached\r\n"))
			unix.Close(fd)
			s.tracef("accept fd %d: refused, %d clients already", fd, s.clients)
			continue
		}
		s.register(fd)
	}
}

// accept4 takes one connection from the listener's queue without asking
// for the peer's address. x/sys's Accept4 always asks, and the address it
// returns costs about 144 bytes of garbage per connection (a 112-byte
// RawSockaddrAny and a 32-byte SockaddrInet4, both moved to the heap: see
// -gcflags=-m), more than half the client itself; CLIENT LIST and -trace
// ask the kernel for it instead (getpeername) when they want it.
func accept4(listenFd int) (int, error) {
	fd, _, errno := unix.Syscall6(unix.SYS_ACCEPT4, uintptr(listenFd), 0, 0, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

func (s *server) register(fd int) {
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
	c := s.newClient(fd)
	c.events = readable
	s.conns[fd] = c
	s.clients++
	if s.cfg.trace != nil { // asking the kernel for the address costs, even unprinted
		s.tracef("accept fd %d from %s (%d clients)", fd, s.peerAddr(c), s.clients)
	}
}

func (s *server) connAt(fd int) *client {
	if fd < len(s.conns) {
		return s.conns[fd]
	}
	return nil
}

func (s *server) cronInterval() time.Duration {
	return time.Second / time.Duration(s.cfg.hz)
}

// cron is the loop's time event, like Redis's serverCron: work that is
// due by the clock rather than by a ready file descriptor.
func (s *server) cron() {
	s.activeExpireCycle()
	if s.listenerPaused && s.poller.add(s.listenFd, readable) == nil {
		s.listenerPaused = false
	}
	if s.cfg.idleTimeout > 0 {
		for _, c := range s.conns {
			if c != nil && s.now.UnixMilli()-c.lastActiveMs > s.cfg.idleTimeout.Milliseconds() {
				s.closeConn(c, "idle timeout")
			}
		}
	}
}

// closeAll is the end of Serve: every client, the listener and epoll.
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
		unix.Close(s.wakeFd)
		s.wakeClosed = true
	}
}

// peerAddr is the client's address as CLIENT LIST shows it, asked of the
// kernel (getpeername) so that clients need not keep it.
func (s *server) peerAddr(c *client) string {
	sa, err := unix.Getpeername(c.fd)
	if err != nil {
		return "?"
	}
	return sockaddrString(sa)
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
