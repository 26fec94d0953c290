//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strconv"

	"golang.org/x/sys/unix"
)

// infoCPU is INFO's CPU section, as Redis's: the CPU time the process and
// its children have used (getrusage(2)) and, where the kernel counts it
// per thread (Linux's RUSAGE_THREAD), the time of the thread running the
// command, which is the event loop's: it is locked to its OS thread
// (loop.go). The rest of the process's time is Go's runtime: the garbage
// collector, sysmon.
func infoCPU(s *server, b *infoBuilder) {
	var self, children unix.Rusage
	_ = unix.Getrusage(unix.RUSAGE_SELF, &self)
	_ = unix.Getrusage(unix.RUSAGE_CHILDREN, &children)
	b.text("used_cpu_sys", seconds(self.Stime))
	b.text("used_cpu_user", seconds(self.Utime))
	b.text("used_cpu_sys_children", seconds(children.Stime))
	b.text("used_cpu_user_children", seconds(children.Utime))
	if rusageThread >= 0 {
		var loop unix.Rusage
		_ = unix.Getrusage(rusageThread, &loop)
		b.text("used_cpu_sys_main_thread", seconds(loop.Stime))
		b.text("used_cpu_user_main_thread", seconds(loop.Utime))
	}
}

// seconds writes a time as Redis does: seconds, a dot, six digits.
func seconds(t unix.Timeval) string {
	usec := strconv.FormatInt(int64(t.Usec)+1_000_000, 10)[1:]
	return strconv.FormatInt(int64(t.Sec), 10) + "." + usec
}
