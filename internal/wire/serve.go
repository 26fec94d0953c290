package wire

import (
	"bufio"
	"errors"
	"net"
)

// ServeConn answers one client's commands until it quits, disconnects or
// breaks the protocol, then closes the connection. Every Read here blocks
// the calling goroutine until the client sends something: which goroutine
// calls ServeConn, and how many of them run at once, is what chapters 01
// to 04 are about.
func ServeConn(conn net.Conn, state Counters) {
	defer conn.Close()
	in := bufio.NewReaderSize(conn, 16*1024)
	var out []byte
	var args [][]byte
	for {
		line, err := ReadLine(in)
		if err != nil {
			if errors.Is(err, ErrTooBigInline) {
				conn.Write(AppendError(out, err.Error()))
			}
			return
		}
		args, err = AppendArgs(args[:0], line)
		if err != nil {
			conn.Write(AppendError(out, err.Error()))
			return
		}
		var quit bool
		out, quit = Execute(out, args, state)
		// Replies to pipelined commands are gathered and sent with one
		// write once every whole command already received is answered.
		if quit || !lineBuffered(in) {
			if _, err := conn.Write(out); err != nil || quit {
				return
			}
			out = out[:0]
		}
	}
}

// lineBuffered reports whether a whole line is waiting in r, so that the
// next ReadLine will not block.
func lineBuffered(r *bufio.Reader) bool {
	buffered, _ := r.Peek(r.Buffered())
	return LineEnd(buffered) >= 0
}
