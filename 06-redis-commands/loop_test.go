//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/nettest"
)

// The event loop is chapter 05's; these tests check what 06 changed in it:
// replies gathered in a shared buffer, and queued behind earlier ones.

func TestSlowReaderDoesNotStallOthers(t *testing.T) {
	srv, trace := startServer(t, config{})
	setup := dial(t, srv.Addr())
	value := strings.Repeat("v", 8192)
	require.Equal(t, "+OK\r\n", setup.do("SET", "big", value))

	// 1,000 GETs of 8 KiB: 8 MiB of replies that the slow client does not
	// read for now. Its write blocks once the server stops reading from
	// it, so it happens beside the rest of the test.
	slow := dial(t, srv.Addr())
	const gets = 1000
	written := make(chan error, 1)
	go func() {
		_, err := slow.Net.Write([]byte(strings.Repeat(resp("GET", "big"), gets)))
		written <- err
	}()
	trace.WaitFor(t, "watching for writable", 5*time.Second)

	fast := dial(t, srv.Addr())
	for range 100 {
		require.Equal(t, "+PONG\r\n", fast.do("PING"))
	}

	reply := fmt.Sprintf("$%d\r\n%s\r\n", len(value), value)
	require.NoError(t, slow.Net.SetReadDeadline(time.Now().Add(10*time.Second)))
	got := make([]byte, len(reply))
	for i := range gets {
		_, err := io.ReadFull(slow.R, got)
		require.NoError(t, err, "reply %d", i)
		require.Equal(t, reply, string(got), "reply %d", i)
	}
	require.NoError(t, <-written)
	require.Regexp(t, waitCall+`: .*writable`, trace.String(), "the poller reported the socket writable")
}

func TestResetAndHalfCloseMidRequest(t *testing.T) {
	srv, _ := startServer(t, config{})

	reset := dial(t, srv.Addr())
	reset.Send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nval")
	require.NoError(t, reset.Net.(*net.TCPConn).SetLinger(0)) // close sends RST
	require.NoError(t, reset.Net.Close())

	half := dial(t, srv.Addr())
	half.Send(resp("PING") + "*2\r\n$3\r\nGET\r\n")
	require.NoError(t, half.Net.(*net.TCPConn).CloseWrite())
	half.Expect("+PONG\r\n") // owed before the half-close, so still sent
	half.ExpectClosed()

	other := dial(t, srv.Addr())
	require.Equal(t, "$-1\r\n", other.do("GET", "k")) // the unfinished SET never ran
}

func TestMaxClients(t *testing.T) {
	srv, _ := startServer(t, config{maxClients: 1})
	first := dial(t, srv.Addr())
	require.Equal(t, "+PONG\r\n", first.do("PING"))
	second := dial(t, srv.Addr())
	second.Expect("-ERR max number of clients reached\r\n")
	second.ExpectClosed()
}

func TestSignalStopsCleanly(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		p := nettest.StartProcess(t, "")
		c := dial(t, p.Addr)
		require.Equal(t, "+PONG\r\n", c.do("PING"))
		require.NoError(t, p.Cmd.Process.Signal(sig))
		c.ExpectClosed()
		require.NoError(t, p.Cmd.Wait(), "exit status after %v", sig)
	}
}

// A batch of commands that outlasts the cron tick must not leave the loop
// asleep until some client speaks: the wait after it has to poll, so that
// timed work (here -timeout) still happens. The KEYS below takes several
// ticks (-hz 500: 2 ms each) and then nobody sends anything.
func TestTimedWorkAfterABatchOverrunsTheTick(t *testing.T) {
	srv, _ := startServer(t, config{hz: 500, idleTimeout: time.Second})
	busy := dial(t, srv.Addr())
	require.Equal(t, "+OK\r\n", busy.do("SET", strings.Repeat("a", 10_000), "v"))
	idle := dial(t, srv.Addr())
	require.Equal(t, "+PONG\r\n", idle.do("PING"))
	// '*' then 1,000 a's then 'b' tries the a's from every one of the
	// key's 10,000 places: some 10 million steps, well over 2 ms.
	busy.Send(resp("KEYS", "*"+strings.Repeat("a", 1000)+"b"))
	require.NoError(t, busy.Net.SetReadDeadline(time.Now().Add(20*time.Second)))
	reply, err := readReply(busy.R)
	require.NoError(t, err)
	require.Equal(t, "*0\r\n", reply)

	require.NoError(t, idle.Net.SetReadDeadline(time.Now().Add(20*time.Second)))
	_, err = idle.R.ReadByte()
	require.ErrorIs(t, err, io.EOF, "the idle client should be closed by -timeout")
}
