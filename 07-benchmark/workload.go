package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"strconv"
	"strings"
)

// workload says which commands the load generator sends. Every command is
// inline (one line of words), which every chapter and Redis accept, so all
// servers get the same bytes.
type workload struct {
	Name      string  // incr, ping or set-get
	Keys      int     // set-get: keys to spread over
	ValueSize int     // set-get: bytes in each SET's value
	GetRatio  float64 // set-get: share of GETs, 0 to 1
}

func (w workload) validate() error {
	switch w.Name {
	case "incr", "ping":
		return nil
	case "set-get":
		if w.Keys < 1 || w.ValueSize < 1 || w.ValueSize > 32<<10 || w.GetRatio < 0 || w.GetRatio > 1 {
			return errors.New("set-get needs -keys ≥ 1, -value-size 1 to 32768 and -get-ratio 0 to 1")
		}
		return nil
	}
	return fmt.Errorf("-workload %q: want incr, ping or set-get", w.Name)
}

// describe is the workload in words, for the report.
func (w workload) describe() string {
	switch w.Name {
	case "incr":
		return "`INCR counter`"
	case "ping":
		return "`PING`"
	}
	return fmt.Sprintf("`SET key:N value` / `GET key:N` over %d keys, %d-byte values, %.0f%% GET",
		w.Keys, w.ValueSize, 100*w.GetRatio)
}

// commandWriter appends the workload's next command to a buffer. Each
// connection has its own, with its own random source, so connections never
// contend for one.
type commandWriter struct {
	w     workload
	rng   *rand.Rand
	value []byte
}

func (w workload) newWriter(seed int64) *commandWriter {
	return &commandWriter{w: w, rng: rand.New(rand.NewSource(seed)), value: bytes.Repeat([]byte{'x'}, w.ValueSize)}
}

func (c *commandWriter) appendCommand(buf []byte) []byte {
	switch c.w.Name {
	case "incr":
		return append(buf, "INCR counter\r\n"...)
	case "ping":
		return append(buf, "PING\r\n"...)
	}
	key := c.rng.Intn(c.w.Keys)
	if c.rng.Float64() < c.w.GetRatio {
		buf = append(buf, "GET key:"...)
		buf = strconv.AppendInt(buf, int64(key), 10)
		return append(buf, "\r\n"...)
	}
	buf = append(buf, "SET key:"...)
	buf = strconv.AppendInt(buf, int64(key), 10)
	buf = append(buf, ' ')
	buf = append(buf, c.value...)
	return append(buf, "\r\n"...)
}

// errReply is a reply that is a RESP error, such as "-ERR unknown command".
type errReply string

func (e errReply) Error() string { return string(e) }

// readReply reads one RESP2 reply of the kinds our commands get back
// (simple string, error, integer, bulk string) and returns its text: the
// integer's digits, the bulk string's bytes. An error reply comes back as
// an errReply; anything else the server sends is a protocol error.
func readReply(r *bufio.Reader) (string, error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return "", err
	}
	if len(line) < 3 || line[len(line)-2] != '\r' {
		return "", fmt.Errorf("malformed reply %q", line)
	}
	body := string(line[1 : len(line)-2])
	switch line[0] {
	case '+', ':':
		return body, nil
	case '-':
		return "", errReply(body)
	case '$':
		n, err := strconv.Atoi(body)
		if err != nil || n < -1 {
			return "", fmt.Errorf("malformed bulk length %q", line)
		}
		if n == -1 {
			return "", nil // a missing key: GET's nil reply
		}
		data := make([]byte, n+2)
		if _, err := io.ReadFull(r, data); err != nil {
			return "", err
		}
		return string(data[:n]), nil
	}
	return "", fmt.Errorf("unexpected reply %q", strings.TrimSpace(string(line)))
}
