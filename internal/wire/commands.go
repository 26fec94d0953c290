package wire

import (
	"bytes"
	"strconv"
)

// Counters is the shared state of chapters 01 to 05: named integer
// counters. Each chapter implements it differently (no locks, a mutex, an
// atomic, an owner goroutine, an event loop), and that difference is the
// lesson; the commands below are the same everywhere.
type Counters interface {
	// Incr adds one to the counter named key, creating it at 0 first,
	// and returns the new value.
	Incr(key string) int64
	// Get returns the counter's value, and false if there is no such key.
	Get(key string) (int64, bool)
}

// Execute runs one command, given as its words, and appends the RESP2
// reply to dst. quit is true when the client asked to close (QUIT): the
// caller sends the reply, then closes the connection. An empty command
// (a blank line) gets no reply, as in Redis.
func Execute(dst []byte, args [][]byte, state Counters) (reply []byte, quit bool) {
	if len(args) == 0 {
		return dst, false
	}
	name := args[0]
	switch {
	case EqualFold(name, "quit"):
		// Redis answers QUIT before looking at its arguments.
		return AppendSimple(dst, "OK"), true
	case EqualFold(name, "ping"):
		switch len(args) {
		case 1:
			return AppendSimple(dst, "PONG"), false
		case 2:
			return AppendBulk(dst, args[1]), false
		}
	case EqualFold(name, "echo"):
		if len(args) == 2 {
			return AppendBulk(dst, args[1]), false
		}
	case EqualFold(name, "incr"):
		if len(args) == 2 {
			return AppendInt(dst, state.Incr(string(args[1]))), false
		}
	case EqualFold(name, "get"):
		if len(args) == 2 {
			n, ok := state.Get(string(args[1]))
			if !ok {
				return AppendNull(dst), false
			}
			return AppendBulk(dst, strconv.AppendInt(nil, n, 10)), false
		}
	default:
		return AppendError(dst, UnknownCommand(args)), false
	}
	return AppendError(dst, "ERR wrong number of arguments for '"+string(bytes.ToLower(name))+"' command"), false
}

// UnknownCommand words the error exactly as Redis 7 does: the name cut to
// 128 bytes, then quoted arguments until 128 bytes of them are shown.
func UnknownCommand(args [][]byte) string {
	var shown []byte
	for _, arg := range args[1:] {
		if len(shown) >= 128 {
			break
		}
		room := 128 - len(shown)
		shown = append(shown, '\'')
		shown = append(shown, arg[:min(len(arg), room)]...)
		shown = append(shown, '\'', ' ')
	}
	name := args[0][:min(len(args[0]), 128)]
	return "ERR unknown command '" + string(name) + "', with args beginning with: " + string(shown)
}

// EqualFold reports whether word is lower, ignoring ASCII case, without
// allocating: the test commands use, in every chapter.
func EqualFold(word []byte, lower string) bool {
	if len(word) != len(lower) {
		return false
	}
	for i := range word {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
