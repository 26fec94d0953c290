package main

import (
	"fmt"
)

// runLadders measures each server's closed-loop throughput, then offers
// it load on a fixed schedule at each rung of the ladder, lowest first,
// on the same server process.
func (h *harness) runLadders(specs []serverSpec) {
	for _, spec := range specs {
		series := ladderSeries{ID: spec.ID}
		if err := h.ladder(spec, &series); err != nil {
			series.Stopped = err.Error()
		}
		h.rep.Ladder = append(h.rep.Ladder, series)
	}
}

func (h *harness) ladder(spec serverSpec, series *ladderSeries) error {
	srv, err := h.start(spec)
	if err != nil {
		return err
	}
	defer srv.Stop()
	if h.opts.Workload.Name == "set-get" {
		if ok, err := supportsSet(srv.Addr); err != nil || !ok {
			return fmt.Errorf("no SET command: skipped (%v)", err)
		}
	}
	h.logf("[%s] closed loop first, to find its throughput", spec.ID)
	closed, err := runClosedLoop(srv.Addr, loadConfig{
		Clients: h.opts.Clients, Requests: h.opts.Requests, Pipeline: 1,
		Workload: h.opts.Workload, Cap: h.opts.Cap,
	})
	if err != nil {
		return err
	}
	series.ClosedThroughput = closed.Throughput()
	for i, step := range h.opts.Rates {
		rate := step.PerSecond
		if step.Fraction > 0 {
			rate = step.Fraction * series.ClosedThroughput
		}
		// A rung lasts at least a second, so that the server reaches a
		// steady state; at a low rate, -requests take longer than that.
		requests := max(h.opts.Requests, int(rate))
		h.logf("[%s] rung %d/%d: %s = %.0f req/s, %d requests over %d connections",
			spec.ID, i+1, len(h.opts.Rates), step, rate, requests, h.opts.Clients)
		res, err := runOpenLoop(srv.Addr, openConfig{
			Clients: h.opts.Clients, Requests: requests, Rate: rate,
			Workload: h.opts.Workload, Cap: h.opts.Cap,
		})
		if err != nil {
			return err
		}
		if srv.Exited() {
			return fmt.Errorf("the server stopped: %s", srv.Reason())
		}
		series.Steps = append(series.Steps, ladderRow{
			Step: step.String(), Offered: rate, Achieved: res.Achieved, Done: res.Done,
			Errors: res.Errors, Latency: summarizeLatency(res.Latency),
			SendLagUs: float64(res.SendLag.ValueAtQuantile(99)) / 1e3,
		})
		h.logf("[%s]   achieved %.0f req/s, p99 %.0f µs from when due", spec.ID, res.Achieved, float64(res.Latency.ValueAtQuantile(99))/1e3)
	}
	return nil
}
