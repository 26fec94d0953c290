//go:build exercises

package main

// Exercise 2's check reads the server's epoll registrations from /proc:
// Linux only, as epoll is.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"onethread/internal/nettest"
)

// Exercise 2: -edge-triggered.
func TestExercise2EdgeTriggered(t *testing.T) {
	requireFlag(t, "-edge-triggered", "add a -edge-triggered flag (a bool, false by default): "+
		"register every client with EPOLLET, in epollEvents (poller_epoll.go)")

	p := nettest.StartProcess(t, "", "-edge-triggered")
	first, second := dial(t, p.Addr), dial(t, p.Addr)
	for _, c := range []*client{first, second} {
		c.Send("PING\r\n")
		c.Expect("+PONG\r\n")
	}
	registered := epollRegistrations(t, p.Cmd.Process.Pid)
	edge := 0
	for _, r := range registered {
		if r.socket && r.events&unix.EPOLLET != 0 {
			edge++
		}
	}
	require.GreaterOrEqual(t, edge, 2, "with -edge-triggered and two clients connected, the server's epoll watches no client socket with EPOLLET (0x80000000). "+
		"Its registrations, from /proc/%d/fdinfo:\n%s", p.Cmd.Process.Pid, registrationList(registered))

	// 1.2 MB of pipelined PINGs in one write. Edge-triggered, epoll says
	// "readable" when bytes arrive, not while they remain: a loop that
	// reads 16 KiB per event and waits again leaves most of them in the
	// kernel, unreported, while this client waits for its replies.
	const pings = 200_000
	written := make(chan error, 1)
	go func() {
		_, err := first.Net.Write([]byte(strings.Repeat("PING\r\n", pings)))
		written <- err
	}()
	require.NoError(t, first.Net.SetReadDeadline(time.Now().Add(30*time.Second)))
	got := make([]byte, len("+PONG\r\n"))
	for i := range pings {
		if _, err := io.ReadFull(first.R, got); err != nil {
			t.Fatalf("reply %d of %d never came (%v): with EPOLLET, read from a ready client until read says EAGAIN, "+
				"or what is left in the kernel is not reported again until the client sends more, and it is waiting for its replies", i+1, pings, err)
		}
		require.Equal(t, "+PONG\r\n", string(got), "reply %d", i+1)
	}
	require.NoError(t, <-written)
	second.Send("PING\r\n")
	second.Expect("+PONG\r\n")
}

// registration is one descriptor an epoll instance of the server watches.
type registration struct {
	epfd, fd int
	events   uint32
	socket   bool
}

// epollRegistrations lists what every epoll instance of process pid
// watches, from the tfd lines of /proc/PID/fdinfo (ep_show_fdinfo in the
// kernel's fs/eventpoll.c).
func epollRegistrations(t *testing.T, pid int) []registration {
	t.Helper()
	fdDir := fmt.Sprintf("/proc/%d/fd", pid)
	entries, err := os.ReadDir(fdDir)
	require.NoError(t, err)
	var out []registration
	for _, e := range entries {
		if link, _ := os.Readlink(filepath.Join(fdDir, e.Name())); link != "anon_inode:[eventpoll]" {
			continue
		}
		epfd, _ := strconv.Atoi(e.Name())
		info, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%d", pid, epfd))
		require.NoError(t, err)
		for _, line := range strings.Split(string(info), "\n") {
			f := strings.Fields(line)
			if len(f) < 4 || f[0] != "tfd:" || f[2] != "events:" {
				continue
			}
			fd, _ := strconv.Atoi(f[1])
			events, _ := strconv.ParseUint(f[3], 16, 32)
			link, _ := os.Readlink(filepath.Join(fdDir, f[1]))
			out = append(out, registration{epfd: epfd, fd: fd, events: uint32(events), socket: strings.HasPrefix(link, "socket:")})
		}
	}
	return out
}

func registrationList(rs []registration) string {
	var b strings.Builder
	for _, r := range rs {
		what := "not a socket"
		if r.socket {
			what = "socket"
		}
		fmt.Fprintf(&b, "  epoll fd %d watches fd %d (%s), events %#x\n", r.epfd, r.fd, what, r.events)
	}
	return b.String()
}
