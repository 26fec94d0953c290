//go:build linux || darwin || freebsd || netbsd || openbsd

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
	in              []byte    // the start of a command whose end has not arrived
	out             []byte    // replies the kernel had no room for yet, from out[sent:]
	sent            int       // how much of out is written (Redis's sentlen)
	closeAfterReply bool      // QUIT, a protocol error, or the client's EOF
	events          eventMask // what the poller watches for on fd now
	lastActive      time.Time
}

// handle reacts to what the poller reported for c.
func (s *server) handle(c *conn, ev event) {
	if ev.hangup {
		// A reset, or both directions shut: nothing more can be
		// received, and nothing sent would arrive.
		s.closeConn(c, "hangup or error")
		return
	}
	if ev.readable {
		s.readFrom(c)
	}
	if ev.writable && s.conns[c.fd] == c {
		s.flush(c)
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
// is queued, and only then does the loop ask the poller to say when c is
// writable.
func (s *server) send(c *conn, replies []byte) {
	if c.pending() == 0 {
		n, open := s.write(c, replies)
		if !open || n == len(replies) {
			return
		}
		replies = replies[n:]
		s.tracef("write fd %d: kernel buffer full, %d bytes queued: watching for writable", c.fd, len(replies))
	}
	s.queue(c, replies)
}

// flush writes what c has queued, once the poller says there is room.
func (s *server) flush(c *conn) {
	n, open := s.write(c, c.out[c.sent:])
	if !open {
		return
	}
	c.sent += n
	if c.pending() == 0 {
		c.out, c.sent = nil, 0 // an idle client holds no buffer
	}
}

// queue appends replies behind those c already has queued. A partial
// write only moves c.sent on, as it moves Redis's sentlen; the bytes stay
// where they are. Moving what is left to the front after every partial
// write would copy a big reply to a slow reader over and over: quadratic
// in its size.
func (s *server) queue(c *conn, replies []byte) {
	if c.sent > 0 && c.sent >= c.pending() {
		// More of c.out is sent than waits: move what waits to the
		// front, so that c.out stays under twice what is pending.
		// Each move copies less than was written since the last one,
		// so all moves together copy less than is written: with the
		// append below, at most two copies per byte (and append's
		// growth of c.out, which stops at its working size).
		n := copy(c.out, c.out[c.sent:])
		s.outBytesCopied += n
		c.out, c.sent = c.out[:n], 0
	}
	c.out = append(c.out, replies...)
	s.outBytesCopied += len(replies)
}

// pending is how much of c's replies waits for the kernel.
func (c *conn) pending() int { return len(c.out) - c.sent }

// write writes p to c until done or the kernel's send buffer is full
// (EAGAIN). It returns how much it wrote, and false if it closed c.
func (s *server) write(c *conn, p []byte) (int, bool) {
	written := 0
	for written < len(p) {
		n, err := unix.Write(c.fd, p[written:])
		if err == unix.EAGAIN {
			break
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			// EPIPE or ECONNRESET: the client is gone. The kernel
			// also sends SIGPIPE, which kills a C program unless it
			// ignores it (Redis does, in server.c); Go's runtime
			// catches it and, for any descriptor but 1 and 2, does
			// nothing (runtime/signal_unix.go, os/signal's docs).
			s.closeConn(c, "write: "+err.Error())
			return written, false
		}
		s.tracef("write fd %d: %d bytes", c.fd, n)
		written += n
	}
	return written, true
}

// updateInterest tells the poller what c waits for now, in the spirit of
// Build Your Own Redis's want_read and want_write: read while there is
// room for the replies, write while replies are queued.
func (s *server) updateInterest(c *conn) {
	if c.closeAfterReply && c.pending() == 0 {
		s.closeConn(c, "done")
		return
	}
	var want eventMask
	if !c.closeAfterReply && c.pending() < maxPendingReply {
		want |= readable
	}
	if c.pending() > 0 {
		want |= writable
	}
	if want == c.events {
		return
	}
	if err := s.poller.modify(c.fd, c.events, want); err != nil {
		s.closeConn(c, err.Error())
		return
	}
	s.tracef("watch fd %d: %s", c.fd, maskNames(want))
	c.events = want
}

func (s *server) closeConn(c *conn, why string) {
	s.poller.remove(c.fd, c.events)
	unix.Close(c.fd)
	s.conns[c.fd] = nil
	s.clients--
	s.tracef("close fd %d (%s), %d clients", c.fd, why, s.clients)
}
