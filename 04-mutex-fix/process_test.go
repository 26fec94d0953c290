//go:build unix

package main

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// buildServer compiles this chapter once for the tests about the process
// itself: its first line, its signals and its exit status.
func buildServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "server")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

func TestProcess(t *testing.T) {
	bin := buildServer(t)

	for i, m := range modes {
		// Each mode once, and each signal more than once.
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[i%2]
		t.Run(m.name+"/"+sig.String(), func(t *testing.T) {
			stdout, w, err := os.Pipe()
			require.NoError(t, err)
			defer stdout.Close()
			cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-sync", m.name)
			cmd.Stdout = w
			require.NoError(t, cmd.Start())
			w.Close()
			t.Cleanup(func() { cmd.Process.Kill() })

			// The first line says where it listens; a script waits for it.
			require.NoError(t, stdout.SetReadDeadline(time.Now().Add(30*time.Second)))
			first, err := bufio.NewReader(stdout).ReadString('\n')
			require.NoError(t, err)
			first = strings.TrimSuffix(first, "\n")
			require.Regexp(t, `^listening on 127\.0\.0\.1:\d+ \(goroutine per client, -sync `+m.name+`: .+\)$`, first)
			c := connect(t, strings.Fields(first)[2])
			c.send("PING\r\nINCR counter\r\n")
			c.expect("+PONG\r\n:1\r\n")

			require.NoError(t, cmd.Process.Signal(sig))
			require.NoError(t, cmd.Wait(), "exit status 0 on %v", sig)
			require.NoError(t, c.conn.SetReadDeadline(time.Now().Add(5*time.Second)))
			_, err = c.in.ReadByte()
			require.Error(t, err, "the client was closed")
		})
	}

	t.Run("port taken", func(t *testing.T) {
		taken, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer taken.Close()
		cmd := exec.Command(bin, "-addr", taken.Addr().String())
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err = cmd.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		require.Equal(t, 1, exit.ExitCode())
		require.Equal(t, taken.Addr().String()+" is already in use (is Redis running?); pick another address with -addr\n", stderr.String())
	})

	t.Run("unknown mode", func(t *testing.T) {
		cmd := exec.Command(bin, "-sync", "spinlock")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit)
		require.Equal(t, 2, exit.ExitCode())
		first, usage, _ := strings.Cut(stderr.String(), "\n")
		require.Equal(t, `invalid value "spinlock" for flag -sync: choose one of mutex, atomic, owner`, first)
		require.True(t, strings.HasPrefix(usage, "Usage of "), "the usage follows:\n%s", stderr.String())
	})
}
