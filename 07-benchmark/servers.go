package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// serverSpec is one design under test: a chapter (with the flags that pick
// its variant) or real Redis.
type serverSpec struct {
	ID     string   // the name -servers uses: "01" … "06", "02-os-threads", "redis"
	Dir    string   // the chapter's folder, "" for Redis
	Args   []string // flags beyond -addr
	Design string   // one line for the table

	// OneAtATime marks chapter 01, which serves connections one after
	// another: a connection waits in the listen backlog until every one
	// accepted before it has closed.
	OneAtATime bool
	// Racy marks chapter 03, whose counter may lose updates: its
	// correctness column differs from run to run.
	Racy bool
}

// maxClients is what 05, 06 and Redis are told they may serve: above the
// largest -scale level plus the probe, so that their own limit (10,000 by
// default, as Redis's maxclients) is not what -scale measures.
const maxClients = 20000

var catalogue = []serverSpec{
	{ID: "01", Dir: "01-blocking-server", Design: "one client at a time", OneAtATime: true},
	{ID: "02", Dir: "02-thread-per-client", Design: "goroutine per client"},
	{ID: "02-os-threads", Dir: "02-thread-per-client", Args: []string{"-os-threads"}, Design: "OS thread per client"},
	{ID: "03", Dir: "03-race-condition", Design: "goroutine per client, racy count++", Racy: true},
	{ID: "04", Dir: "04-mutex-fix", Design: "goroutine per client, mutex"},
	{ID: "05", Dir: "05-epoll-loop", Args: []string{"-maxclients", strconv.Itoa(maxClients)}, Design: "epoll loop, 1 thread"},
	{ID: "06", Dir: "06-redis-commands", Args: []string{"-maxclients", strconv.Itoa(maxClients)}, Design: "epoll loop, RESP"},
	{ID: "redis", Design: "real Redis"},
}

func lookupServer(id string) (serverSpec, bool) {
	for _, s := range catalogue {
		if s.ID == id {
			return s, true
		}
	}
	return serverSpec{}, false
}

// builder compiles each chapter once into a temporary folder, without
// -race: the race detector slows a program down several times over.
type builder struct {
	root string // the module's root, where `go build ./NN-name` works
	dir  string
	bins map[string]string
}

func newBuilder() (*builder, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return nil, errors.New("run from inside the onethread module (its go.mod not found)")
	}
	dir, err := os.MkdirTemp("", "07-benchmark")
	if err != nil {
		return nil, err
	}
	return &builder{root: filepath.Dir(gomod), dir: dir, bins: map[string]string{}}, nil
}

func (b *builder) build(spec serverSpec) (string, error) {
	if spec.Dir == "" {
		return "", nil
	}
	if bin, ok := b.bins[spec.Dir]; ok {
		return bin, nil
	}
	bin := filepath.Join(b.dir, spec.Dir)
	cmd := exec.Command("go", "build", "-o", bin, "./"+spec.Dir)
	cmd.Dir = b.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./%s: %v\n%s", spec.Dir, err, out)
	}
	b.bins[spec.Dir] = bin
	return bin, nil
}

func (b *builder) cleanup() { os.RemoveAll(b.dir) }

// server is one running server process.
type server struct {
	spec   serverSpec
	cmd    *exec.Cmd
	Addr   string
	stderr *headBuffer
	exited chan struct{} // closed once the process has exited
}

// startServer runs bin (or redis-server) on a free loopback port, on the
// CPUs in pin when pin is not empty, and returns once it listens.
func startServer(spec serverSpec, bin string, pin string) (*server, error) {
	var argv []string
	ready := func(line string) (string, bool) {
		// Every chapter's first line: "listening on 127.0.0.1:PORT (...)".
		f := strings.Fields(line)
		if len(f) < 3 || f[0] != "listening" || f[1] != "on" {
			return "", false
		}
		return f[2], true
	}
	if spec.ID == "redis" {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		argv = []string{"redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--maxclients", strconv.Itoa(maxClients)}
		// Redis logs to stdout unless told otherwise; this line (Redis 7.0's
		// serverLog in server.c) comes once it accepts connections.
		ready = func(line string) (string, bool) {
			return addr, strings.Contains(line, "Ready to accept connections")
		}
	} else {
		argv = append([]string{bin, "-addr", "127.0.0.1:0"}, spec.Args...)
	}
	if pin != "" {
		argv = append([]string{"taskset", "-c", pin}, argv...)
	}
	s := &server{spec: spec, cmd: exec.Command(argv[0], argv[1:]...), stderr: &headBuffer{max: 64 << 10}, exited: make(chan struct{})}
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s.cmd.Stderr = s.stderr
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()

	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if addr, ok := ready(sc.Text()); ok {
				found <- addr
				break
			}
		}
		io.Copy(io.Discard, stdout) // a server must never block on a full pipe
	}()
	select {
	case s.Addr = <-found:
		return s, nil
	case <-s.exited:
		return nil, fmt.Errorf("%s exited before listening: %s", spec.ID, s.Reason())
	case <-time.After(30 * time.Second):
		s.Stop()
		return nil, fmt.Errorf("%s did not say it listens within 30s", spec.ID)
	}
}

// Pid is the server's process id (taskset execs the server, so it is the
// server's own).
func (s *server) Pid() int { return s.cmd.Process.Pid }

// Exited reports whether the process has ended.
func (s *server) Exited() bool {
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// exitsWithin reports whether the process has ended, or ends within d:
// a server that breaks its clients' connections as it dies may still be
// running when they notice.
func (s *server) exitsWithin(d time.Duration) bool {
	select {
	case <-s.exited:
		return true
	case <-time.After(d):
		return false
	}
}

// Stop asks the server to stop with SIGTERM, as a user would, and waits;
// a server that has not stopped after 10 seconds is killed.
func (s *server) Stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// Reason is why the server stopped, in one line: the Go runtime's "fatal
// error:" line with the "runtime:" line that explains it, when there are
// such lines, else the first line it wrote to stderr, else its exit status.
func (s *server) Reason() string {
	var first, runtimeLine, fatal string
	for _, l := range strings.Split(s.stderr.String(), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case fatal == "" && strings.HasPrefix(l, "fatal error:"):
			fatal = l
		case runtimeLine == "" && strings.HasPrefix(l, "runtime:"):
			runtimeLine = l
		case first == "":
			first = l
		}
	}
	switch {
	case fatal != "" && runtimeLine != "":
		return fatal + " (" + runtimeLine + ")"
	case fatal != "":
		return fatal
	case first != "":
		return first
	case s.Exited(): // ProcessState is set once Wait has returned
		return s.cmd.ProcessState.String()
	}
	return "no message"
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// headBuffer keeps the first max bytes written to it and drops the rest:
// a Go server that dies with 10,000 goroutines prints a dump of all of
// them, and only its first lines say why.
type headBuffer struct {
	mu  sync.Mutex
	max int
	buf bytes.Buffer
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - h.buf.Len(); room > 0 {
		h.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (h *headBuffer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.buf.String()
}
