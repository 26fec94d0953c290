package nettest

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Trace collects a server's -trace output, written by the loop's
// goroutine, and lets a test wait until a line shows up without polling
// on a timer.
type Trace struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{}
}

func NewTrace() *Trace {
	return &Trace{written: make(chan struct{}, 1)}
}

func (b *Trace) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case b.written <- struct{}{}:
	default:
	}
	return b.buf.Write(p)
}

func (b *Trace) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// WaitFor waits until the trace contains text, or fails after d.
func (b *Trace) WaitFor(t testing.TB, text string, d time.Duration) {
	t.Helper()
	b.WaitForCount(t, text, 1, d)
}

// WaitForCount waits until text appears n times in the trace.
func (b *Trace) WaitForCount(t testing.TB, text string, n int, d time.Duration) {
	t.Helper()
	timeout := time.After(d)
	for strings.Count(b.String(), text) < n {
		select {
		case <-b.written:
		case <-timeout:
			t.Fatalf("trace never showed %q", text)
		}
	}
}

// LastAcceptedFd is the descriptor of the newest client in the trace.
func (b *Trace) LastAcceptedFd(t testing.TB) int {
	t.Helper()
	b.WaitFor(t, "accept fd ", time.Second)
	out := b.String()
	line := out[strings.LastIndex(out, "accept fd ")+len("accept fd "):]
	fd, err := strconv.Atoi(line[:strings.IndexByte(line, ' ')])
	require.NoError(t, err)
	return fd
}
