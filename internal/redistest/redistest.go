// Package redistest starts a real redis-server for tests that compare a
// chapter's replies with Redis's own, byte for byte.
package redistest

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Start runs redis-server on a free loopback port for the length of the
// test and returns its address. Without redis-server the test is skipped
// with a message saying how to install it, unless REQUIRE_REDIS=1 (CI sets
// it), where a missing Redis is a failure: a comparison that did not run
// must not pass unnoticed.
func Start(t testing.TB, extraArgs ...string) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		msg := "redis-server not found: install it (Debian/Ubuntu: apt-get install redis-server redis-tools; macOS: brew install redis) to compare with real Redis"
		if os.Getenv("REQUIRE_REDIS") == "1" {
			t.Fatal(msg + " (REQUIRE_REDIS=1)")
		}
		t.Skip(msg)
	}
	port := freePort(t)
	args := append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"}, extraArgs...)
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting redis-server: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitForPong(addr, 10*time.Second); err != nil {
		t.Fatalf("redis-server on %s did not answer: %v", addr, err)
	}
	return addr
}

func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitForPong dials until the server answers PING or the time is up.
// Connection refused is the only answer until redis-server has bound its
// port, so retrying a refused dial is the wait.
func waitForPong(addr string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		err := ping(addr)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ping(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	// NOAUTH is an answer too: the server is up, and wants the password
	// a test gave it (--requirepass).
	if !strings.HasPrefix(line, "+PONG") && !strings.HasPrefix(line, "-NOAUTH") {
		return fmt.Errorf("unexpected reply %q", line)
	}
	return nil
}
