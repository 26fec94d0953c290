//go:build linux || darwin || freebsd || netbsd || openbsd

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

// maxAcceptsPerCall bounds the accepts in one turn (Redis's
// MAX_ACCEPTS_PER_CALL), so a storm of new connections cannot keep the
// loop from the clients it already has.
const maxAcceptsPerCall = 1000

// yieldEvery is how often the loop passes through Go's scheduler on
// purpose. The runtime's sysmon (retake in runtime/proc.go) takes a
// goroutine that has not been rescheduled for forcePreemptNS, 10 ms, to
// be hogging its P: it interrupts it with a signal, or, if it is waiting
// in epoll_wait, takes the P away and then wakes every 20 µs for a while.
// A loop that never blocks inside Go would pay for that every 10 ms; one
// runtime.Gosched at a moment of our choosing costs less.
const yieldEvery = 5 * time.Millisecond

// newServer opens the listening socket and the poller (epoll or kqueue),
// with no help from the net package, so every system call is in view.
func newServer(cfg config) (*server, error) {
	sa, family, err := parseAddr(cfg.addr)
	if err != nil {
		return nil, err
	}
	fd, err := newSocket(family)
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
		return nil, fmt.Errorf("%s: %w", pollerName, err)
	}
	if s.wakeFd, s.wakeWriteFd, err = openWakeup(); err != nil {
		s.closeAll()
		return nil, fmt.Errorf("wake-up descriptor: %w", err)
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
	lastYield := s.now
	for {
		// Like Redis's aeProcessEvents: sleep until a file is ready or
		// the next time event is due, whichever comes first.
		ready, err := s.poller.wait(s.untilCron())
		if err != nil {
			return fmt.Errorf("%s: %w", waitCall, err)
		}
		s.now = time.Now()
		if s.now.Sub(lastYield) >= yieldEvery {
			runtime.Gosched()
			lastYield = s.now
		}
		s.traceReady(ready)
		if stop := s.processEvents(ready); stop {
			return nil
		}
		s.continueEviction() // evict.go
		if !s.now.Before(s.nextCron) {
			s.cron()
			s.nextCron = s.now.Add(s.cronInterval())
		}
		// The whole turn, as every client waiting on it felt it.
		s.latencyAddSampleIfNeeded(eventLoopCycle, s.clock.since(s.now))
	}
}

// untilCron is how long the next wait may sleep: until the next cron
// tick, and not at all once that is due. A batch of slow commands can
// outlast a tick, and a negative timeout would mean "no limit" to the
// poller: the loop would then sleep until some client spoke, with no
// expiry, no -timeout and no listener resumed meanwhile. Redis's
// aeProcessEvents likewise polls without sleeping when a timer is due.
func (s *server) untilCron() time.Duration {
	return max(0, min(time.Until(s.nextCron), s.untilBlockedTimeout(), s.untilEviction()))
}

// processEvents handles one batch of ready descriptors, and reports
// whether Stop asked the loop to end.
//
// The rule for closing during a batch: a client that fails or hangs up is
// closed at once, in its own event, but a client closed by another
// (CLIENT KILL) is only marked, and closed when the whole batch is done.
// Until then its descriptor stays open, so a connection accepted later in
// the same batch cannot be given the same number, and an event for the old
// client further on in ready cannot be taken for the new one's. (Redis does
// the same with freeClientAsync and CLIENT_CLOSE_ASAP.)
func (s *server) processEvents(ready []event) (stop bool) {
	for _, ev := range ready {
		switch ev.fd {
		case s.listenFd:
			s.acceptClients()
		case s.wakeFd:
			stop = true
		default:
			if c := s.connAt(ev.fd); c != nil {
				s.handle(c, ev)
			}
		}
	}
	s.beforeSleep()
	s.closeKilled()
	return stop
}

// Stop wakes the loop and makes Serve return. It is safe to call from any
// goroutine, such as the one that receives SIGINT, and more than once.
func (s *server) Stop() {
	s.wakeMu.Lock()
	defer s.wakeMu.Unlock()
	if !s.wakeClosed {
		unix.Write(s.wakeWriteFd, wakeupMessage)
	}
}

// acceptClients takes the connections the kernel has queued, until
// accept says there are no more (EAGAIN).
func (s *server) acceptClients() {
	for range maxAcceptsPerCall {
		fd, err := accept(s.listenFd)
		switch {
		case err == unix.EAGAIN:
			return
		case err == unix.EINTR || err == unix.ECONNABORTED:
			continue
		case err == unix.EMFILE || err == unix.ENFILE:
			// The listener stays readable while connections wait, so a
			// level-triggered loop would call accept again at once and
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
		s.stats.connectionsReceived++
		if s.clients >= s.cfg.maxClients {
			s.stats.rejectedConnections++
			// As Redis does: a best-effort error, then close.
			unix.Write(fd, []byte("-ERR max number of clients reached\r\n"))
			unix.Close(fd)
			s.tracef("accept fd %d: refused, %d clients already", fd, s.clients)
			continue
		}
		if s.refuseUnprotected(fd) {
			continue
		}
		s.register(fd)
	}
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
	started := time.Now()
	s.activeExpireCycle()
	s.latencyAddSampleIfNeeded(eventExpireCycle, s.clock.since(started))
	if s.listenerPaused && s.poller.add(s.listenFd, readable) == nil {
		s.listenerPaused = false
	}
	if s.cfg.idleTimeout > 0 {
		for _, c := range s.conns {
			if c != nil && !c.waitsByDesign() && s.now.UnixMilli()-c.lastActiveMs > s.cfg.idleTimeout.Milliseconds() {
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
		unix.Close(s.wakeFd)
		if s.wakeWriteFd != s.wakeFd {
			unix.Close(s.wakeWriteFd)
		}
		s.wakeClosed = true
	}
}

// peerAddr and localAddr are the two ends of the client's connection as
// CLIENT LIST shows them, asked of the kernel (getpeername, getsockname)
// so that clients need not keep them.
func (s *server) peerAddr(c *client) string {
	sa, err := unix.Getpeername(c.fd)
	if err != nil {
		return "?"
	}
	return sockaddrString(sa)
}

func (s *server) localAddr(c *client) string {
	sa, err := unix.Getsockname(c.fd)
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
