// Command lt-vs-et sends the same traffic to two sockets, one watched by a
// level-triggered epoll instance and one by an edge-triggered one, serves
// each with the same handler, and prints how often each instance woke the
// loop, how many read calls it made, and how many bytes it left unread.
//
//	go run ./docs/examples/lt-vs-et
//
// It runs one thread, in a fixed order, on AF_UNIX socketpairs: a write on
// one end queues the data on the other end and wakes its waiters before
// write returns (unix_stream_sendmsg in the kernel's net/unix/af_unix.c),
// so every run prints the same table. docs/epoll-internals.md explains it.
// Linux only: it calls epoll.
package main
