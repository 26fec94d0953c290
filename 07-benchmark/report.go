package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// A table is a header row and data rows, printed aligned on the terminal
// and as Markdown in results.md, from the same cells.
type table [][]string

func (t table) printText(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range t {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
}

func (t table) printMarkdown(w io.Writer) {
	for i, row := range t {
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		if i == 0 {
			fmt.Fprintln(w, strings.Repeat("|---", len(row))+"|")
		}
	}
}

func closedTable(rep *report) table {
	t := table{{"server", "design", "req/s", "× Redis", "p50", "p99", "p99.9", "counter", "peak RSS", "threads", "server CPU/10k", "CPU × Redis", "client CPU/10k", "note"}}
	for _, s := range rep.Closed {
		if s.Skipped != "" {
			t = append(t, []string{s.ID, s.Design, "", "", "", "", "", "", "", "", "", "", "", "skipped: " + s.Skipped})
			continue
		}
		ratio, cpuRatio := "", ""
		if s.VsReference > 0 {
			ratio = fmt.Sprintf("%.2f", s.VsReference)
		}
		if s.CPUVsReference > 0 {
			cpuRatio = fmt.Sprintf("%.2f", s.CPUVsReference)
		}
		t = append(t, []string{s.ID, s.Design, withSpread(s.Throughput, count), ratio,
			withSpread(s.P50, micros), withSpread(s.P99, micros), withSpread(s.P999, micros),
			counterCell(s), mib(s.PeakRSSKiB), strconv.Itoa(s.Threads),
			withSpread(s.ServerCPUPer10k, millis), cpuRatio, withSpread(s.ClientCPUPer10k, millis), noteCell(s, rep.Options)})
	}
	return t
}

// withSpread is "median" for one run, "median (min–max)" for several.
func withSpread(s spread, format func(float64) string) string {
	if s.Min == s.Max {
		return format(s.Median)
	}
	return fmt.Sprintf("%s (%s–%s)", format(s.Median), format(s.Min), format(s.Max))
}

// count writes 12345.6 as 12,346.
func count(v float64) string {
	s := strconv.FormatInt(int64(v+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// micros writes a latency in the unit that keeps it short.
func micros(us float64) string {
	switch {
	case us >= 1e6:
		return fmt.Sprintf("%.2f s", us/1e6)
	case us >= 1e4:
		return fmt.Sprintf("%.0f ms", us/1e3)
	case us >= 1e3:
		return fmt.Sprintf("%.1f ms", us/1e3)
	}
	return fmt.Sprintf("%.0f µs", us)
}

func millis(ms float64) string { return fmt.Sprintf("%.0f ms", ms) }

func mib(kib int) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

// counterCell compares the counter with the INCRs acknowledged, run by
// run; a lost update is a counter below that.
func counterCell(s serverSummary) string {
	var lost []string
	correct := true
	for _, r := range s.Runs {
		if r.Expected < 0 || r.Counter < 0 {
			return "n/a"
		}
		lost = append(lost, count(float64(r.Expected-r.Counter)))
		correct = correct && r.Counter == r.Expected
	}
	last := s.Runs[len(s.Runs)-1]
	cell := count(float64(last.Counter)) + " of " + count(float64(last.Expected))
	switch {
	case len(s.Runs) > 1 && correct:
		cell += fmt.Sprintf(", all %d rounds", len(s.Runs))
	case len(s.Runs) > 1:
		cell = "lost " + strings.Join(lost, ", ") + " of " + count(float64(last.Expected))
	}
	racy, _ := lookupServer(s.ID)
	switch {
	case racy.Racy && correct:
		return cell + " ✓ (this time: nondeterministic)"
	case racy.Racy:
		return cell + " ✗ lost updates (nondeterministic)"
	case correct:
		return cell + " ✓"
	}
	return cell + " ✗"
}

func noteCell(s serverSummary, o options) string {
	var notes []string
	spec, _ := lookupServer(s.ID)
	if spec.OneAtATime {
		notes = append(notes, fmt.Sprintf("serves one connection at a time; each run capped at %s", o.Cap))
	}
	if spec.Racy && o.Pin {
		notes = append(notes, "on one CPU only a preemption between count++'s load and store loses an update: -pin=false lets it lose more (see 03's README)")
	}
	for _, r := range s.Runs {
		if r.Capped {
			notes = append(notes, fmt.Sprintf("cap reached in round %d: then answered what was in flight, %d of %d", r.Round+1, r.Done, o.Requests))
		}
		if r.ServerDied != "" {
			notes = append(notes, "server died: "+r.ServerDied)
		}
		if r.FirstError != "" {
			notes = append(notes, fmt.Sprintf("%d error replies, %d unanswered: %s", r.ErrorReplies, r.Unanswered, r.FirstError))
		}
		if r.ClientBusy > 0.9 {
			notes = append(notes, fmt.Sprintf("load generator %.0f%% busy: it may be the limit", 100*r.ClientBusy))
		}
	}
	return strings.Join(dedupe(notes), "; ")
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func ladderTable(rep *report) table {
	t := table{{"server", "rung", "offered req/s", "achieved req/s", "p50", "p99", "p99.9", "send lag p99", "errors"}}
	for _, s := range rep.Ladder {
		for _, r := range s.Steps {
			t = append(t, []string{s.ID, r.Step, count(r.Offered), count(r.Achieved), micros(r.Latency.at(50)),
				micros(r.Latency.at(99)), micros(r.Latency.at(99.9)), micros(r.SendLagUs), strconv.Itoa(r.Errors)})
		}
		if s.Stopped != "" {
			t = append(t, []string{s.ID, "stopped: " + s.Stopped, "", "", "", "", "", "", ""})
		}
	}
	return t
}

func scaleTable(rep *report) table {
	t := table{{"server", "design", "connections", "RSS", "per connection", "threads", "probe PING p99", "note"}}
	for _, s := range rep.Scale {
		t = append(t, []string{s.ID, s.Design, "0", mib(s.BaseRSSKiB), "", strconv.Itoa(s.BaseThreads), "", ""})
		for _, l := range s.Levels {
			t = append(t, []string{s.ID, s.Design, count(float64(l.Conns)), mib(l.RSSKiB),
				count(l.BytesPerConn) + " B", strconv.Itoa(l.Threads), micros(l.ProbeP99Micros), ""})
		}
		if s.Stopped != "" {
			t = append(t, []string{s.ID, s.Design, "", "", "", "", "", "stopped: " + s.Stopped})
		}
	}
	return t
}

func printClosed(w io.Writer, rep *report) {
	fmt.Fprintf(w, "\n%d × %s over %d connections, pipeline %d, %d round(s):\n\n",
		rep.Options.Requests, rep.Workload, rep.Options.Clients, rep.Options.Pipeline, rep.Options.Repeat)
	closedTable(rep).printText(w)
}

func printLadders(w io.Writer, rep *report) {
	fmt.Fprintf(w, "\nopen loop over %d connections; latency measured from when each request was due:\n\n", rep.Options.Clients)
	ladderTable(rep).printText(w)
}

func printScale(w io.Writer, rep *report) {
	fmt.Fprintln(w, "\nidle connections (one PING each, then open); probe: one more connection sending PING one at a time:")
	fmt.Fprintln(w)
	scaleTable(rep).printText(w)
}

// writeOutputs writes results.md, results.json and the charts into dir.
func writeOutputs(dir string, rep *report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	charts, err := drawCharts(dir, rep)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# 07-benchmark results\n\n")
	fmt.Fprintf(&b, "- command: `%s`\n", rep.Command)
	fmt.Fprintf(&b, "- started: %s\n", rep.Started.Format(time.RFC3339))
	m := rep.Machine
	fmt.Fprintf(&b, "- machine: %s, %d CPUs, %s, %s, Redis %s\n", m.CPU, m.CPUs, m.Kernel, m.Go, m.Redis)
	fmt.Fprintf(&b, "- load average (1, 5, 15 min) before: %s, after: %s\n", m.LoadBefore, m.LoadAfter)
	fmt.Fprintf(&b, "- %s; load generator GOMAXPROCS %d\n", rep.Pinning, m.LoadGenCPUs)
	fmt.Fprintf(&b, "- workload: %s\n", rep.Workload)
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	sections := []struct {
		title string
		t     table
		show  bool
	}{
		{fmt.Sprintf("Closed loop: %d commands over %d connections, pipeline %d, %d round(s)",
			rep.Options.Requests, rep.Options.Clients, rep.Options.Pipeline, rep.Options.Repeat), closedTable(rep), len(rep.Closed) > 0},
		{"Open loop: latency from when each request was due", ladderTable(rep), len(rep.Ladder) > 0},
		{"Idle connections", scaleTable(rep), len(rep.Scale) > 0},
	}
	for _, s := range sections {
		if s.show {
			fmt.Fprintf(&b, "\n## %s\n\n", s.title)
			s.t.printMarkdown(&b)
		}
	}
	if len(charts) > 0 {
		fmt.Fprintf(&b, "\n## Charts\n\n")
		for _, c := range charts {
			fmt.Fprintf(&b, "![%s](%s)\n\n", c.title, c.file)
		}
	}
	return os.WriteFile(filepath.Join(dir, "results.md"), []byte(b.String()), 0o644)
}
