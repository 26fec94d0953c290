//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// A large reply to a slow reader goes out in many partial writes. Each must
// send from where the last stopped, not move the unsent rest to the front
// of the buffer first: with some 200 KB taken per write, that copied a
// 64 MB reply some 160 times over, 10 GB of memmove. The test reads the
// reply in small pieces, between the server's writes, and requires that
// the unsent part of c.out stays where it was put: no byte is copied after
// the reply is queued, whatever its size (16 MiB keeps the test quick
// under -race).
func TestPartialWritesDoNotCopyTheRest(t *testing.T) {
	for _, size := range []int{1 << 20, 16 << 20} { // kept in the shared buffer, or not
		t.Run(fmt.Sprintf("%d MiB", size>>20), func(t *testing.T) {
			s := newState(config{databases: 1})
			fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
			require.NoError(t, err)
			peer := os.NewFile(uintptr(fds[1]), "peer")
			defer peer.Close()
			defer unix.Close(fds[0])
			require.NoError(t, unix.SetNonblock(fds[0], true))
			c := s.newClient(fds[0])
			s.conns = make([]*client, fds[0]+1)
			s.conns[fds[0]] = c

			reply := bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), size/36+1)[:size]
			s.send(c, reply)
			require.NotEmpty(t, c.out, "the kernel took %d bytes at once", size)
			end := &c.out[len(c.out)-1]

			got := make([]byte, 0, size)
			piece := make([]byte, 128<<10)
			for i := 0; len(c.out) > 0; i++ {
				require.Less(t, i, size/len(piece)*4, "no progress")
				require.Same(t, end, &c.out[len(c.out)-1], "the unsent bytes moved after %d bytes were read", len(got))
				n, err := peer.Read(piece)
				require.NoError(t, err)
				got = append(got, piece[:n]...)
				s.flush(c)
			}
			require.Nil(t, c.out, "a drained c.out is let go of")
			rest, err := io.ReadAll(io.LimitReader(peer, int64(size-len(got))))
			require.NoError(t, err)
			require.True(t, bytes.Equal(reply, append(got, rest...)), "the reply arrived intact")
		})
	}
}
