package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// procStatus is what /proc/PID/status says about a process's memory and
// threads (proc(5)).
type procStatus struct {
	RSSKiB  int // VmRSS: resident memory now
	PeakKiB int // VmHWM: the most it has been resident at once
	Threads int
}

func readStatus(pid int) (procStatus, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return procStatus{}, err
	}
	var st procStatus
	for _, line := range strings.Split(string(data), "\n") {
		key, value, _ := strings.Cut(line, ":")
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		n, _ := strconv.Atoi(fields[0])
		switch key {
		case "VmRSS":
			st.RSSKiB = n
		case "VmHWM":
			st.PeakKiB = n
		case "Threads":
			st.Threads = n
		}
	}
	if st.RSSKiB == 0 || st.Threads == 0 {
		return st, fmt.Errorf("/proc/%d/status has no VmRSS or Threads", pid)
	}
	return st, nil
}

// clockTick is USER_HZ, the unit of utime and stime in /proc/PID/stat: 100
// on every Linux architecture Go supports (proc(5), sysconf(_SC_CLK_TCK)).
const clockTick = 10 * time.Millisecond

// processCPU is the CPU time a process has used so far, user plus system,
// from fields 14 and 15 of /proc/PID/stat (proc(5)).
func processCPU(pid int) (time.Duration, error) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name, field 2, is in parentheses and may hold spaces:
	// count fields from the last ')'.
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 || end+2 > len(stat) {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	fields := strings.Fields(string(stat[end+2:]))
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: bad utime or stime", pid)
	}
	return time.Duration(utime+stime) * clockTick, nil
}

// selfCPU is the CPU time this process, the load generator, has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// raiseFileLimit lifts this process's soft limit on open files to the
// hard limit, for the 10,000 client connections of -scale. Calling
// syscall.Setrlimit (rather than relying on the raise the Go runtime makes
// at start) also makes os/exec pass the raised limit on to the servers we
// start, which need as many descriptors (see syscall/rlimit.go).
func raiseFileLimit() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	lim.Cur = lim.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	return lim.Cur, nil
}

// cpuPinning splits the CPUs this process may run on: the first for the
// server under test, the others for the load generator, so that neither
// takes CPU time from the other. It pins this process's threads with
// taskset (-a: every thread, -p: an existing process), sets GOMAXPROCS to
// the load generator's share, and returns the CPU list to start servers
// on. With one CPU, or without taskset, it pins nothing and says why.
func cpuPinning() (serverCPUs, note string) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return "", "not pinned: " + err.Error()
	}
	var cpus []int
	for i := 0; i < len(set)*64; i++ {
		if set.IsSet(i) {
			cpus = append(cpus, i)
		}
	}
	if len(cpus) < 2 {
		return "", "not pinned: only one CPU, so the load generator and the server share it"
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		return "", "not pinned: taskset not found (Debian: apt-get install util-linux)"
	}
	client := make([]string, 0, len(cpus)-1)
	for _, c := range cpus[1:] {
		client = append(client, strconv.Itoa(c))
	}
	clientList := strings.Join(client, ",")
	out, err := exec.Command("taskset", "-a", "-p", "-c", clientList, strconv.Itoa(os.Getpid())).CombinedOutput()
	if err != nil {
		return "", fmt.Sprintf("not pinned: taskset: %v: %s", err, bytes.TrimSpace(out))
	}
	runtime.GOMAXPROCS(len(client))
	server := strconv.Itoa(cpus[0])
	return server, fmt.Sprintf("server pinned to CPU %s, load generator to CPU %s (taskset)", server, clientList)
}

func kernel() string {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return "unknown kernel"
	}
	return unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:])
}
