package pollvsepoll

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// watchSet is a set of sockets to wait on: idle ones that never become
// readable, and busy ones that stay readable because a byte waits in each
// and nobody reads it. Level-triggered readiness keeps reporting the busy
// ones, so every wait finds the same ready set and the benchmark measures
// only the wait.
type watchSet struct {
	watched []int // the fds waited on: idle ones first, then busy ones
	busy    int   // how many of watched (at its end) are readable
	others  []int // the busy pairs' writing ends, kept open and not watched
	pollFds []unix.PollFd
	epfd    int
	events  []unix.EpollEvent
}

// newWatchSet opens idle/2 socketpairs and watches both ends of each, and
// busy socketpairs with one byte written to each, watching the reading end.
func newWatchSet(idle, busy int) (*watchSet, error) {
	w := &watchSet{busy: busy, epfd: -1}
	pair := func() ([2]int, error) {
		return unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	}
	for i := 0; i < idle/2; i++ {
		p, err := pair()
		if err != nil {
			w.close()
			return nil, fmt.Errorf("socketpair %d of %d: %w", i+1, idle/2, err)
		}
		w.watched = append(w.watched, p[0], p[1])
	}
	for i := 0; i < busy; i++ {
		p, err := pair()
		if err != nil {
			w.close()
			return nil, err
		}
		w.watched = append(w.watched, p[1])
		w.others = append(w.others, p[0])
		if _, err := unix.Write(p[0], []byte{'x'}); err != nil {
			w.close()
			return nil, err
		}
	}

	for _, fd := range w.watched {
		w.pollFds = append(w.pollFds, unix.PollFd{Fd: int32(fd), Events: unix.POLLIN})
	}
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		w.close()
		return nil, err
	}
	w.epfd = epfd
	for _, fd := range w.watched {
		ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(fd)}
		if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, fd, &ev); err != nil {
			w.close()
			return nil, err
		}
	}
	w.events = make([]unix.EpollEvent, busy+1)
	return w, nil
}

// pollReady waits once with poll(2), without blocking, and returns the
// ready fds. Finding them means walking the whole list, as every poll
// loop must.
func (w *watchSet) pollReady(into []int) ([]int, error) {
	n, err := unix.Poll(w.pollFds, 0)
	if err != nil {
		return into, err
	}
	for i := range w.pollFds {
		if n == 0 {
			break
		}
		if w.pollFds[i].Revents != 0 {
			into = append(into, int(w.pollFds[i].Fd))
			n--
		}
	}
	return into, nil
}

// epollReady waits once with epoll_wait(2), without blocking, and returns
// the ready fds: the kernel hands back only those.
func (w *watchSet) epollReady(into []int) ([]int, error) {
	n, err := unix.EpollWait(w.epfd, w.events, 0)
	if err != nil {
		return into, err
	}
	for _, ev := range w.events[:n] {
		into = append(into, int(ev.Fd))
	}
	return into, nil
}

func (w *watchSet) close() {
	if w.epfd >= 0 {
		unix.Close(w.epfd)
	}
	for _, fd := range w.watched {
		unix.Close(fd)
	}
	for _, fd := range w.others {
		unix.Close(fd)
	}
}

// raiseFileLimit lifts the soft limit on open files to the hard one, and
// reports whether need descriptors fit. Go does this itself at start-up
// since Go 1.19 (syscall's rlimit.go); doing it here says so and checks.
func raiseFileLimit(need uint64) (bool, uint64, error) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return false, 0, err
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
			return false, 0, err
		}
	}
	return lim.Cur >= need, lim.Cur, nil
}
