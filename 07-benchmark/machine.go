package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine is what a reader needs to judge the numbers: where they were
// measured, and how busy the machine was.
type machine struct {
	CPU         string `json:"cpu"`
	CPUs        int    `json:"cpus"`
	Kernel      string `json:"kernel"`
	Go          string `json:"go"`
	Redis       string `json:"redis"`
	LoadBefore  string `json:"load_before"` // /proc/loadavg: 1, 5 and 15 minute averages
	LoadAfter   string `json:"load_after"`
	LoadGenCPUs int    `json:"load_generator_cpus"`
}

func describeMachine() machine {
	m := machine{CPU: "unknown CPU", CPUs: runtime.NumCPU(), Kernel: kernel(), Go: runtime.Version(),
		Redis: "not installed", LoadBefore: loadAverage()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	// "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=..."
	if out, err := exec.Command("redis-server", "--version").Output(); err == nil {
		for _, f := range strings.Fields(string(out)) {
			if v, ok := strings.CutPrefix(f, "v="); ok {
				m.Redis = v
			}
		}
	}
	return m
}

func (m machine) oneLine() string {
	return fmt.Sprintf("machine: %s, %d CPUs, %s, %s, Redis %s; load average %s",
		m.CPU, m.CPUs, m.Kernel, m.Go, m.Redis, m.LoadBefore)
}

// loadAverage is the first three fields of /proc/loadavg: how many threads
// wanted a CPU, on average over 1, 5 and 15 minutes (proc(5)).
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
