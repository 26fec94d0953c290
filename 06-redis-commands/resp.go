package main

import (
	"errors"
	"math"

	"onethread/internal/wire"
)

// Protocol errors, in Redis's words. After one of these the client gets the
// error and is closed: there is no telling where its next command starts.
var (
	errTooBigInline     = errors.New("ERR Protocol error: too big inline request")
	errTooBigMbulkCount = errors.New("ERR Protocol error: too big mbulk count string")
	errTooBigBulkCount  = errors.New("ERR Protocol error: too big bulk count string")
	errInvalidMultibulk = errors.New("ERR Protocol error: invalid multibulk length")
	errInvalidBulk      = errors.New("ERR Protocol error: invalid bulk length")
)

// parseRequest parses the request at the start of input. It returns its
// arguments (slices of input: commands copy what they keep) and its length
// in bytes, or a length of 0 if it has not all arrived.
func (s *server) parseRequest(c *client, input []byte) ([][]byte, int, error) {
	s.argv = s.argv[:0]
	if c.pending == nil && input[0] != '*' {
		argv, n, err := parseInline(input, s.argv)
		s.argv = argv
		return argv, n, err
	}
	// An array: go on from where the last read stopped, or begin with the
	// server's scratch state, which costs nothing when the whole request
	// came in one read (the common case).
	m := c.pending
	if m == nil {
		m = &s.request
		m.reset()
	}
	done, err := m.parse(input, s.cfg.maxBulk)
	if s.authRequired(c) {
		err = unauthenticatedLimits(m, err)
	}
	if err != nil {
		c.pending = nil
		return nil, 0, err
	}
	if !done {
		if c.pending == nil {
			pending := *m
			pending.args = append([]span(nil), m.args...) // m.args is the server's scratch
			c.pending = &pending
		}
		return nil, 0, nil
	}
	for _, arg := range m.args {
		s.argv = append(s.argv, input[arg.start:arg.end])
	}
	c.pending = nil
	return s.argv, m.pos, nil
}

// span is where one argument lies in the request's bytes.
type span struct{ start, end int }

// multibulk is a RESP array request being parsed:
//
//	*2\r\n$3\r\nGET\r\n$1\r\nk\r\n
//
// It remembers how far parsing got, so that when a request arrives over many
// reads each read continues where the last stopped instead of starting
// over (Redis keeps multibulklen and bulklen in its client for the same
// reason). Offsets count from the first byte of the request.
type multibulk struct {
	pos     int    // bytes of the request parsed so far
	count   int    // arguments announced by *<count>; -1 until that header is read
	bulkLen int    // length announced by the current $<len>; -1 until read
	args    []span // the arguments complete so far
	// searched counts the bytes of an unfinished header line, after pos,
	// already searched for its \r, so that a header arriving a byte at a
	// time is not searched from its start on every read. blocked means a
	// NUL byte came first: like Redis, we never find that line's end.
	searched int
	blocked  bool
}

func (m *multibulk) reset() {
	*m = multibulk{count: -1, bulkLen: -1, args: m.args[:0]}
}

// parse continues parsing buf, which holds the request from its first
// byte. It returns done when the request is whole; m.pos is then its
// length, and m.args its arguments (none for *0 or *-1, which Redis
// ignores). Nothing is allocated for a length before its bytes arrive.
func (m *multibulk) parse(buf []byte, maxBulk int) (done bool, err error) {
	if m.count < 0 {
		nl := m.headerEnd(buf, 0)
		if nl < 0 {
			if len(buf) > protoInlineMaxSize {
				return false, errTooBigMbulkCount
			}
			return false, nil
		}
		if nl > len(buf)-2 { // the byte after \r has not arrived
			return false, nil
		}
		n, ok := string2ll(buf[1:nl])
		if !ok || n > protoMaxMultibulk {
			return false, errInvalidMultibulk
		}
		m.pos = nl + 2 // Redis skips the byte after \r without looking at it
		if n <= 0 {
			return true, nil
		}
		m.count = int(n)
	}
	for len(m.args) < m.count {
		if m.bulkLen < 0 {
			rest := buf[m.pos:]
			nl := m.headerEnd(buf, m.pos)
			if nl < 0 {
				if len(rest) > protoInlineMaxSize {
					return false, errTooBigBulkCount
				}
				return false, nil
			}
			if nl > len(rest)-2 {
				return false, nil
			}
			if rest[0] != '$' {
				return false, errors.New("ERR Protocol error: expected '$', got '" + string(rest[0]) + "'")
			}
			n, ok := string2ll(rest[1:nl])
			if !ok || n < 0 || n > int64(maxBulk) {
				return false, errInvalidBulk
			}
			m.pos += nl + 2
			m.bulkLen = int(n)
		}
		if len(buf)-m.pos < m.bulkLen+2 {
			return false, nil
		}
		m.args = append(m.args, span{m.pos, m.pos + m.bulkLen})
		m.pos += m.bulkLen + 2 // as in Redis, the two bytes after a bulk are not checked
		m.bulkLen = -1
	}
	return true, nil
}

// headerEnd finds the \r that ends the header line starting at
// buf[start], as an offset from start, or -1 if it has not arrived. Like
// Redis's strchr, it stops at a NUL byte: that line never ends.
func (m *multibulk) headerEnd(buf []byte, start int) int {
	if m.blocked {
		return -1
	}
	for i := start + m.searched; i < len(buf); i++ {
		switch buf[i] {
		case '\r':
			m.searched = 0
			return i - start
		case 0:
			m.blocked = true
			return -1
		}
	}
	m.searched = len(buf) - start
	return -1
}

// parseInline splits one inline command line ("SET k v\r\n") into argv,
// returning how many bytes it took, or 0 if the line has not ended yet.
// The words are split as in chapters 01 to 05 (wire.AppendArgs): plain
// words are slices of buf, not copies.
func parseInline(buf []byte, argv [][]byte) ([][]byte, int, error) {
	nl := wire.LineEnd(buf) // as Redis's strchr finds it: a NUL byte hides it
	if nl < 0 {
		if len(buf) > protoInlineMaxSize {
			return argv, 0, errTooBigInline
		}
		return argv, 0, nil
	}
	line := buf[:nl]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	argv, err := wire.AppendArgs(argv, line)
	return argv, nl + 1, err
}

// isSpace is C's isspace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// string2ll parses a decimal integer exactly as strictly as Redis's
// string2ll: no sign but a leading '-', no leading zeros, no spaces, and
// no overflow.
func string2ll(b []byte) (int64, bool) {
	if len(b) == 1 && b[0] == '0' {
		return 0, true
	}
	negative := len(b) > 0 && b[0] == '-'
	digits := b
	if negative {
		digits = b[1:]
	}
	if len(digits) == 0 || digits[0] < '1' || digits[0] > '9' {
		return 0, false
	}
	var n uint64
	for _, c := range digits {
		if c < '0' || c > '9' || n > (math.MaxUint64-9)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	switch {
	case negative && n <= 1<<63:
		return int64(-n), true
	case !negative && n <= math.MaxInt64:
		return int64(n), true
	}
	return 0, false
}
