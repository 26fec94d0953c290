package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/sys/unix"
)

func main() {
	n := flag.Int("n", 10000, "idle loopback connections to open")
	flag.Parse()
	if flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := measure(*n, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "kernelmem:", err)
		os.Exit(1)
	}
}

// idleConns are n loopback connections, both ends open, and the epoll
// instance that watches the accepted ends.
type idleConns struct {
	listenFd, epfd int
	port           int
	fds            []int
}

// open makes n connections with blocking system calls, not the net package:
// net would register every socket with the Go runtime's own epoll
// instance, and those registrations would be counted too.
func open(n int) (*idleConns, error) {
	c := &idleConns{listenFd: -1, epfd: -1}
	fail := func(err error) (*idleConns, error) { c.close(); return nil, err }
	var err error
	if c.listenFd, err = unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0); err != nil {
		return fail(err)
	}
	loopback := &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	if err = unix.Bind(c.listenFd, loopback); err != nil {
		return fail(err)
	}
	if err = unix.Listen(c.listenFd, 128); err != nil {
		return fail(err)
	}
	sa, err := unix.Getsockname(c.listenFd)
	if err != nil {
		return fail(err)
	}
	c.port = sa.(*unix.SockaddrInet4).Port
	if c.epfd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		return fail(err)
	}
	to := &unix.SockaddrInet4{Addr: loopback.Addr, Port: c.port}
	ping, got := []byte("PING\r\n"), make([]byte, 6)
	for i := 0; i < n; i++ {
		client, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return fail(fmt.Errorf("connection %d: %w", i+1, err))
		}
		c.fds = append(c.fds, client)
		if err := unix.Connect(client, to); err != nil {
			return fail(err)
		}
		server, _, err := unix.Accept4(c.listenFd, unix.SOCK_CLOEXEC)
		if err != nil {
			return fail(err)
		}
		c.fds = append(c.fds, server)
		// One request each way leaves both receive queues empty again,
		// as a client that sent one PING and waits would.
		if _, err := unix.Write(client, ping); err != nil {
			return fail(err)
		}
		if _, err := unix.Read(server, got); err != nil {
			return fail(err)
		}
		ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(server)}
		if err := unix.EpollCtl(c.epfd, unix.EPOLL_CTL_ADD, server, &ev); err != nil {
			return fail(err)
		}
	}
	return c, nil
}

func (c *idleConns) close() {
	for _, fd := range append(c.fds, c.epfd, c.listenFd) {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
}

// raiseFileLimit makes room for need descriptors: the soft limit up to the
// hard one, and the hard one too if we may (root may).
func raiseFileLimit(need uint64) error {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	if lim.Cur >= need {
		return nil
	}
	lim.Cur = max(lim.Max, need)
	lim.Max = lim.Cur
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return fmt.Errorf("need %d open files: raise the limit (ulimit -n) or lower -n: %w", need, err)
	}
	return nil
}

func measure(n int, out *os.File) error {
	if err := raiseFileLimit(uint64(2*n + 64)); err != nil {
		return err
	}
	statBefore, err := readSockstat()
	if err != nil {
		return err
	}
	slabBefore, err := readSlabinfo()
	if err != nil {
		return fmt.Errorf("%w (reading /proc/slabinfo needs root)", err)
	}
	conns, err := open(n)
	if err != nil {
		return err
	}
	defer conns.close()
	slabAfter, err := readSlabinfo()
	if err != nil {
		return err
	}
	statAfter, err := readSockstat()
	if err != nil {
		return err
	}

	fmt.Fprintf(out, "%d idle loopback TCP connections (%d sockets), accepted ends registered with epoll\n\n", n, 2*n)
	fmt.Fprintf(out, "/proc/net/sockstat TCP: inuse %d → %d, alloc %d → %d, mem %d → %d pages\n\n",
		statBefore.inuse, statAfter.inuse, statBefore.alloc, statAfter.alloc, statBefore.memPages, statAfter.memPages)
	fmt.Fprintln(out, "| slab cache | objects added | object size | bytes added | per connection |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|")
	var total int64
	for _, g := range grownCaches(slabBefore, slabAfter, int64(n/2)) {
		total += g.bytes()
		fmt.Fprintf(out, "| %s | %d | %d | %d | %d |\n", g.name, g.objs, g.objSize, g.bytes(), g.bytes()/int64(n))
	}
	fmt.Fprintf(out, "| all of the above | | | %d | %d |\n", total, total/int64(n))
	if ss, err := exec.Command("ss", "-tmnH", "state", "established", fmt.Sprintf("sport = :%d", conns.port)).Output(); err == nil {
		// ss prints a socket's memory (skmem) on the line after its address.
		if lines := strings.SplitN(string(ss), "\n", 3); len(lines) >= 2 {
			fmt.Fprintf(out, "\nss -tmn, one accepted socket:\n%s\n%s\n",
				strings.Join(strings.Fields(lines[0]), " "), strings.TrimSpace(lines[1]))
		}
	}
	return nil
}
