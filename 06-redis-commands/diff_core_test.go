//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import "testing"

// The core of the differential test: the request parser and the command
// dispatcher. Each command group has a diff_<group>_test.go beside it.
func TestSameAsRedisCore(t *testing.T) {
	runDiff(t, []diffCase{
		commands("ping", cmd("PING"), cmd("ping", "hello"), cmd("PING", "a", "b")),
		commands("unknown command", cmd("FOO", "a", "b"), cmd("foo"), cmd("CLIENTX")),
		commands("get set", cmd("SET", "k", "v"), cmd("GET", "k"), cmd("GET", "nokey"), cmd("GET"), cmd("SET", "k")),
		{name: "inline", send: "PING\r\nSET k \"a b\"\r\nGET k\r\n\r\n  \n"},
		{name: "empty arrays", send: "*0\r\n*-1\r\n*-5\r\n*1\r\n$4\r\nPING\r\n"},
		{name: "bytes after bulk unchecked", send: "*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n"},
	})
}
