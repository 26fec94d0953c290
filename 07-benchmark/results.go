package main

import (
	"sort"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// report is everything one invocation measured; results.json is this.
type report struct {
	Command  string    `json:"command"`
	Started  time.Time `json:"started"`
	Machine  machine   `json:"machine"`
	Pinning  string    `json:"pinning"`
	Workload string    `json:"workload"`
	Options  options   `json:"options"`
	Notes    []string  `json:"notes,omitempty"` // skipped servers and why

	Closed []serverSummary `json:"closed_loop,omitempty"`
	Ladder []ladderSeries  `json:"open_loop,omitempty"`
	Scale  []scaleSeries   `json:"scale,omitempty"`
}

// percentiles are the ones every latency table and chart reports.
var percentiles = []float64{50, 90, 99, 99.9, 99.99}

// latencySummary is a histogram's percentiles, in microseconds.
type latencySummary struct {
	Count       int64     `json:"count"` // samples
	Percentiles []float64 `json:"percentiles"`
	MicrosAt    []float64 `json:"micros"` // MicrosAt[i] is the latency at Percentiles[i]
	MaxMicros   float64   `json:"max_micros"`
}

func summarizeLatency(h *hdrhistogram.Histogram) latencySummary {
	s := latencySummary{Count: h.TotalCount(), Percentiles: percentiles, MaxMicros: float64(h.Max()) / 1e3}
	for _, p := range percentiles {
		s.MicrosAt = append(s.MicrosAt, float64(h.ValueAtQuantile(p))/1e3)
	}
	return s
}

// at is the latency at percentile p, which must be one of percentiles.
func (s latencySummary) at(p float64) float64 {
	for i, q := range s.Percentiles {
		if q == p {
			return s.MicrosAt[i]
		}
	}
	return 0
}

// closedRun is one closed-loop run of one server.
type closedRun struct {
	Round        int            `json:"round"`
	Sent         int            `json:"sent"`
	Done         int            `json:"done"`
	ErrorReplies int            `json:"error_replies"`
	Unanswered   int            `json:"unanswered"`
	FirstError   string         `json:"first_error,omitempty"`
	Capped       bool           `json:"capped"`
	Seconds      float64        `json:"seconds"`
	Throughput   float64        `json:"throughput"`
	Latency      latencySummary `json:"latency"`
	// Counter is the counter's final value and Expected the INCRs the
	// server acknowledged; both -1 unless the workload is incr.
	Counter         int64   `json:"counter"`
	Expected        int64   `json:"expected"`
	PeakRSSKiB      int     `json:"peak_rss_kib"`
	Threads         int     `json:"threads"` // the most seen during the run
	ServerCPUPer10k float64 `json:"server_cpu_ms_per_10k"`
	ClientCPUPer10k float64 `json:"client_cpu_ms_per_10k"`
	ClientBusy      float64 `json:"client_busy"` // share of its CPUs the load generator used
	ServerDied      string  `json:"server_died,omitempty"`
}

// serverSummary is one server's row: the median over its runs, with the
// spread (smallest and largest) where a single number would hide it.
type serverSummary struct {
	ID      string      `json:"id"`
	Design  string      `json:"design"`
	Skipped string      `json:"skipped,omitempty"`
	Runs    []closedRun `json:"runs"`

	Throughput      spread         `json:"throughput"`
	VsReference     float64        `json:"vs_reference"`     // median of per-round throughput ratios to Redis; 0 without Redis
	CPUVsReference  float64        `json:"cpu_vs_reference"` // the same for server CPU per command
	P50             spread         `json:"p50_micros"`
	P99             spread         `json:"p99_micros"`
	P999            spread         `json:"p999_micros"`
	ServerCPUPer10k spread         `json:"server_cpu_ms_per_10k"`
	ClientCPUPer10k spread         `json:"client_cpu_ms_per_10k"`
	PeakRSSKiB      int            `json:"peak_rss_kib"` // the largest over the runs
	Threads         int            `json:"threads"`      // the most over the runs
	Latency         latencySummary `json:"latency"`      // medians per percentile, for the chart
}

// spread is a median with the smallest and largest value it came from.
type spread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

func spreadOf(values []float64) spread {
	if len(values) == 0 {
		return spread{}
	}
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return spread{Median: m, Min: v[0], Max: v[len(v)-1]}
}

// summarize fills in a server's row from its runs. reference holds the
// reference server's runs by round (nil: no ratio column).
func (s *serverSummary) summarize(reference map[int]closedRun) {
	var thr, p50, p99, p999, scpu, ccpu, ratios, cpuRatios []float64
	perPercentile := make([][]float64, len(percentiles))
	for _, r := range s.Runs {
		thr = append(thr, r.Throughput)
		p50 = append(p50, r.Latency.at(50))
		p99 = append(p99, r.Latency.at(99))
		p999 = append(p999, r.Latency.at(99.9))
		scpu = append(scpu, r.ServerCPUPer10k)
		ccpu = append(ccpu, r.ClientCPUPer10k)
		for i, v := range r.Latency.MicrosAt {
			perPercentile[i] = append(perPercentile[i], v)
		}
		if ref, ok := reference[r.Round]; ok && ref.Throughput > 0 {
			ratios = append(ratios, r.Throughput/ref.Throughput)
		}
		if ref, ok := reference[r.Round]; ok && ref.ServerCPUPer10k > 0 {
			cpuRatios = append(cpuRatios, r.ServerCPUPer10k/ref.ServerCPUPer10k)
		}
		s.PeakRSSKiB = max(s.PeakRSSKiB, r.PeakRSSKiB)
		s.Threads = max(s.Threads, r.Threads)
	}
	s.Throughput, s.P50, s.P99, s.P999 = spreadOf(thr), spreadOf(p50), spreadOf(p99), spreadOf(p999)
	s.ServerCPUPer10k, s.ClientCPUPer10k = spreadOf(scpu), spreadOf(ccpu)
	s.VsReference, s.CPUVsReference = spreadOf(ratios).Median, spreadOf(cpuRatios).Median
	s.Latency = latencySummary{Percentiles: percentiles}
	for _, vs := range perPercentile {
		s.Latency.MicrosAt = append(s.Latency.MicrosAt, spreadOf(vs).Median)
	}
}

// ladderSeries is one server's open-loop ladder.
type ladderSeries struct {
	ID               string      `json:"id"`
	ClosedThroughput float64     `json:"closed_loop_throughput"`
	Steps            []ladderRow `json:"steps"`
	Stopped          string      `json:"stopped,omitempty"`
}

type ladderRow struct {
	Step      string         `json:"step"` // as asked: "50%" or "20000"
	Offered   float64        `json:"offered"`
	Achieved  float64        `json:"achieved"`
	Done      int            `json:"done"`
	Errors    int            `json:"errors"`
	Latency   latencySummary `json:"latency"`
	SendLagUs float64        `json:"send_lag_p99_micros"`
}

// scaleSeries is one server's -scale run.
type scaleSeries struct {
	ID          string     `json:"id"`
	Design      string     `json:"design"`
	BaseRSSKiB  int        `json:"base_rss_kib"`
	BaseThreads int        `json:"base_threads"`
	Levels      []scaleRow `json:"levels"`
	Stopped     string     `json:"stopped,omitempty"` // why it went no further
}

type scaleRow struct {
	Conns          int     `json:"conns"`
	RSSKiB         int     `json:"rss_kib"`
	BytesPerConn   float64 `json:"bytes_per_conn"`
	Threads        int     `json:"threads"`
	ProbeP99Micros float64 `json:"probe_ping_p99_micros"`
	OpenSeconds    float64 `json:"open_seconds"` // to open this level's new connections
}
