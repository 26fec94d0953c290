// Package pollvsepoll measures what one wait costs with poll(2) and with
// epoll_wait(2) when thousands of sockets are watched and only a few are
// ready:
//
//	go test -run '^$' -bench . -benchtime 2000x ./docs/examples/poll-vs-epoll
//
// poll hands the kernel the whole list on every call, and the kernel asks
// every socket whether it is ready (do_poll in fs/select.c); epoll keeps
// the list in the kernel and returns what its ready list holds (ep_poll and
// ep_send_events in fs/eventpoll.c). docs/epoll-internals.md shows a run.
// Linux only: the benchmark and its test live in _linux files.
package pollvsepoll
