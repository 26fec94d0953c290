//go:build unix

package main

import (
	"net"

	"golang.org/x/sys/unix"
)

// refuseUnprotected is protected mode at accept time, as in Redis's
// clientAcceptHandler: if the new connection on fd comes from an address
// protected mode turns away, it writes the DENIED error (best effort, as
// for maxclients) and closes fd, and returns true. A peer whose address
// the kernel cannot tell is turned away too.
func (s *server) refuseUnprotected(fd int) bool {
	if !s.protectsFrom("") {
		return false // a password is set, or protected mode is off
	}
	peer := ""
	switch sa, _ := unix.Getpeername(fd); sa := sa.(type) {
	case *unix.SockaddrInet4:
		peer = net.IP(sa.Addr[:]).String()
	case *unix.SockaddrInet6:
		peer = net.IP(sa.Addr[:]).String()
	}
	if !s.protectsFrom(peer) {
		return false
	}
	unix.Write(fd, []byte(protectedModeDenied))
	unix.Close(fd)
	s.stats.rejectedConnections++
	return true
}
