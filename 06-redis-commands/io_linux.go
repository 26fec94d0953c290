package main

import "golang.org/x/sys/unix"

// maxPendingReply is how much reply a client may leave unread before the
// loop stops reading its commands. Without it, a client that sends but
// never reads would make the server buffer replies without end; with it,
// the client's own unread data waits in the kernel instead.
const maxPendingReply = 1 << 20

// maxKeptReplyBuf is the largest shared reply buffer kept between reads,
// and maxSpareBulkBuf the largest buffer kept from a finished large
// request for the next one. Both are the server's, not a client's: one of
// each at most, so large values sent one after another do not each
// allocate megabytes for the garbage collector to chase.
const (
	maxKeptReplyBuf = 4 << 20
	maxSpareBulkBuf = 16 << 20
)

// handle reacts to what epoll_wait reported for c.
func (s *server) handle(c *client, events uint32) {
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
	n, err := unix.Read(c.fd, into)
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
	s.serve(c, input)
	s.resumeInput(c)
}

// serve runs the whole requests in input, which is c.in or the shared read
// buffer, keeps what is left in c.in, and sends the replies.
func (s *server) serve(c *client, input []byte) {
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
	s.writeTo(c, replies)
	// Keep the shared buffer for the next client, unless one big reply
	// (a GET of a 100 MB value) grew it: the server would hold that
	// memory for ever after.
	if cap(replies) <= maxKeptReplyBuf {
		s.replyBuf = replies[:0]
	} else {
		s.replyBuf = nil
	}
	if s.conns[c.fd] == c && len(c.out) > 0 {
		s.tracef("write fd %d: kernel buffer full, %d bytes queued: watching for EPOLLOUT", c.fd, len(c.out))
	}
}

// resumeInput runs requests that processInput left in c.in because too
// many replies were waiting, as soon as the replies have drained below the
// limit. No read event will bring them back: they have already been read.
func (s *server) resumeInput(c *client) {
	for s.conns[c.fd] == c && len(c.in) > 0 && c.pending == nil && len(c.out) < maxPendingReply {
		before := len(c.in)
		s.serve(c, c.in)
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

// writeTo writes pending to c until done or the kernel's send buffer is
// full (EAGAIN), and keeps what is left in c.out.
func (s *server) writeTo(c *client, pending []byte) {
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
		s.stats.netOutputBytes += int64(n)
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
func (s *server) updateInterest(c *client) {
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

func (s *server) closeConn(c *client, why string) {
	s.poller.remove(c.fd)
	unix.Close(c.fd)
	s.conns[c.fd] = nil
	s.clients--
	s.tracef("close fd %d (%s), %d clients", c.fd, why, s.clients)
}
