//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"onethread/internal/nettest"
)

func TestCommands(t *testing.T) {
	srv := startServer(t, config{})
	c := dial(t, srv.Addr())
	for _, tt := range []struct{ send, want string }{
		{"PING\r\n", "+PONG\r\n"},
		{"PING hello\n", "$5\r\nhello\r\n"},
		{"GET counter\r\n", "$-1\r\n"},
		{"INCR counter\r\n", ":1\r\n"},
		{"INCR counter\r\n", ":2\r\n"},
		{"GET counter\r\n", "$1\r\n2\r\n"},
		{"INCR\r\n", "-ERR wrong number of arguments for 'incr' command\r\n"},
		{"FOO bar\r\n", "-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n"},
	} {
		c.Send(tt.send)
		c.Expect(tt.want)
	}
	c.Send("QUIT\r\n")
	c.Expect("+OK\r\n")
	c.ExpectClosed()
}

func TestCommandSentOneByteAtATime(t *testing.T) {
	srv := startServer(t, config{})
	c := dial(t, srv.Addr())
	command := "INCR counter\r\n"
	oneByteRead := fmt.Sprintf("read fd %d: 1 bytes", srv.trace.LastAcceptedFd(t))
	for i := 0; i < len(command)-1; i++ {
		c.Send(command[i : i+1])
		// The server has read this byte on its own (the trace says
		// so) and answers nothing until the command is whole.
		srv.trace.WaitForCount(t, oneByteRead, i+1, time.Second)
		c.ExpectNothing(10 * time.Millisecond)
	}
	c.Send("\n")
	c.Expect(":1\r\n")
}

func TestPipelinedPingsAnsweredInOrder(t *testing.T) {
	srv := startServer(t, config{})
	c := dial(t, srv.Addr())
	const n = 10000
	var requests, replies strings.Builder
	for i := range n {
		msg := strconv.Itoa(i)
		fmt.Fprintf(&requests, "PING %s\r\n", msg)
		fmt.Fprintf(&replies, "$%d\r\n%s\r\n", len(msg), msg)
	}
	c.Send(requests.String()) // every request is written before any reply is read
	c.Expect(replies.String())
}

func TestSlowReaderDoesNotStallOthers(t *testing.T) {
	srv := startServer(t, config{})
	slow := dial(t, srv.Addr())
	// 1,000 ECHOs of 8 KiB: 8 MiB of replies that the slow client does not
	// read for now. Writing blocks once the server stops reading from it,
	// so it happens beside the rest of the test.
	value := strings.Repeat("x", 8192)
	const echoes = 1000
	written := sendEchoes(slow, value, echoes)
	srv.trace.WaitFor(t, "watching for writable", 30*time.Second)

	fast := dial(t, srv.Addr())
	for range 100 {
		fast.Send("PING\r\n")
		fast.Expect("+PONG\r\n")
	}

	// Now the slow client reads everything, and it is all there, in order.
	readEchoes(t, slow, value, echoes, written)
	require.Contains(t, srv.trace.String(), "watch fd", "the loop asked to hear when the socket is writable")
	require.Regexp(t, waitCall+`: .*writable`, srv.trace.String(), "the poller reported the socket writable")
}

// sendEchoes writes n ECHOs of value from c beside the test, since the
// write blocks once the server stops reading from c; the channel gets its
// error when it is done.
func sendEchoes(c *client, value string, n int) <-chan error {
	written := make(chan error, 1)
	go func() {
		_, err := c.Net.Write([]byte(strings.Repeat("ECHO "+value+"\r\n", n)))
		written <- err
	}()
	return written
}

// readEchoes reads the n replies to sendEchoes, every one whole and in
// order, then waits for the write to have finished.
func readEchoes(t *testing.T, c *client, value string, n int, written <-chan error) {
	t.Helper()
	reply := fmt.Sprintf("$%d\r\n%s\r\n", len(value), value)
	require.NoError(t, c.Net.SetReadDeadline(time.Now().Add(30*time.Second)))
	got := make([]byte, len(reply))
	for i := range n {
		_, err := io.ReadFull(c.R, got)
		require.NoError(t, err, "reply %d", i)
		require.Equal(t, reply, string(got), "reply %d", i)
	}
	require.NoError(t, <-written)
}

func TestBigReplyToSlowReaderIsCopiedAtMostTwice(t *testing.T) {
	srv := startServer(t, config{})
	c := dial(t, srv.Addr())
	// A small send buffer on the server's side of the socket, as a slow
	// link would give: every write takes a few KiB of the reply, and the
	// loop keeps the rest (up to maxPendingReply) between writes.
	fd := srv.trace.LastAcceptedFd(t)
	require.NoError(t, unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_SNDBUF, 16*1024))

	value := strings.Repeat("x", 4096)
	const echoes = 2048 // 8 MiB of replies
	readEchoes(t, c, value, echoes, sendEchoes(c, value, echoes))
	require.Contains(t, srv.trace.String(), "bytes queued", "the replies went through c.out")

	srv.stop(t)
	total := echoes * len(fmt.Sprintf("$%d\r\n%s\r\n", len(value), value))
	t.Logf("%d bytes of replies, %d bytes copied into or within out buffers (%.2f per byte)",
		total, srv.outBytesCopied, float64(srv.outBytesCopied)/float64(total))
	require.LessOrEqual(t, srv.outBytesCopied, 2*total)
}

func TestResetAndHalfCloseMidCommand(t *testing.T) {
	srv := startServer(t, config{})

	reset := dial(t, srv.Addr())
	reset.Send("INCR coun")
	require.NoError(t, reset.Net.(*net.TCPConn).SetLinger(0)) // close sends RST
	require.NoError(t, reset.Net.Close())

	half := dial(t, srv.Addr())
	half.Send("PING\r\nINCR coun")
	require.NoError(t, half.Net.(*net.TCPConn).CloseWrite())
	half.Expect("+PONG\r\n") // owed before the half-close, so still sent
	half.ExpectClosed()

	other := dial(t, srv.Addr())
	other.Send("INCR counter\r\n")
	other.Expect(":1\r\n") // neither unfinished INCR ran
}

func TestProtocolErrorClosesOnlyThatClient(t *testing.T) {
	srv := startServer(t, config{})
	other := dial(t, srv.Addr())
	for _, tt := range []struct{ send, want string }{
		{"PING \"open\r\nPING\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n"},
		{"PING\r\n" + strings.Repeat("x", 70*1024), "+PONG\r\n-ERR Protocol error: too big inline request\r\n"},
	} {
		bad := dial(t, srv.Addr())
		bad.Send(tt.send)
		bad.Expect(tt.want)
		bad.ExpectClosed()
		other.Send("PING\r\n")
		other.Expect("+PONG\r\n")
	}
}

func TestMaxClients(t *testing.T) {
	srv := startServer(t, config{maxClients: 2})
	first, second := dial(t, srv.Addr()), dial(t, srv.Addr())
	first.Send("PING\r\n")
	first.Expect("+PONG\r\n")
	second.Send("PING\r\n")
	second.Expect("+PONG\r\n")

	third := dial(t, srv.Addr())
	third.Expect("-ERR max number of clients reached\r\n")
	third.ExpectClosed()

	first.Send("QUIT\r\n")
	first.Expect("+OK\r\n")
	first.ExpectClosed()
	fourth := dial(t, srv.Addr())
	fourth.Send("PING\r\n")
	fourth.Expect("+PONG\r\n")
}

func TestIdleTimeoutRunsInCron(t *testing.T) {
	srv := startServer(t, config{hz: 50, idleTimeout: 200 * time.Millisecond})
	c := dial(t, srv.Addr())
	c.Send("PING\r\n")
	c.Expect("+PONG\r\n")
	c.ExpectClosed()
	// The loop writes its trace line just after it closes the socket.
	srv.trace.WaitFor(t, "(idle timeout)", time.Second)
}

func TestCronRunsAfterATurnOverrunsTheTick(t *testing.T) {
	// One turn of the loop is made to take three ticks, as a burst of
	// work would. The loop must still run its cron afterwards, and close
	// the idle client, though no socket has anything more to say.
	const tick = 100 * time.Millisecond // -hz 10
	overrun := make(chan struct{}, 1)
	overran := make(chan struct{})
	srv := startServer(t, config{hz: 10, idleTimeout: time.Second}, func(s *server) {
		s.testHookAfterEvents = func() {
			select {
			case <-overrun:
				time.Sleep(3 * tick) // the slow work under test, not a wait for another goroutine
				close(overran)
			default:
			}
		}
	})
	idle := dial(t, srv.Addr())
	idle.Send("PING\r\n")
	idle.Expect("+PONG\r\n")

	overrun <- struct{}{} // the next turn, at the latest the next tick, is slow
	select {
	case <-overran:
	case <-time.After(5 * time.Second):
		t.Fatal("the loop never ran the slow turn")
	}
	// The loop writes its trace line just after it closes the socket.
	srv.trace.WaitFor(t, "(idle timeout)", 10*time.Second)
	idle.ExpectClosed()
}

func TestSignalStopsCleanly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		p := nettest.StartProcess(t, "")
		c := dial(t, p.Addr)
		c.Send("PING\r\n")
		c.Expect("+PONG\r\n")
		require.NoError(t, p.Cmd.Process.Signal(sig))
		c.ExpectClosed()
		require.NoError(t, p.Cmd.Wait(), "exit status after %v", sig)
	}
}

func TestAddressInUse(t *testing.T) {
	srv := startServer(t, config{})
	_, err := newServer(config{addr: srv.Addr(), maxClients: 1, hz: 10})
	require.ErrorContains(t, err, srv.Addr()+" is already in use")
}
