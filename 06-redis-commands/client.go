package main

import "strconv"

// client is one connection's state, as the loop keeps it between reads. It
// is small on purpose: an idle client holds no buffers. in and out are nil
// unless a request is half-received or a reply half-sent, and pending
// exists only while a RESP array is half-received.
//
// Every field counts: at 10,000 connections each 8 bytes is 80 KB. So times
// are Unix milliseconds rather than time.Time (24 bytes), and the peer's
// address is asked of the kernel when CLIENT LIST wants it (s.peerAddr)
// rather than kept.
type client struct {
	id   int64
	fd   int
	name string // CLIENT SETNAME
	db   *db    // SELECT
	// createdMs and lastActiveMs are when the client connected and last
	// sent something, in Unix milliseconds: CLIENT LIST's age and idle,
	// and -timeout.
	createdMs    int64
	lastActiveMs int64
	lastCmd      *command

	in      []byte     // the start of a request whose end has not arrived
	pending *multibulk // how far parsing of that request got, if it is an array
	out     []byte     // replies the kernel had no room for yet, from the first unsent byte

	// reply collects the replies to the commands of one read. It is the
	// server's shared buffer, or out when earlier replies are still queued.
	reply []byte

	closeAfterReply bool      // QUIT, a protocol error, or the client's EOF
	killed          bool      // by another client's CLIENT KILL: closed after this batch
	authenticated   bool      // may run every command (auth.go)
	events          eventMask // what the poller watches for on fd now

	tx         *transaction   // MULTI and WATCH (multi.go); nil until used
	subs       *subscriptions // SUBSCRIBE and PSUBSCRIBE (pubsub.go); nil until used
	blocked    *blockedOn     // BLPOP and the like, while it waits (blocked.go)
	monitoring bool           // MONITOR (monitor.go)
	// outputSoftSince is when the output others gave this client (PUBLISH,
	// MONITOR) went past its class's soft limit, in Unix milliseconds; 0
	// while it is under (pubsub.go's deliver).
	outputSoftSince int64
}

// The reply methods append RESP2 to c.reply, in the order commands run.

func (c *client) addSimple(s string) {
	c.reply = append(c.reply, '+')
	c.reply = append(c.reply, s...)
	c.reply = append(c.reply, '\r', '\n')
}

func (c *client) addOK() { c.reply = append(c.reply, "+OK\r\n"...) }

// addError sends an error. msg starts with its code (ERR, WRONGTYPE,
// NOPROTO...). As in Redis, CR and LF inside it become spaces, since a
// newline would end the reply early and corrupt the stream.
func (c *client) addError(msg string) {
	c.reply = append(c.reply, '-')
	for i := 0; i < len(msg); i++ {
		b := msg[i]
		if b == '\r' || b == '\n' {
			b = ' '
		}
		c.reply = append(c.reply, b)
	}
	c.reply = append(c.reply, '\r', '\n')
}

func (c *client) addInt(n int64) {
	c.reply = append(c.reply, ':')
	c.reply = strconv.AppendInt(c.reply, n, 10)
	c.reply = append(c.reply, '\r', '\n')
}

func (c *client) addBulk(b []byte) {
	c.reply = append(c.reply, '$')
	c.reply = strconv.AppendInt(c.reply, int64(len(b)), 10)
	c.reply = append(c.reply, '\r', '\n')
	c.reply = append(c.reply, b...)
	c.reply = append(c.reply, '\r', '\n')
}

func (c *client) addBulkString(s string) {
	c.reply = append(c.reply, '$')
	c.reply = strconv.AppendInt(c.reply, int64(len(s)), 10)
	c.reply = append(c.reply, '\r', '\n')
	c.reply = append(c.reply, s...)
	c.reply = append(c.reply, '\r', '\n')
}

// addBulkInt sends a number as a bulk string, as GET does for a counter.
func (c *client) addBulkInt(n int64) {
	var digits [20]byte
	c.addBulk(strconv.AppendInt(digits[:0], n, 10))
}

// addNull is the null bulk string, $-1: GET of a missing key.
func (c *client) addNull() { c.reply = append(c.reply, "$-1\r\n"...) }

// addArrayLen starts an array of n elements; the next n replies are them.
func (c *client) addArrayLen(n int) {
	c.reply = append(c.reply, '*')
	c.reply = strconv.AppendInt(c.reply, int64(n), 10)
	c.reply = append(c.reply, '\r', '\n')
}
