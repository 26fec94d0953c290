//go:build exercises

package main

import (
	"bytes"
	"net"

	"onethread/internal/wire"
)

// serveOneRead is a first attempt at answering a client, as many servers
// are first written: it assumes that each Read returns exactly one
// command. It compiles only with -tags exercises, for exercise 1 of
// README.md; TestExercise1OneReadIsNotOneCommand serves clients with it.
// It has a bug: find it, then fix it here.
func serveOneRead(conn net.Conn, state wire.Counters) {
	defer conn.Close()
	buf := make([]byte, 512)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		line := bytes.TrimRight(buf[:n], "\r\n")
		args, err := wire.SplitArgs(line)
		if err != nil {
			conn.Write(wire.AppendError(nil, err.Error()))
			return
		}
		reply, quit := wire.Execute(nil, args, state)
		if _, err := conn.Write(reply); err != nil || quit {
			return
		}
	}
}
