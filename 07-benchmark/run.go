package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
)

// harness is one invocation: the options, the built servers, the CPUs to
// pin servers to, and where progress goes.
type harness struct {
	opts    options
	builder *builder
	pin     string // CPU list for servers; "" when not pinned
	rep     *report
	out     io.Writer // the tables
}

// logf prints progress on stderr unless -q.
func (h *harness) logf(format string, args ...any) {
	if !h.opts.Quiet {
		fmt.Fprintf(os.Stderr, format+"\n", args...)
	}
}

// run builds the servers, runs the experiment the options ask for, prints
// its tables to out and returns everything it measured.
func run(opts options, out io.Writer) (*report, error) {
	h := &harness{opts: opts, out: out, rep: &report{
		Command: strings.Join(append([]string{"go run ./07-benchmark"}, os.Args[1:]...), " "),
		Started: time.Now().UTC(), Options: opts, Workload: opts.Workload.describe(),
	}}
	limit, err := raiseFileLimit()
	if err != nil {
		return nil, fmt.Errorf("raising the open-file limit: %w", err)
	}
	if opts.Scale && uint64(opts.Conns[len(opts.Conns)-1]+100) > limit {
		h.note(fmt.Sprintf("the open-file limit is %d (ulimit -Hn): fewer than -conns needs; the largest levels will fail", limit))
	}
	if h.builder, err = newBuilder(); err != nil {
		return nil, err
	}
	defer h.builder.cleanup()

	var specs []serverSpec
	for _, id := range opts.Servers {
		spec, _ := lookupServer(id)
		if spec.ID == "redis" {
			if _, err := exec.LookPath("redis-server"); err != nil {
				h.note("redis: skipped, redis-server is not on PATH (Debian/Ubuntu: apt-get install redis-server)")
				continue
			}
		}
		if spec.OneAtATime && opts.Rates != nil && !opts.ServersGiven {
			h.note("01: left out of -rate, which needs connections served at once (name it in -servers to run it anyway)")
			continue
		}
		h.logf("building %s", spec.ID)
		if _, err := h.builder.build(spec); err != nil {
			return nil, err
		}
		specs = append(specs, spec)
	}
	// Pin only now: the builds above may use every CPU.
	h.rep.Pinning = "not pinned (-pin=false)"
	if opts.Pin {
		h.pin, h.rep.Pinning = cpuPinning()
	}
	h.rep.Machine = describeMachine()
	h.rep.Machine.LoadGenCPUs = runtime.GOMAXPROCS(0)
	fmt.Fprintln(out, h.rep.Machine.oneLine())
	fmt.Fprintln(out, h.rep.Pinning)

	switch {
	case opts.Scale:
		h.runScale(specs)
		printScale(out, h.rep)
	case opts.Rates != nil:
		h.runLadders(specs)
		printLadders(out, h.rep)
	default:
		h.runClosed(specs)
		printClosed(out, h.rep)
	}
	if len(h.rep.Notes) > 0 {
		fmt.Fprintln(out)
	}
	for _, n := range h.rep.Notes {
		fmt.Fprintln(out, n)
	}
	h.rep.Machine.LoadAfter = loadAverage()
	return h.rep, nil
}

func (h *harness) note(s string) { h.rep.Notes = append(h.rep.Notes, s) }

// start runs one server; progress says which.
func (h *harness) start(spec serverSpec) (*server, error) {
	bin, err := h.builder.build(spec)
	if err != nil {
		return nil, err
	}
	h.logf("[%s] starting", spec.ID)
	return startServer(spec, bin, h.pin)
}

// runClosed runs every server -repeat times, closed loop, alternating the
// order from round to round so that a machine that speeds up or slows
// down during the benchmark treats every server alike.
func (h *harness) runClosed(specs []serverSpec) {
	summaries := make([]serverSummary, len(specs))
	for i, spec := range specs {
		summaries[i] = serverSummary{ID: spec.ID, Design: spec.Design}
	}
	for round := 0; round < h.opts.Repeat; round++ {
		for k := range specs {
			i := k
			if round%2 == 1 {
				i = len(specs) - 1 - k
			}
			if summaries[i].Skipped != "" {
				continue
			}
			r, skipped, err := h.closedRun(specs[i], round)
			switch {
			case err != nil:
				summaries[i].Skipped = err.Error()
			case skipped != "":
				summaries[i].Skipped = skipped
			default:
				summaries[i].Runs = append(summaries[i].Runs, r)
			}
		}
	}
	var reference map[int]closedRun
	for _, s := range summaries {
		if s.ID == "redis" && s.Skipped == "" {
			reference = map[int]closedRun{}
			for _, r := range s.Runs {
				reference[r.Round] = r
			}
		}
	}
	for i := range summaries {
		summaries[i].summarize(reference)
	}
	h.rep.Closed = summaries
}

// closedRun starts a fresh server (so the counter starts at zero and the
// peak memory is this run's), loads it, reads /proc, and stops it.
func (h *harness) closedRun(spec serverSpec, round int) (closedRun, string, error) {
	srv, err := h.start(spec)
	if err != nil {
		return closedRun{}, "", err
	}
	defer srv.Stop()
	if h.opts.Workload.Name == "set-get" {
		ok, err := supportsSet(srv.Addr)
		if err != nil {
			return closedRun{}, "", err
		}
		if !ok {
			return closedRun{}, "no SET command (chapters 01 to 05 answer PING, ECHO, INCR, GET and QUIT)", nil
		}
	}

	pid := srv.Pid()
	serverCPUBefore, err := processCPU(pid)
	if err != nil {
		return closedRun{}, "", err
	}
	stopSampling, maxThreads := sampleThreads(pid)
	clientCPUBefore := selfCPU()
	h.logf("[%s] round %d/%d: %d %s commands over %d connections, pipeline %d",
		spec.ID, round+1, h.opts.Repeat, h.opts.Requests, h.opts.Workload.Name, h.opts.Clients, h.opts.Pipeline)
	res, err := runClosedLoop(srv.Addr, loadConfig{
		Clients: h.opts.Clients, Requests: h.opts.Requests, Pipeline: h.opts.Pipeline,
		Workload: h.opts.Workload, Cap: h.opts.Cap,
		Progress: func(done, total int) { h.logf("[%s]   %d/%d replies", spec.ID, done, total) },
	})
	clientCPU := selfCPU() - clientCPUBefore
	stopSampling()
	if err != nil {
		return closedRun{}, "", err
	}
	serverCPUAfter, _ := processCPU(pid)
	status, _ := readStatus(pid)

	r := closedRun{
		Round: round, Sent: res.Sent, Done: res.Done, ErrorReplies: res.ErrorReplies, Unanswered: res.Unanswered,
		FirstError: res.FirstError, Capped: res.Capped, Seconds: res.Elapsed.Seconds(), Throughput: res.Throughput(),
		Latency: summarizeLatency(res.Latency), Counter: -1, Expected: -1,
		PeakRSSKiB: status.PeakKiB, Threads: max(*maxThreads, status.Threads),
		ClientBusy: clientCPU.Seconds() / res.Elapsed.Seconds() / float64(runtime.GOMAXPROCS(0)),
	}
	if res.Done > 0 {
		r.ServerCPUPer10k = ms(serverCPUAfter-serverCPUBefore) * 10000 / float64(res.Done)
		r.ClientCPUPer10k = ms(clientCPU) * 10000 / float64(res.Done)
	}
	if h.opts.Workload.Name == "incr" && !srv.Exited() {
		r.Expected = int64(res.Done - res.ErrorReplies)
		if r.Counter, err = readCounter(srv.Addr); err != nil {
			r.Counter = -1
			r.FirstError = "GET counter: " + err.Error()
		}
	}
	if srv.Exited() {
		r.ServerDied = srv.Reason()
	}
	h.logf("[%s] %.0f replies/s, p99 %.0f µs; stopping", spec.ID, r.Throughput, r.Latency.at(99))
	return r, "", nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// sampleThreads reads the process's thread count every 20 ms until stop is
// called, and keeps the largest: a goroutine-per-client server may start
// threads during the run and let them go before it ends.
func sampleThreads(pid int) (stop func(), maxThreads *int) {
	var (
		most int
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if st, err := readStatus(pid); err == nil {
				most = max(most, st.Threads)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }, &most
}
