package main

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// chart is one SVG written, for results.md to link.
type chart struct {
	title, file string
}

// drawCharts draws the charts the report has data for, as SVG files in dir.
func drawCharts(dir string, rep *report) ([]chart, error) {
	var drawn []chart
	save := func(p *plot.Plot, file string) error {
		if err := p.Save(9*vg.Inch, 5*vg.Inch, filepath.Join(dir, file)); err != nil {
			return err
		}
		drawn = append(drawn, chart{p.Title.Text, file})
		return nil
	}
	var ran []serverSummary
	for _, s := range rep.Closed {
		if s.Skipped == "" {
			ran = append(ran, s)
		}
	}
	if len(ran) > 0 {
		if err := save(throughputChart(ran, rep), "throughput.svg"); err != nil {
			return nil, err
		}
		p, err := percentileChart(ran)
		if err != nil {
			return nil, err
		}
		if err := save(p, "latency.svg"); err != nil {
			return nil, err
		}
	}
	if len(rep.Ladder) > 0 {
		for _, q := range []struct {
			percentile float64
			file       string
		}{{99, "latency-vs-load.svg"}, {50, "median-vs-load.svg"}} {
			p, err := loadChart(rep.Ladder, q.percentile)
			if err != nil {
				return nil, err
			}
			if err := save(p, q.file); err != nil {
				return nil, err
			}
		}
	}
	if len(rep.Scale) > 0 {
		p, err := memoryChart(rep.Scale)
		if err != nil {
			return nil, err
		}
		if err := save(p, "memory-per-connection.svg"); err != nil {
			return nil, err
		}
	}
	return drawn, nil
}

func throughputChart(ran []serverSummary, rep *report) *plot.Plot {
	p := plot.New()
	p.Title.Text = "Throughput, " + rep.Options.Workload.Name
	if rep.Options.Repeat > 1 {
		p.Title.Text += fmt.Sprintf(" (median of %d rounds; whiskers: slowest and fastest)", rep.Options.Repeat)
	}
	p.Y.Label.Text = "replies per second"
	values := make(plotter.Values, len(ran))
	names := make([]string, len(ran))
	for i, s := range ran {
		values[i], names[i] = s.Throughput.Median, s.ID
	}
	bars, _ := plotter.NewBarChart(values, vg.Points(28)) // fails only on negative widths or NaN
	bars.Color = plotutil.Color(0)
	bars.LineStyle.Width = 0
	p.Add(bars, plotter.NewGrid())
	if rep.Options.Repeat > 1 {
		// Whiskers from the slowest round to the fastest.
		var spreads errorBars
		for i, s := range ran {
			spreads.XYs = append(spreads.XYs, plotter.XY{X: float64(i), Y: s.Throughput.Median})
			spreads.YErrors = append(spreads.YErrors, struct{ Low, High float64 }{
				s.Throughput.Median - s.Throughput.Min, s.Throughput.Max - s.Throughput.Median})
		}
		whiskers, err := plotter.NewYErrorBars(spreads)
		if err == nil {
			p.Add(whiskers)
		}
	}
	p.NominalX(names...)
	// Room around the bars: half a bar slot each side, a tenth above.
	p.X.Min, p.X.Max = -0.5, float64(len(ran))-0.5
	p.Y.Min, p.Y.Max = 0, 1.1*p.Y.Max
	p.Y.Tick.Marker = relabel{linearTicks{}, count}
	return p
}

// errorBars is what plotter.NewYErrorBars wants: points with a distance
// below and above each.
type errorBars struct {
	plotter.XYs
	plotter.YErrors
}

// nines places a percentile on an axis where p50, p90, p99, p99.9 are
// evenly spaced, as HdrHistogram's own plots do.
func nines(p float64) float64 { return -math.Log10(1 - p/100) }

func logLatencyAxis(p *plot.Plot, label string) {
	p.Y.Label.Text = label
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = relabel{logTicks{}, micros}
}

// logTicks marks 1, 2 and 5 in each decade with a label, the other whole
// multiples without: plot.LogTicks labels only powers of ten, which
// leaves a narrow range, 20 to 300 ms say, with one label or none.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for decade := math.Pow(10, math.Floor(math.Log10(min))); decade <= max; decade *= 10 {
		for m := 1.0; m < 10; m++ {
			v := m * decade
			if v < min || v > max {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// relabel writes an axis's major tick labels with format: 25,000 rather
// than 25000.00, 100 ms rather than 100000.
type relabel struct {
	ticker plot.Ticker
	format func(float64) string
}

func (r relabel) Ticks(min, max float64) []plot.Tick {
	ticks := r.ticker.Ticks(min, max)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = r.format(t.Value)
		}
	}
	return ticks
}

func percentileChart(ran []serverSummary) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Latency by percentile (closed loop)"
	p.X.Label.Text = "percentile"
	logLatencyAxis(p, "latency (log scale)")
	var ticks []plot.Tick
	for _, q := range percentiles {
		ticks = append(ticks, plot.Tick{Value: nines(q), Label: "p" + strconv.FormatFloat(q, 'f', -1, 64)})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = nines(percentiles[0])-0.2, nines(percentiles[len(percentiles)-1])+0.2
	var lines []any
	for _, s := range ran {
		var xys plotter.XYs
		for i, q := range s.Latency.Percentiles {
			if v := s.Latency.MicrosAt[i]; v > 0 {
				xys = append(xys, plotter.XY{X: nines(q), Y: v})
			}
		}
		lines = append(lines, s.ID, xys)
	}
	p.Legend.Top, p.Legend.Left = false, false // latency rises to the right: the corner below is free
	p.Legend.YOffs = vg.Points(10)
	p.Add(plotter.NewGrid())
	return p, plotutil.AddLinePoints(p, lines...)
}

func loadChart(series []ladderSeries, percentile float64) (*plot.Plot, error) {
	name := "p" + strconv.FormatFloat(percentile, 'f', -1, 64)
	p := plot.New()
	p.Title.Text = name + " latency against offered load (open loop, from when due)"
	p.X.Label.Text = "offered load, requests per second"
	logLatencyAxis(p, name+" latency (log scale)")
	p.X.Tick.Marker = relabel{linearTicks{}, count}
	var lines []any
	for _, s := range series {
		var xys plotter.XYs
		for _, r := range s.Steps {
			if v := r.Latency.at(percentile); v > 0 {
				xys = append(xys, plotter.XY{X: r.Offered, Y: v})
			}
		}
		if len(xys) > 0 {
			lines = append(lines, s.ID, xys)
		}
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(24)
	p.Add(plotter.NewGrid())
	if err := plotutil.AddLinePoints(p, lines...); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = 0, 1.05*p.X.Max
	p.Y.Max *= 4 // room for the legend above the lines
	return p, nil
}

func memoryChart(series []scaleSeries) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Server memory per idle connection"
	p.X.Label.Text = "connections held open (log scale)"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = relabel{logTicks{}, count}
	p.Y.Label.Text = "bytes per connection (log scale)"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = relabel{logTicks{}, count}
	var lines []any
	for _, s := range series {
		var xys plotter.XYs
		for _, l := range s.Levels {
			if l.BytesPerConn > 0 { // a log axis has no room for 0
				xys = append(xys, plotter.XY{X: float64(l.Conns), Y: l.BytesPerConn})
			}
		}
		if len(xys) > 0 {
			lines = append(lines, s.ID, xys)
		}
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(24)
	p.Add(plotter.NewGrid())
	if err := plotutil.AddLinePoints(p, lines...); err != nil {
		return nil, err
	}
	// Room on the right for the last tick's label, and above the lines for
	// the legend: factors, on log axes.
	p.X.Max *= 1.3
	p.Y.Max *= 4
	return p, nil
}

// linearTicks labels about six round values (multiples of 1, 2 or 5 times
// a power of ten) across the axis.
type linearTicks struct{}

func (linearTicks) Ticks(min, max float64) []plot.Tick {
	raw := (max - min) / 6
	if raw <= 0 {
		return []plot.Tick{{Value: min, Label: "x"}}
	}
	step := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{2, 5, 10} {
		if step >= raw {
			break
		}
		step = m * math.Pow(10, math.Floor(math.Log10(raw)))
	}
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: "x"}) // relabel writes the label
	}
	return ticks
}
