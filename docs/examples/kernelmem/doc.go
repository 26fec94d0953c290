// Command kernelmem measures the kernel's own memory for idle loopback TCP
// connections, the part of a connection's cost that a server's resident
// memory (RSS) does not show. It opens -n connections to itself, sends one
// PING on each and reads it on the accepted end, registers every accepted
// socket with an epoll instance as chapter 05 does, and prints how
// /proc/net/sockstat and the slab caches in /proc/slabinfo grew.
//
//	go run ./docs/examples/kernelmem -n 10000
//
// Both ends of each connection live in this machine's kernel, so the
// figures count two sockets per connection; a server pays for one of them.
// Reading /proc/slabinfo needs root. Other processes allocate from the same
// caches meanwhile, so on a busy machine the small caches are noisy; the
// socket caches are not. docs/kernel-io-path.md shows a run. Linux only.
package main
