//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// handle reacts to what the poller reported for c.
func (s *server) handle(c *client, ev event) {
	if c.killed {
		return // closed by another client; closed for good after this batch
	}
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
		s.resumeInput(c)
	}
	if s.conns[c.fd] == c {
		s.updateInterest(c)
	}
}

// readFrom reads once from c and answers every whole command that has
// arrived. As in Redis's readQueryFromClient and processInputBuffer, one
// read is not one command: a read may end mid-command, or hold many.
func (s *server) readFrom(c *client) {
	into := s.readBuf
	bigBulk := c.pending != nil && c.pending.bulkLen >= readBufSize
	if bigBulk {
		// The middle of a large value: read straight into c.in, as much
		// as the kernel has, rather than 16 KiB at a time through the
		// shared buffer and a copy (Redis does the same for big args).
		c.in = s.growForBulk(c.in, c.pending)
		into = c.in[len(c.in):cap(c.in)]
	}
	n, err := readSocket(c.fd, into)
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
	if len(c.in)+n > s.cfg.queryBufferLimit {
		// As Redis's readQueryFromClient: the client's unprocessed input
		// has passed client-query-buffer-limit. It is closed with no
		// reply; Redis logs it, -trace shows it here.
		s.closeConn(c, fmt.Sprintf("query buffer of %d bytes is over -client-query-buffer-limit", len(c.in)+n))
		return
	}
	c.lastActiveMs = s.now.UnixMilli()
	s.stats.netInputBytes += int64(n)
	var input []byte
	switch {
	case bigBulk:
		c.in = c.in[:len(c.in)+n]
		input = c.in
	case len(c.in) > 0:
		c.in = append(c.in, s.readBuf[:n]...)
		input = c.in
	default:
		input = s.readBuf[:n]
	}
	s.runRequests(c, input)
	s.resumeInput(c)
}

// runRequests runs the whole requests in input, which is c.in or the
// shared read buffer, keeps what is left in c.in, and sends the replies.
func (s *server) runRequests(c *client, input []byte) {
	queued := len(c.out) > 0
	if queued {
		c.reply = c.out // earlier replies are still queued: these go behind them
	} else {
		c.reply = s.replyBuf[:0]
	}
	rest := s.processInput(c, input)
	s.trimScratch()
	// What is left is an unfinished request, or requests held back while
	// a megabyte of replies waits. The shared read buffer will be
	// overwritten by the next client's read, so it moves into c.in.
	switch {
	case len(rest) == 0 || c.closeAfterReply:
		if cap(c.in) > readBufSize && cap(c.in) <= maxSpareBulkBuf && cap(c.in) > cap(s.spareBulkBuf) {
			s.spareBulkBuf = c.in[:0]
		}
		c.in, c.pending = nil, nil
	case len(rest) == len(input) && len(c.in) > 0:
		// Nothing was consumed and input is c.in: the request is already
		// where it belongs. Moving it onto itself on every read would make
		// a 100 MB value arriving 16 KiB at a time cost quadratic time.
	default:
		c.in = append(c.in[:0], rest...)
	}
	replies := c.reply
	c.reply = nil
	if queued {
		c.out = replies
		return
	}
	s.send(c, replies)
}

// resumeInput runs requests that processInput left in c.in because too
// many replies were waiting, as soon as the replies have drained below the
// limit. No read event will bring them back: they have already been read.
func (s *server) resumeInput(c *client) {
	for s.conns[c.fd] == c && len(c.in) > 0 && c.pending == nil && len(c.out) < maxPendingReply {
		before := len(c.in)
		s.runRequests(c, c.in)
		if len(c.in) == before {
			return // an unfinished request: it waits for more bytes
		}
	}
}

// growForBulk makes room in in for more of the bulk string that request
// is waiting for. It grows the buffer by at most its own size (and never
// past the bulk's end), so memory follows the bytes that have arrived,
// not the length the client announced; or it takes the server's spare
// buffer from an earlier large request, if that is big enough.
func (s *server) growForBulk(in []byte, request *multibulk) []byte {
	missing := request.pos + request.bulkLen + 2 - len(in)
	if cap(in)-len(in) >= min(missing, readBufSize) {
		return in
	}
	want := len(in) + min(missing, max(len(in), readBufSize))
	var grown []byte
	if cap(s.spareBulkBuf) >= want {
		grown, s.spareBulkBuf = s.spareBulkBuf[:len(in)], nil
	} else {
		grown = make([]byte, len(in), want)
	}
	copy(grown, in)
	return grown
}

// trimScratch lets go of the parser's scratch space after a request with
// very many arguments (an MSET of 100,000 keys), rather than keep it.
func (s *server) trimScratch() {
	if cap(s.argv) > 1024 {
		s.argv = nil
	}
	if cap(s.request.args) > 1024 {
		s.request.args = nil
	}
}

// send writes replies, built in the server's shared reply buffer, to c.
// What the kernel has no room for is copied to c.out, once: the shared
// buffer is the next client's. Past maxKeptReplyBuf the server lets go of
// the buffer instead (one huge reply, a GET of a 100 MB value, would
// otherwise hold that memory for ever after), so c simply takes it.
func (s *server) send(c *client, replies []byte) {
	rest := s.write(c, replies)
	keep := cap(replies) <= maxKeptReplyBuf
	if keep {
		s.replyBuf = replies[:0]
	} else {
		s.replyBuf = nil
	}
	if len(rest) == 0 || s.conns[c.fd] != c {
		return
	}
	if keep {
		c.out = append([]byte(nil), rest...)
	} else {
		c.out = rest
	}
	s.tracef("write fd %d: kernel buffer full, %d bytes queued: watching for writable", c.fd, len(c.out))
}

// flush writes the replies queued in c.out. What is sent is dropped from
// the front of c.out by slicing, not by moving the rest forward: each byte
// of a 64 MB reply to a slow reader is copied into c.out at most once, not
// once per partial write. The slice's start is Redis's sentlen. c.out is
// let go of only once it has all been sent.
func (s *server) flush(c *client) {
	c.out = s.write(c, c.out)
	if len(c.out) == 0 {
		c.out = nil
	}
}

// write writes b to c until done or the kernel's send buffer is full
// (EAGAIN), and returns what is left of b.
func (s *server) write(c *client, b []byte) []byte {
	for len(b) > 0 {
		n, err := writeSocket(c.fd, b)
		if err == unix.EAGAIN {
			break
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			// EPIPE or ECONNRESET: the client is gone. Go's runtime
			// ignores SIGPIPE for descriptors other than 1 and 2 (see
			// os/signal's package comment), so this is an error, not a
			// signal that ends the process, on every Unix.
			s.closeConn(c, "write: "+err.Error())
			return nil
		}
		s.tracef("write fd %d: %d bytes", c.fd, n)
		s.stats.netOutputBytes += int64(n)
		b = b[n:]
	}
	return b
}

// updateInterest tells the poller what c waits for now, in the spirit of
// Build Your Own Redis's want_read and want_write: read while there is
// room for the replies, write while replies are queued.
func (s *server) updateInterest(c *client) {
	if c.closeAfterReply && len(c.out) == 0 {
		s.closeConn(c, "done")
		return
	}
	var want eventMask
	if !c.closeAfterReply && len(c.out) < maxPendingReply {
		want |= readable
	}
	if len(c.out) > 0 {
		want |= writable
	}
	if want == c.events {
		return
	}
	if err := s.poller.modify(c.fd, c.events, want); err != nil {
		s.closeConn(c, pollerName+": "+err.Error())
		return
	}
	s.tracef("watch fd %d: %s", c.fd, want)
	c.events = want
}

// kill closes another client than the one whose command runs: CLIENT KILL.
// It only marks it; processEvents closes it when the batch is done.
func (s *server) kill(c *client) {
	if !c.killed {
		c.killed = true
		s.killed = append(s.killed, c)
	}
}

func (s *server) closeKilled() {
	for i, c := range s.killed {
		if s.conns[c.fd] == c {
			s.closeConn(c, "killed")
		}
		s.killed[i] = nil
	}
	s.killed = s.killed[:0]
}

func (s *server) closeConn(c *client, why string) {
	s.unwatchAll(c)
	s.unsubscribeAll(c)
	s.unblock(c, false)
	s.stopMonitoring(c)
	s.poller.remove(c.fd, c.events)
	unix.Close(c.fd)
	s.conns[c.fd] = nil
	s.clients--
	s.tracef("close fd %d (%s), %d clients", c.fd, why, s.clients)
}
