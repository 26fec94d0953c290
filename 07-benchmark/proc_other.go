//go:build !linux

package main

import (
	"runtime"
	"time"
)

// The harness reads /proc and pins CPUs with taskset: Linux only. main
// says so in one line; these let the package build elsewhere.

type procStatus struct {
	RSSKiB  int
	PeakKiB int
	Threads int
}

func readStatus(int) (procStatus, error)    { return procStatus{}, errNotLinux }
func processCPU(int) (time.Duration, error) { return 0, errNotLinux }
func selfCPU() time.Duration                { return 0 }
func raiseFileLimit() (uint64, error)       { return 0, errNotLinux }
func cpuPinning() (serverCPUs, note string) { return "", "not pinned" }
func kernel() string                        { return runtime.GOOS }
