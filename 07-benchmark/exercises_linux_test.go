//go:build exercises

package main

// The checks of README.md's exercises, run with
//
//	go test -tags exercises -run Exercise ./07-benchmark/
//
// They fail on the harness as shipped and pass once the exercise is done.
// They reach it through its flags (parseFlags), its load generator and one
// run of a server, as harness_linux_test.go does, so every check compiles
// before any exercise is done.

import (
	"bufio"
	"bytes"
	"flag"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"onethread/internal/exercise"
)

// Exercise 1: -workload echo, test first.
func TestExercise1EchoWorkload(t *testing.T) {
	exercise.RequireLearnerTest(t, "TestEchoWorkloadCommand")
	const hint = "in workload.go, accept \"echo\" in validate (with -value-size 1 to 32768, as set-get), " +
		"describe it, and make appendCommand write ECHO followed by -value-size bytes"
	opts, err := parseArgs("-workload", "echo", "-value-size", "100", "-clients", "2", "-requests", "10", "-pipeline", "2", "-q", "-pin=false")
	require.NoError(t, err, "the harness refuses -workload echo: %s", hint)
	require.Contains(t, opts.Workload.describe(), "ECHO", "the report's description of the workload should say it is ECHO, and of how many bytes")
	_, err = parseArgs("-workload", "echo", "-value-size", "0")
	require.Error(t, err, "-workload echo -value-size 0 must be refused, as set-get refuses it: ECHO needs a word to send")

	// The bytes on the wire, as a server receives them.
	addr, received := echoServer(t)
	res, err := runClosedLoop(addr, loadConfig{Clients: 2, Requests: 10, Pipeline: 2, Workload: opts.Workload, Cap: time.Minute})
	require.NoError(t, err)
	require.Equal(t, 10, res.Done, "replies read")
	require.Zero(t, res.ErrorReplies, "error replies; the first: %s", res.FirstError)
	want := "ECHO " + strings.Repeat("x", 100)
	for _, line := range received() {
		require.Equal(t, want, line, "every command of -workload echo -value-size 100 is %.20q… (%d bytes)", want, len(want))
	}

	// And a real chapter's row: every chapter answers ECHO, so none is
	// skipped, as 01 to 05 are for set-get.
	opts, err = parseArgs("-servers", "05", "-workload", "echo", "-value-size", "1000", "-clients", "4", "-requests", "40", "-q", "-pin=false")
	require.NoError(t, err)
	var table bytes.Buffer
	rep, err := run(opts, &table)
	require.NoError(t, err)
	require.Len(t, rep.Closed, 1)
	s := rep.Closed[0]
	require.Empty(t, s.Skipped, "05 answers ECHO: it must not be skipped")
	require.Len(t, s.Runs, 1)
	require.Equal(t, 40, s.Runs[0].Done, "05 answered %d of 40 ECHOs (first error: %s)", s.Runs[0].Done, s.Runs[0].FirstError)
	require.Zero(t, s.Runs[0].ErrorReplies, "05 answered with errors: %s", s.Runs[0].FirstError)
	require.Contains(t, table.String(), "\n05 ", "the table has 05's row")
}

// echoServer answers ECHO with its word and anything else with an error,
// and returns what every connection sent, line by line, once asked.
func echoServer(t *testing.T) (string, func() []string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var (
		mu    sync.Mutex
		lines []string
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
					mu.Lock()
					lines = append(lines, line)
					mu.Unlock()
					reply := "-ERR not ECHO\r\n"
					if word, ok := strings.CutPrefix(line, "ECHO "); ok {
						reply = "$" + strconv.Itoa(len(word)) + "\r\n" + word + "\r\n"
					}
					if _, err := io.WriteString(c, reply); err != nil {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return ln.Addr().String(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), lines...)
	}
}

// Exercise 2: -reconnect.
func TestExercise2Reconnect(t *testing.T) {
	opts, err := parseArgs("-reconnect", "-workload", "ping", "-clients", "2", "-requests", "20", "-pipeline", "2", "-q", "-pin=false")
	require.NoError(t, err, "add a -reconnect flag (a bool): each connection opens a new connection for every batch "+
		"(dial, write, read the replies, close), as short-lived clients do; options and loadConfig need a field for it")
	for _, other := range [][]string{{"-scale"}, {"-rate", "1000"}} {
		_, err := parseArgs(append([]string{"-reconnect"}, other...)...)
		require.Error(t, err, "-reconnect with %s must be refused: only the closed loop reconnects, and a flag that is silently ignored misleads", other[0])
	}

	// A server that counts the connections it accepts: this test binary,
	// run as the harness runs every server.
	count := countingServerFile(t)
	bin, err := os.Executable()
	require.NoError(t, err)
	spec := serverSpec{ID: "counting", Dir: "counting", Design: "counts connections"}
	h := &harness{opts: opts, builder: &builder{bins: map[string]string{spec.Dir: bin}}, rep: &report{}, out: io.Discard}
	r, skipped, err := h.closedRun(spec, 0)
	require.NoError(t, err)
	require.Empty(t, skipped)
	require.Equal(t, 20, r.Done, "replies read (first error: %s)", r.FirstError)
	require.Zero(t, r.ErrorReplies+r.Unanswered, "first error: %s", r.FirstError)
	accepted := count()
	require.Equal(t, 10, accepted, "with -reconnect, 20 PINGs in batches of 2 (-pipeline 2) must come over 10 connections, one a batch; the server accepted %d. "+
		"In serveShare, after each batch's replies, close the connection and dial a new one for the next batch (the first batch may use the connection dialAll opened)", accepted)
}

// countingServerEnv, when set to a file's name, makes this test binary a
// server rather than a test (see init below).
const countingServerEnv = "EXERCISE07_COUNTING_SERVER"

// countingServerFile makes the servers the test starts count their
// connections into a file, and returns how to read the count.
func countingServerFile(t *testing.T) func() int {
	file := t.TempDir() + "/accepted"
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	t.Setenv(countingServerEnv, file)
	return func() int {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		return len(data)
	}
}

// init runs this test binary as a counting server when asked: it says
// where it listens as every chapter does, answers PING, and appends one
// byte to the file for every connection it accepts, until it is stopped.
func init() {
	file := os.Getenv(countingServerEnv)
	if file == "" {
		return
	}
	out, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	os.Stdout.WriteString("listening on " + ln.Addr().String() + " (counting connections)\n")
	for {
		c, err := ln.Accept()
		if err != nil {
			os.Exit(1)
		}
		out.Write([]byte{'.'})
		go func() {
			defer c.Close()
			r := bufio.NewReader(c)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				reply := "-ERR not PING\r\n"
				if strings.TrimSpace(line) == "PING" {
					reply = "+PONG\r\n"
				}
				if _, err := io.WriteString(c, reply); err != nil {
					return
				}
			}
		}()
	}
}

// parseArgs parses a command line as main does, quietly.
func parseArgs(args ...string) (options, error) {
	fs := flag.NewFlagSet("07-benchmark", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return parseFlags(fs, args)
}
