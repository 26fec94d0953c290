//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// Every protocol error Redis has, with its exact reply; after it the
// client is closed and every other client is served as before.
func TestProtocolErrorsCloseOnlyThatClient(t *testing.T) {
	srv, _ := startServer(t, config{})
	other := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", other.do("SET", "k", "v"))
	tests := []struct{ name, send, reply string }{
		{"invalid multibulk length", "*abc\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
		{"multibulk length over INT_MAX", "*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
		{"invalid bulk length", "*1\r\n$abc\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
		{"negative bulk length", "*1\r\n$-1\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
		{"bulk over 512 MB", "*1\r\n$536870913\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
		{"expected $", "*1\r\n+PING\r\n", "-ERR Protocol error: expected '$', got '+'\r\n"},
		{"expected $, got CR", "*1\r\n\r\n", "-ERR Protocol error: expected '$', got ' '\r\n"},
		{"unbalanced quotes", "PING \"open\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"},
		{"too big inline request", strings.Repeat("x", 70*1024), "-ERR Protocol error: too big inline request\r\n"},
		{"too big mbulk count string", "*" + strings.Repeat("1", 70*1024), "-ERR Protocol error: too big mbulk count string\r\n"},
		{"too big bulk count string", "*1\r\n$" + strings.Repeat("1", 70*1024), "-ERR Protocol error: too big bulk count string\r\n"},
		{"commands before the error are answered", "PING\r\n*1\r\n$x\r\nPING\r\n", "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := dial(t, srv.Addr())
			bad.Send(tt.send)
			bad.Expect(tt.reply)
			bad.ExpectClosed()
			require.Equal(t, "$1\r\nv\r\n", other.do("GET", "k"))
		})
	}
}

func TestProtocolErrorsSameAsRedis(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "invalid multibulk length", send: "*abc\r\n"},
		{name: "leading zero", send: "*01\r\n$4\r\nPING\r\n"},
		{name: "plus sign", send: "*1\r\n$+4\r\nPING\r\n"},
		{name: "over INT_MAX", send: "*2147483648\r\n"},
		{name: "LF without CR in header", send: "*1\n$4\r\nPING\r\n"},
		{name: "invalid bulk length", send: "*1\r\n$abc\r\n"},
		{name: "empty bulk length", send: "*1\r\n$\r\n"},
		{name: "negative bulk length", send: "*1\r\n$-1\r\n"},
		{name: "bulk over 512 MB", send: "*1\r\n$536870913\r\n"},
		{name: "expected $", send: "*1\r\n+PING\r\n"},
		{name: "expected $ got CR", send: "*1\r\n\r\n"},
		{name: "unbalanced quotes", send: "PING \"open\r\nPING\r\n"},
		{name: "closing quote then letter", send: "PING \"a\"b\r\n"},
		{name: "too big inline", send: strings.Repeat("x", 70*1024)},
		{name: "too big mbulk count", send: "*" + strings.Repeat("1", 70*1024)},
		{name: "too big bulk count", send: "*1\r\n$" + strings.Repeat("1", 70*1024)},
		{name: "NUL in command name", send: "*1\r\n$4\r\nPI\x00G\r\n"},
		{name: "NUL in an inline line hides its end", send: "PING\r\nPI\x00NG\r\nPING\r\n"},
		{name: "NUL in an inline line, then too big", send: "PING\r\nPI\x00NG\r\n" + strings.Repeat("PING\r\n", protoInlineMaxSize/6+1)},
		{name: "long unknown command", send: resp(strings.Repeat("x", 200), strings.Repeat("a", 100), strings.Repeat("b", 100))},
		{name: "answered before the error", send: "PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n"},
		// Redis searches all it has buffered for a header's end, and calls
		// it too big only when there is none and over 64 KiB wait: a
		// longer header whose end has arrived is judged as a header.
		{name: "long bulk header with its end", send: "*1\r\n$4" + strings.Repeat("a", 70_000) + "\r\n"},
		{name: "long multibulk header with its end", send: "*1" + strings.Repeat("a", 70_000) + "\r\n"},
		{name: "long bulk then expected $", send: "*2\r\n$3\r\nGE" + strings.Repeat("a", 70_000) + "\r\n"},
		{name: "long bulk, LF only", send: "*2\r\n$3\r\nGE" + strings.Repeat("a", 70_000) + "\n"},
		{name: "long inline line with its end", send: strings.Repeat("x", 70_000) + "\r\nPING\r\n"},
	})
}

// A client whose unprocessed input passes -client-query-buffer-limit is
// closed without a reply, as Redis closes it (networking.c logs "Closing
// client that reached max query buffer length"). Others are untouched, and
// a value under the limit is taken as usual.
func TestQueryBufferLimit(t *testing.T) {
	srv, trace := startServer(t, config{queryBufferLimit: minQueryBufferLimit})
	other := dial(t, srv.Addr())
	value := strings.Repeat("v", minQueryBufferLimit-100)
	require.Equal(t, "+OK\r\n", other.do("SET", "k", value))

	greedy := dial(t, srv.Addr())
	sent := make(chan error, 1)
	go func() { // the server may close before all of it is written
		_, err := greedy.Net.Write([]byte("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n" + strings.Repeat("x", 1_500_000)))
		sent <- err
	}()
	greedy.ExpectClosed()
	<-sent
	// The trace line is written just after the close the client saw.
	trace.WaitFor(t, "over -client-query-buffer-limit", 10*time.Second)
	require.Equal(t, fmt.Sprintf("$%d\r\n%s\r\n", len(value), value), other.do("GET", "k"))
}

func TestLowerMaxBulk(t *testing.T) {
	srv, _ := startServer(t, config{maxBulk: 10})
	c := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", c.do("SET", "k", "0123456789"))
	c.Send(resp("SET", "k", "01234567890"))
	c.Expect("-ERR Protocol error: invalid bulk length\r\n")
	c.ExpectClosed()
}

func TestRequestSplitAnywhere(t *testing.T) {
	srv, trace := startServer(t, config{})
	c := dial(t, srv.Addr())
	request := resp("SET", "key", "a value with\r\nCRLF inside") + resp("GET", "key")
	oneByteRead := fmt.Sprintf("read fd %d: 1 bytes", trace.LastAcceptedFd(t))
	for i := 0; i < len(request); i++ {
		c.Send(request[i : i+1])
		// Each byte arrives in a read of its own, so the request is
		// cut at every possible place.
		trace.WaitForCount(t, oneByteRead, i+1, time.Second)
	}
	c.Expect("+OK\r\n$25\r\na value with\r\nCRLF inside\r\n")
}

func TestPipelinedRequestsAnsweredInOrder(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	var requests, replies strings.Builder
	for i := range 10000 {
		n := strconv.Itoa(i)
		requests.WriteString(resp("SET", "k"+n, n))
		requests.WriteString(resp("GET", "k"+n))
		fmt.Fprintf(&replies, "+OK\r\n$%d\r\n%s\r\n", len(n), n)
	}
	c.Send(requests.String())
	c.Expect(replies.String())
}

// A client that announces a huge bulk and sends nothing must cost nothing:
// the parser only remembers the length, and memory grows with bytes that
// really arrive.
func TestAnnouncedBulkIsNotAllocated(t *testing.T) {
	p := nettest.StartProcess(t, "")
	before := p.RSSKiB(t)
	for range 20 {
		dial(t, p.Addr).Send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$500000000\r\nonly a few bytes")
	}
	check := dial(t, p.Addr)
	require.Equal(t, "+PONG\r\n", check.do("PING")) // all 20 have been read by now
	grown := p.RSSKiB(t) - before
	t.Logf("RSS grew %d KiB for 20 clients announcing 500 MB each", grown)
	require.Less(t, grown, 8*1024)
}

// A value much larger than one read arrives over many reads, and the
// reads go straight into the request's own buffer; whatever the pieces,
// the value stored is the value sent.
func TestLargeValues(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	for _, size := range []int{16*1024 - 1, 16 * 1024, 100*1024 + 7, 3 << 20} {
		value := strings.Repeat("0123456789abcdef", size/16+1)[:size]
		request := resp("SET", "big", value) + resp("GET", "big") + resp("STRLEN", "big")
		// Send it in uneven pieces, so that reads end at every kind of place.
		for start, piece := 0, 1; start < len(request); start, piece = start+piece, piece*3+1 {
			c.Send(request[start:min(start+piece, len(request))])
		}
		c.Expect(fmt.Sprintf("+OK\r\n$%d\r\n%s\r\n:%d\r\n", size, value, size))
	}
}

// A client that pipelines GETs of a large value and reads nothing gets
// every reply in the end, but the server builds them a megabyte or so at
// a time, as the client reads, rather than all at once.
func TestPipelinedLargeRepliesAreBounded(t *testing.T) {
	p := nettest.StartProcess(t, "")
	c := dial(t, p.Addr)
	value := strings.Repeat("v", 1<<20)
	require.Equal(t, "+OK\r\n", c.do("SET", "big", value))
	before := p.RSSKiB(t)

	const gets = 200 // 200 MiB of replies
	c.Send(strings.Repeat(resp("GET", "big"), gets))
	check := dial(t, p.Addr)
	require.Equal(t, "+PONG\r\n", check.do("PING")) // the GETs have been read by now
	grown := p.RSSKiB(t) - before
	t.Logf("RSS grew %d KiB with %d MiB of replies requested and none read", grown, gets)
	require.Less(t, grown, 64*1024)

	reply := fmt.Sprintf("$%d\r\n%s\r\n", len(value), value)
	got := make([]byte, len(reply))
	require.NoError(t, c.Net.SetReadDeadline(time.Now().Add(30*time.Second)))
	for i := range gets {
		_, err := io.ReadFull(c.R, got)
		require.NoError(t, err, "reply %d", i)
		require.True(t, string(got) == reply, "reply %d differs", i)
	}
}
