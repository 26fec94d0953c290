//go:build linux

package main

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// openWakeup makes the descriptor Stop writes to and the loop watches: an
// eventfd, one descriptor for both ends (eventfd(2)).
func openWakeup() (watch, write int, err error) {
	fd, err := unix.Eventfd(0, unix.EFD_NONBLOCK|unix.EFD_CLOEXEC)
	return fd, fd, err
}

// wakeupMessage is what Stop writes: an eventfd adds a uint64 to its
// counter and is readable while the counter is not zero.
var wakeupMessage = []byte{1, 0, 0, 0, 0, 0, 0, 0}

const acceptCall = "accept4"

// rusageThread asks getrusage(2) about the calling thread (INFO CPU).
const rusageThread = unix.RUSAGE_THREAD

// newSocket makes a TCP socket that is non-blocking and close-on-exec
// from birth.
func newSocket(family int) (int, error) {
	return unix.Socket(family, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
}

// accept takes one connection from the listener's queue, non-blocking and
// close-on-exec from birth, without asking for the peer's address. x/sys's
// Accept4 always asks, and the address it returns costs about 144 bytes of
// garbage per connection (a 112-byte RawSockaddrAny and a 32-byte
// SockaddrInet4, both moved to the heap: see -gcflags=-m), more than half
// the client itself; CLIENT LIST and -trace ask the kernel for it instead
// (getpeername) when they want it.
func accept(listenFd int) (int, error) {
	fd, _, errno := unix.Syscall6(unix.SYS_ACCEPT4, uintptr(listenFd), 0, 0, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

// readSocket and writeSocket are read(2) and write(2) on a client's
// socket, through unix.RawSyscall rather than unix.Read and unix.Write
// (which use unix.Syscall). Syscall tells the Go scheduler that the thread
// may block (entersyscall and exitsyscall in runtime/proc.go), so that
// another thread can run goroutines meanwhile; that bookkeeping is a
// measurable part of a small request's cost. A raw call skips it, which
// is safe only because these descriptors are non-blocking: the call
// returns at once, with data or EAGAIN, and never parks the thread. (Its
// only wait is the copy itself, during which the garbage collector cannot
// stop this goroutine: microseconds, even for a megabyte.)
func readSocket(fd int, p []byte) (int, error) {
	n, _, errno := unix.RawSyscall(unix.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}

func writeSocket(fd int, p []byte) (int, error) {
	n, _, errno := unix.RawSyscall(unix.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(p))), uintptr(len(p)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
