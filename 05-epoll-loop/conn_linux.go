package main

import (
	"bytes"
	"time"

	"golang.org/x/sys/unix"

	"onethread/internal/wire"
)

// maxPendingReply is how much reply a client may leave unread before the
// loop stops reading its commands. Without it, a client that sends but
// never reads would make the server buffer replies without end; with it,
// the client's own unread data waits in the kernel instead.
const maxPendingReply = 1 << 20

// conn is one client, as the loop sees it between two turns. An idle client
// holds no buffers: in and out are nil unless a command is half-received or
// a reply half-sent.
type conn struct {
	fd              int
	in              []byte // the start of a command whose end has not arrived
	out             []byte // replies the kernel had no room for yet
	closeAfterReply bool   // QUIT, a protocol error, or the client's EOF
	events          uint32 // what epoll watches for on fd now
	lastActive      time.Time
}

// handle reacts to what epoll_wait reported for c.
func (s *server) handle(c *conn, events uint32) {
	if events&(unix.EPOLLHUP|unix.EPOLLERR) != 0 {
		// A reset, or both directions shut: nothing more can be
		// received, and nothing sent would arrive.
		s.closeConn(c, "hangup or error")
		return
	}
	if events&readable != 0 {
		s.readFrom(c)
	}
	if events&writable != 0 && s.conns[c.fd] == c {
		s.writeTo(c, c.out)
	}
	if s.conns[c.fd] == c {
		s.updateInterest(c)
	}
}

// readFrom reads once from c and answers every whole command that has
// arrived. As in Redis's readQueryFromClient and processInputBuffer, one
// read is not one command: a read may end mid-command, or hold many.
func (s *server) readFrom(c *conn) {
	n, err := unix.Read(c.fd, s.readBuf)
	switch {
	case err == unix.EAGAIN || err == unix.EINTR:
		return // woken for nothing: wait again
	case err != nil:
		s.closeConn(c, "read: "+err.Error())
		return
	case n == 0:
		// The client shut down its sending side. Send what it is owed,
		// then close.
		s.tracef("read fd %d: end of stream", c.fd)
		c.in = nil
		c.closeAfterReply = true
		return
	}
	s.tracef("read fd %d: %d bytes", c.fd, n)
	c.lastActive = s.now
	input := s.readBuf[:n]
	if len(c.in) > 0 {
		c.in = append(c.in, input...)
		input = c.in
	}
	replies, rest := s.processInput(c, s.replyBuf[:0], input)
	// What is left is an unfinished command. The shared read buffer will
	// be overwritten by the next client's read, so it moves into c.in.
	if len(rest) > wire.MaxInline {
		replies = wire.AppendError(replies, wire.ErrTooBigInline.Error())
		c.closeAfterReply = true
	}
	switch {
	case len(rest) == 0 || c.closeAfterReply:
		c.in = nil
	case len(rest) == len(input) && len(c.in) > 0:
		// Nothing was consumed and input is c.in: the line is already
		// where it belongs, and need not be moved onto itself.
	default:
		c.in = append(c.in[:0], rest...)
	}
	s.replyBuf = replies[:0]
	s.send(c, replies)
}

// processInput executes each whole line in input, appending the replies,
// and returns what remains after the last whole line.
func (s *server) processInput(c *conn, replies, input []byte) ([]byte, []byte) {
	for !c.closeAfterReply {
		end := wire.LineEnd(input)
		if end < 0 {
			break
		}
		line := bytes.TrimSuffix(input[:end], []byte{'\r'})
		input = input[end+1:]
		args, err := wire.AppendArgs(s.argv[:0], line)
		s.argv = args // reused by the next command: words are slices of input
		if err != nil {
			replies = wire.AppendError(replies, err.Error())
			c.closeAfterReply = true
			break
		}
		replies, c.closeAfterReply = wire.Execute(replies, args, s.counters)
	}
	return replies, input
}

// send writes replies now, as far as the kernel takes them; only the rest
// is kept, and only then does the loop ask epoll to say when c is writable.
func (s *server) send(c *conn, replies []byte) {
	if len(c.out) > 0 {
		// Earlier replies are still queued: these go behind them.
		c.out = append(c.out, replies...)
		return
	}
	s.writeTo(c, replies)
	if s.conns[c.fd] == c && len(c.out) > 0 && c.events&writable == 0 {
		s.tracef("write fd %d: kernel buffer full, %d bytes queued: watching for EPOLLOUT", c.fd, len(c.out))
	}
}

// writeTo writes pending to c until done or the kernel's send buffer is
// full (EAGAIN), and keeps what is left in c.out.
func (s *server) writeTo(c *conn, pending []byte) {
	for len(pending) > 0 {
		n, err := unix.Write(c.fd, pending)
		if err == unix.EAGAIN {
			break
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			// EPIPE or ECONNRESET: the client is gone. (Go ignores
			// SIGPIPE for sockets, so this is an error, not a signal.)
			s.closeConn(c, "write: "+err.Error())
			return
		}
		s.tracef("write fd %d: %d bytes", c.fd, n)
		pending = pending[n:]
	}
	if len(pending) == 0 {
		c.out = nil
	} else {
		// pending may sit in the shared reply buffer or inside c.out;
		// append copies it to the front of c.out either way.
		c.out = append(c.out[:0], pending...)
	}
}

// updateInterest tells epoll what c waits for now, in the spirit of Build
// Your Own Redis's want_read and want_write: read while there is room for
// the replies, write while replies are queued.
func (s *server) updateInterest(c *conn) {
	if c.closeAfterReply && len(c.out) == 0 {
		s.closeConn(c, "done")
		return
	}
	var want uint32
	if !c.closeAfterReply && len(c.out) < maxPendingReply {
		want |= readable
	}
	if len(c.out) > 0 {
		want |= writable
	}
	if want == c.events {
		return
	}
	if err := s.poller.modify(c.fd, want); err != nil {
		s.closeConn(c, "epoll_ctl: "+err.Error())
		return
	}
	s.tracef("epoll_ctl MOD fd %d: %s", c.fd, eventNames(want))
	c.events = want
}

func (s *server) closeConn(c *conn, why string) {
	s.poller.remove(c.fd)
	unix.Close(c.fd)
	s.conns[c.fd] = nil
	s.clients--
	s.tracef("close fd %d (%s), %d clients", c.fd, why, s.clients)
}
