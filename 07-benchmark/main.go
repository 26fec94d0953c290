// Command 07-benchmark puts every chapter's server and real Redis under the
// same load, one after another, and prints one table: throughput, latency
// percentiles, the counter's final value, memory, threads and CPU. With
// -rate it sends on a fixed schedule and draws latency against offered
// load; with -scale it holds thousands of idle connections open. See
// README.md for the lesson.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// errNotLinux is the one line main prints elsewhere.
var errNotLinux = errors.New("07-benchmark needs Linux: it reads /proc and pins CPUs with taskset")

// options are the command line, parsed.
type options struct {
	Servers  []string
	Clients  int
	Requests int
	Pipeline int
	Workload workload
	Repeat   int
	Cap      time.Duration
	Out      string
	Quiet    bool
	Scale    bool
	Conns    []int
	Rates    []rateStep

	Pin bool

	ServersGiven bool `json:"-"` // -servers was on the command line
}

// rateStep is one rung of the -rate ladder: a fixed rate, or a share of
// the server's closed-loop throughput measured just before.
type rateStep struct {
	PerSecond float64 // used when Fraction is 0
	Fraction  float64
}

func (r rateStep) String() string {
	if r.Fraction > 0 {
		return strconv.FormatFloat(100*r.Fraction, 'g', 4, 64) + "%" // 110%, not 110.00000000000001%
	}
	return strconv.FormatFloat(r.PerSecond, 'f', -1, 64)
}

// ladder is what -rate ladder means: from 10% to 300% of each server's
// closed-loop throughput. It goes well past 100% because closed-loop
// clients rarely saturate a server: each waits a round trip between
// commands, while open-loop ones keep sending, so the server finds more
// requests per wake-up and serves more of them a second.
const ladder = "10%,25%,50%,75%,100%,125%,150%,200%,300%"

func main() {
	opts, err := parseFlags(flag.CommandLine, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if runtime.GOOS != "linux" {
		fmt.Fprintln(os.Stderr, errNotLinux)
		os.Exit(1)
	}
	rep, err := run(opts, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if opts.Out != "" {
		if err := writeOutputs(opts.Out, rep); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("\nwrote %s/results.md, results.json and the charts\n", opts.Out)
	}
}

func parseFlags(fs *flag.FlagSet, args []string) (options, error) {
	var o options
	servers := fs.String("servers", "01,02,03,04,05,06,redis", "servers to run, any of 01,02,02-os-threads,03,04,05,06,redis (-scale: 02,02-os-threads,04,05,06,redis)")
	fs.IntVar(&o.Clients, "clients", 250, "connections open at once")
	fs.IntVar(&o.Requests, "requests", 10000, "commands per run, shared by the connections")
	fs.StringVar(&o.Workload.Name, "workload", "incr", "incr (INCR counter), ping, or set-get")
	fs.IntVar(&o.Workload.Keys, "keys", 10000, "set-get: keys the commands spread over")
	fs.IntVar(&o.Workload.ValueSize, "value-size", 16, "set-get: bytes in each SET's value")
	fs.Float64Var(&o.Workload.GetRatio, "get-ratio", 0.9, "set-get: share of the commands that are GET, 0 to 1")
	fs.IntVar(&o.Pipeline, "pipeline", 1, "commands a connection sends in one write before reading their replies")
	fs.IntVar(&o.Repeat, "repeat", 1, "runs per server, in alternating order; tables show the median and the spread")
	fs.DurationVar(&o.Cap, "cap", 30*time.Second, "stop sending after this long in one run (chapter 01, serving one client at a time, may reach it)")
	fs.StringVar(&o.Out, "out", "", "folder to write results.md, results.json and SVG charts to")
	fs.BoolVar(&o.Quiet, "q", false, "no progress on stderr")
	fs.BoolVar(&o.Pin, "pin", true, "pin the server to one CPU and the load generator to the others, with taskset")
	fs.BoolVar(&o.Scale, "scale", false, "instead: hold -conns idle connections and measure memory, threads and a probe's PING latency")
	conns := fs.String("conns", "100,1000,10000", "-scale: connection counts, in increasing order")
	rates := fs.String("rate", "", "instead: open-loop runs at these rates, req/s or % of closed-loop throughput (\"ladder\": "+ladder+")")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := o.Workload.validate(); err != nil {
		return o, err
	}
	switch {
	case o.Clients < 1 || o.Requests < 1 || o.Pipeline < 1 || o.Repeat < 1:
		return o, errors.New("-clients, -requests, -pipeline and -repeat must be at least 1")
	case o.Cap <= 0:
		return o, errors.New("-cap must be positive")
	case o.Scale && *rates != "":
		return o, errors.New("-scale and -rate are separate experiments: pick one")
	}
	serverList := *servers
	o.ServersGiven = flagSet(fs, "servers")
	if o.Scale && !o.ServersGiven {
		serverList = "02,02-os-threads,04,05,06,redis"
	}
	for _, id := range strings.Split(serverList, ",") {
		id = strings.TrimSpace(id)
		if _, ok := lookupServer(id); !ok {
			return o, fmt.Errorf("-servers: unknown server %q (want 01 to 06, 02-os-threads or redis)", id)
		}
		o.Servers = append(o.Servers, id)
	}
	var err error
	if o.Conns, err = parseConns(*conns); err != nil {
		return o, err
	}
	if o.Rates, err = parseRates(*rates); err != nil {
		return o, err
	}
	return o, nil
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func parseConns(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || (len(out) > 0 && n <= out[len(out)-1]) {
			return nil, fmt.Errorf("-conns %q: want increasing counts such as 100,1000,10000", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func parseRates(s string) ([]rateStep, error) {
	if s == "" {
		return nil, nil
	}
	if s == "ladder" {
		s = ladder
	}
	var out []rateStep
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		pct, isPct := strings.CutSuffix(f, "%")
		v, err := strconv.ParseFloat(pct, 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("-rate %q: want rates such as 20000 or 50%%, or ladder", f)
		}
		if isPct {
			out = append(out, rateStep{Fraction: v / 100})
		} else {
			out = append(out, rateStep{PerSecond: v})
		}
	}
	return out, nil
}
