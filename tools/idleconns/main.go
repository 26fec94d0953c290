// Command idleconns measures what idle connections cost a server: it
// starts each server named on the command line on a free loopback port,
// opens -n connections that each send one PING and then wait, and reports
// the growth of the server's resident memory and OS threads, side by side
// from one run.
//
//	go run ./tools/idleconns -n 10000 ./02-thread-per-client ./05-epoll-loop redis-server
//
// A name that is a directory is built with `go build` first; redis-server
// is started from PATH. Linux only: it reads /proc.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "idle connections to open to each server")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: idleconns [-n connections] server...\n  server: a chapter directory such as ./05-epoll-loop, or redis-server")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	fmt.Printf("machine: %s, %d CPUs, %s, %s\n\n", cpuModel(), runtime.NumCPU(), kernel(), runtime.Version())
	fmt.Println("| server | connections | RSS before | RSS after | per connection | OS threads before → after |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, target := range flag.Args() {
		row, err := measure(target, *n)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", target, err)
			os.Exit(1)
		}
		fmt.Println(row)
	}
}

func measure(target string, n int) (string, error) {
	srv, err := start(target)
	if err != nil {
		return "", err
	}
	defer srv.stop()

	rssBefore, threadsBefore, err := procStatus(srv.cmd.Process.Pid)
	if err != nil {
		return "", err
	}
	conns := make([]net.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	reply := make([]byte, len("+PONG\r\n"))
	for i := 0; i < n; i++ {
		c, err := net.DialTimeout("tcp", srv.addr, 5*time.Second)
		if err != nil {
			return "", fmt.Errorf("connection %d: %w", i, err)
		}
		conns = append(conns, c)
		c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Write([]byte("PING\r\n")); err != nil {
			return "", fmt.Errorf("connection %d: %w", i, err)
		}
		if _, err := io.ReadFull(c, reply); err != nil || string(reply) != "+PONG\r\n" {
			return "", fmt.Errorf("connection %d: reply %q, %v", i, reply, err)
		}
	}
	rssAfter, threadsAfter, err := procStatus(srv.cmd.Process.Pid)
	if err != nil {
		return "", err
	}
	perConn := float64(rssAfter-rssBefore) * 1024 / float64(n)
	return fmt.Sprintf("| %s | %d | %.1f MiB | %.1f MiB | %.0f bytes | %d → %d |",
		target, n, float64(rssBefore)/1024, float64(rssAfter)/1024, perConn, threadsBefore, threadsAfter), nil
}

type server struct {
	cmd  *exec.Cmd
	addr string
	dir  string
}

// start builds (for a chapter) and runs the server on a free port, and
// waits until it answers.
func start(target string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	srv := &server{addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
	if target == "redis-server" {
		srv.cmd = exec.Command("redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--maxclients", "20000")
	} else {
		srv.dir, err = os.MkdirTemp("", "idleconns")
		if err != nil {
			return nil, err
		}
		bin := filepath.Join(srv.dir, "server")
		if out, err := exec.Command("go", "build", "-o", bin, target).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build: %v\n%s", err, out)
		}
		srv.cmd = exec.Command(bin, "-addr", srv.addr)
	}
	if err := srv.cmd.Start(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", srv.addr)
		if err == nil {
			c.Close()
			return srv, nil
		}
		if time.Now().After(deadline) {
			srv.stop()
			return nil, fmt.Errorf("did not start listening on %s: %w", srv.addr, err)
		}
		time.Sleep(20 * time.Millisecond) // refused until the server binds: retrying is the wait
	}
}

func (s *server) stop() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// procStatus reads a process's resident memory (KiB) and thread count.
func procStatus(pid int) (rssKiB, threads int, err error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), ":")
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		switch key {
		case "VmRSS":
			rssKiB, err = strconv.Atoi(fields[0])
		case "Threads":
			threads, err = strconv.Atoi(fields[0])
		}
		if err != nil {
			return 0, 0, err
		}
	}
	if rssKiB == 0 || threads == 0 {
		return 0, 0, errors.New("no VmRSS or Threads in /proc status")
	}
	return rssKiB, threads, sc.Err()
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func kernel() string {
	out, err := exec.Command("uname", "-sr").Output()
	if err != nil {
		return "unknown kernel"
	}
	return strings.TrimSpace(string(out))
}
