// Package wire is the part of the Redis protocol that chapters 01 to 05
// share: splitting an inline command line into words, the five commands
// every server chapter understands, and RESP2 replies. It lives here so
// that each of those chapters shows only what it is about (how clients are
// served and who owns the counter); chapter 06 writes its own, complete
// protocol, because there the protocol is the lesson.
package wire

import (
	"bufio"
	"bytes"
	"errors"
)

// MaxInline is the longest inline command Redis accepts before it gives up
// on the client (PROTO_INLINE_MAX_SIZE in Redis's server.h).
const MaxInline = 64 * 1024

// Protocol errors, worded as Redis words them. After one of these the
// server replies and closes the connection, as Redis does.
var (
	ErrUnbalancedQuotes = errors.New("ERR Protocol error: unbalanced quotes in request")
	ErrTooBigInline     = errors.New("ERR Protocol error: too big inline request")
)

// SplitArgs splits one inline command line (without its line ending) into
// words the way Redis's sdssplitargs does: words are separated by blanks;
// "double quotes" allow \n \r \t \b \a and \xHH escapes; 'single quotes'
// allow only \'. A closing quote must be followed by a blank or the end.
// A NUL byte ends the line, because Redis parses it as a C string.
func SplitArgs(line []byte) ([][]byte, error) {
	return AppendArgs(nil, line)
}

// AppendArgs is SplitArgs appending to args, so that a server can reuse
// one slice for every command. A line without quotes or NUL bytes, which
// is nearly every line, is split without copying: the words are slices of
// line.
func AppendArgs(args [][]byte, line []byte) ([][]byte, error) {
	if !bytes.ContainsAny(line, "\"'\x00") {
		return splitPlain(args, line), nil
	}
	return splitQuoted(args, line)
}

// splitPlain splits a line that has no quotes and no NUL into slices of it.
func splitPlain(args [][]byte, line []byte) [][]byte {
	for i := 0; i < len(line); {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		start := i
		for i < len(line) && !isWordEnd(line[i]) {
			i++
		}
		if i > start {
			args = append(args, line[start:i])
		}
	}
	return args
}

// splitQuoted follows sdssplitargs byte by byte, copying each word, since
// quotes and escapes make a word differ from the bytes it was sent as.
func splitQuoted(args [][]byte, line []byte) ([][]byte, error) {
	at := func(i int) byte { // the C string view: NUL past the end
		if i < len(line) {
			return line[i]
		}
		return 0
	}
	p := 0
	for {
		for at(p) != 0 && isSpace(at(p)) {
			p++
		}
		if at(p) == 0 {
			return args, nil
		}
		var word []byte
		inDouble, inSingle := false, false
		for done := false; !done; {
			c := at(p)
			switch {
			case inDouble:
				switch {
				case c == '\\' && at(p+1) == 'x' && isHex(at(p+2)) && isHex(at(p+3)):
					word = append(word, hexVal(at(p+2))<<4|hexVal(at(p+3)))
					p += 3
				case c == '\\' && at(p+1) != 0:
					p++
					word = append(word, unescape(at(p)))
				case c == '"':
					if at(p+1) != 0 && !isSpace(at(p+1)) {
						return nil, ErrUnbalancedQuotes
					}
					done = true
				case c == 0:
					return nil, ErrUnbalancedQuotes
				default:
					word = append(word, c)
				}
			case inSingle:
				switch {
				case c == '\\' && at(p+1) == '\'':
					p++
					word = append(word, '\'')
				case c == '\'':
					if at(p+1) != 0 && !isSpace(at(p+1)) {
						return nil, ErrUnbalancedQuotes
					}
					done = true
				case c == 0:
					return nil, ErrUnbalancedQuotes
				default:
					word = append(word, c)
				}
			default:
				switch c {
				case ' ', '\n', '\r', '\t', 0:
					done = true
				case '"':
					inDouble = true
				case '\'':
					inSingle = true
				default:
					word = append(word, c)
				}
			}
			if at(p) != 0 {
				p++
			}
		}
		if word == nil {
			word = []byte{}
		}
		args = append(args, word)
	}
}

// ReadLine reads one inline command line from r, without its "\n" or
// "\r\n". A line longer than MaxInline is refused with ErrTooBigInline,
// so a client that never sends a newline cannot make the server buffer
// without end. A line that arrived whole is returned without copying: it
// is valid only until the next read from r.
//
// Redis finds the newline with C's strchr, which stops at a NUL byte: once
// a NUL arrives before the newline, Redis never sees that line end, and
// waits until MaxInline bytes have come to refuse it. ReadLine does the
// same, without keeping the bytes.
func ReadLine(r *bufio.Reader) ([]byte, error) {
	var line []byte
	size := 0 // bytes of this line so far, including any not kept
	stuck := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !stuck && bytes.IndexByte(chunk, 0) >= 0 {
			stuck, line = true, nil
		}
		size += len(chunk)
		complete := err == nil && !stuck
		if complete {
			size-- // the newline does not count
		}
		if size > MaxInline {
			return nil, ErrTooBigInline
		}
		if !stuck {
			if line == nil && complete {
				line = chunk // the whole line in one piece: no copy
			} else {
				line = append(line, chunk...)
			}
		}
		if err != nil && err != bufio.ErrBufferFull {
			return nil, err
		}
		if !complete {
			continue
		}
		line = line[:len(line)-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		return line, nil
	}
}

// LineEnd returns the index of the "\n" that ends the first line of buf
// as Redis would find it, or -1: none has arrived, or a NUL byte comes
// first (see ReadLine).
func LineEnd(buf []byte) int {
	nl := bytes.IndexByte(buf, '\n')
	if nl < 0 || bytes.IndexByte(buf[:nl], 0) >= 0 {
		return -1
	}
	return nl
}

// isSpace is C's isspace, which sdssplitargs uses to skip the blanks
// before a word; a word itself ends only at one of isWordEnd's bytes.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isWordEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'a':
		return '\a'
	default:
		return c
	}
}
