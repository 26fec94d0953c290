// Package nettest holds what the event-loop chapters' tests (05, 06) share:
// a client connection whose every read has a deadline, the loop's -trace
// output to wait on, and the server run as a process of its own.
package nettest

import (
	"bufio"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Conn is one test connection to a server, with a deadline on every read.
type Conn struct {
	T   testing.TB
	Net net.Conn
	R   *bufio.Reader
}

// Dial connects to addr and closes the connection when the test ends.
func Dial(t testing.TB, addr string) *Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return &Conn{T: t, Net: conn, R: bufio.NewReader(conn)}
}

// Send writes s.
func (c *Conn) Send(s string) {
	c.T.Helper()
	_, err := c.Net.Write([]byte(s))
	require.NoError(c.T, err)
}

// Expect reads exactly len(want) bytes within two seconds and requires
// them to be want.
func (c *Conn) Expect(want string) {
	c.T.Helper()
	require.NoError(c.T, c.Net.SetReadDeadline(time.Now().Add(2*time.Second)))
	got := make([]byte, len(want))
	_, err := io.ReadFull(c.R, got)
	require.NoError(c.T, err, "waiting for %q", want)
	require.Equal(c.T, want, string(got))
}

// ExpectNothing requires that no byte arrives within d.
func (c *Conn) ExpectNothing(d time.Duration) {
	c.T.Helper()
	require.NoError(c.T, c.Net.SetReadDeadline(time.Now().Add(d)))
	b, err := c.R.ReadByte()
	require.Error(c.T, err, "unexpected byte %q", b)
	require.True(c.T, IsTimeout(err), "want a timeout, got %v", err)
}

// ExpectClosed reads until the server closes the connection, and requires
// that nothing more was sent before it did.
func (c *Conn) ExpectClosed() {
	c.T.Helper()
	require.NoError(c.T, c.Net.SetReadDeadline(time.Now().Add(3*time.Second)))
	rest, err := c.R.ReadString(0)
	require.Empty(c.T, rest)
	require.True(c.T, err != nil && !IsTimeout(err), "want the server to close, got %v", err)
}

// IsTimeout reports whether err is a read deadline passing.
func IsTimeout(err error) bool {
	netErr, ok := err.(net.Error)
	return ok && netErr.Timeout()
}
