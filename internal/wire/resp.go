package wire

import "strconv"

// The RESP2 reply types, appended to a buffer so that a server can gather
// many replies and send them with one write.

// AppendSimple appends a simple string: +OK\r\n.
func AppendSimple(dst []byte, s string) []byte {
	dst = append(dst, '+')
	dst = append(dst, s...)
	return append(dst, '\r', '\n')
}

// AppendError appends an error reply: -ERR message\r\n. Like Redis, it
// turns any CR or LF inside the message into a space, since a newline
// there would end the reply early and corrupt the stream.
func AppendError(dst []byte, msg string) []byte {
	dst = append(dst, '-')
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		dst = append(dst, c)
	}
	return append(dst, '\r', '\n')
}

// AppendInt appends an integer reply: :42\r\n.
func AppendInt(dst []byte, n int64) []byte {
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, n, 10)
	return append(dst, '\r', '\n')
}

// AppendBulk appends a bulk string: $5\r\nhello\r\n.
func AppendBulk(dst []byte, b []byte) []byte {
	dst = append(dst, '$')
	dst = strconv.AppendInt(dst, int64(len(b)), 10)
	dst = append(dst, '\r', '\n')
	dst = append(dst, b...)
	return append(dst, '\r', '\n')
}

// AppendNull appends the null bulk string that GET returns for a missing
// key: $-1\r\n.
func AppendNull(dst []byte) []byte {
	return append(dst, "$-1\r\n"...)
}
