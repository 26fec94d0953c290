package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// runDemo serves on a free loopback port in this process, runs hammer
// against it and prints what the counter should be next to what it is.
func runDemo(clients, incrs, pipeline int) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := newServer(ln, false)
	served := make(chan struct{})
	go func() { srv.Serve(); close(served) }()
	defer func() { srv.Close(); <-served }()
	got, err := hammer(ln.Addr().String(), clients, incrs, pipeline)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	want := int64(clients) * int64(incrs)
	fmt.Printf("%d clients × %d INCR, pipeline %d: expected %d, got %d, lost %d\n", clients, incrs, pipeline, want, got, want-got)
	return 0
}

// demoKey is the counter every demo client increments.
const demoKey = "counter"

// hammer connects clients at once to addr, has each send incrs INCR
// commands (see incrMany), then reads the counter back with GET. Every
// INCR was answered, so the counter should be clients × incrs; on a
// server with a data race it can be less.
func hammer(addr string, clients, incrs, pipeline int) (int64, error) {
	if clients < 1 || incrs < 1 || pipeline < 1 {
		return 0, errors.New("-clients, -incrs and -pipeline must be at least 1")
	}
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- incrMany(addr, incrs, pipeline)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return getCounter(addr)
}

// incrMany sends incrs INCR commands on one connection, pipeline at a
// time: that many in one write, then their replies. With pipeline 1 each
// INCR waits for its reply, as most Redis clients do.
func incrMany(addr string, incrs, pipeline int) error {
	conn, in, err := dial(addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	for sent := 0; sent < incrs; {
		batch := min(pipeline, incrs-sent)
		if _, err := conn.Write([]byte(strings.Repeat("INCR "+demoKey+"\r\n", batch))); err != nil {
			return err
		}
		for i := 0; i < batch; i++ {
			reply, err := in.ReadString('\n')
			if err != nil {
				return err
			}
			if reply[0] != ':' {
				return fmt.Errorf("INCR: unexpected reply %q", reply)
			}
		}
		sent += batch
	}
	return nil
}

// getCounter reads the demo counter with GET, whose reply is a bulk
// string: a "$<length>" line, then the digits.
func getCounter(addr string) (int64, error) {
	conn, in, err := dial(addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	header, err := command(conn, in, "GET "+demoKey)
	if err != nil {
		return 0, err
	}
	if header == "$-1" {
		return 0, nil
	}
	if !strings.HasPrefix(header, "$") {
		return 0, fmt.Errorf("GET: unexpected reply %q", header)
	}
	digits, err := in.ReadString('\n')
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(digits), 10, 64)
}

// dial connects with a deadline that bounds every read that follows, so a
// server that stops answering fails the demo instead of hanging it.
func dial(addr string) (net.Conn, *bufio.Reader, error) {
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, nil, err
	}
	if err := conn.SetDeadline(time.Now().Add(time.Minute)); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, bufio.NewReader(conn), nil
}

// command sends one inline command and returns the first line of the
// reply, without its "\r\n".
func command(conn net.Conn, in *bufio.Reader, line string) (string, error) {
	if _, err := conn.Write([]byte(line + "\r\n")); err != nil {
		return "", err
	}
	reply, err := in.ReadString('\n')
	return strings.TrimRight(reply, "\r\n"), err
}
