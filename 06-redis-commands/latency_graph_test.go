package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The graphs below are what Redis 7.0.15's sparkline.c draws for the same
// samples (sparklineRender with 80 columns, 4 rows, SPARKLINE_FILL),
// compiled on its own and run once; LATENCY GRAPH puts a title and a rule
// of dashes above them.
func TestLatencyGraphDrawsAsRedis(t *testing.T) {
	const now = 1_700_000_000
	wraps := make([]latencySample, 100)
	for i := range wraps {
		wraps[i] = latencySample{now - 200 + 2*int64(i), int64(i*7%53 + 1)}
	}
	for _, tc := range []struct {
		name    string
		history []latencySample
		want    string
	}{
		{"one", []latencySample{{now - 0, 5}}, " \n \n \n_\n \n0\ns\n"},
		{"three", []latencySample{{now - 2, 1}, {now - 1, 272}, {now - 0, 90}}, " # \n | \n |_\n_||\n   \n210\nsss\n"},
		{"flat", []latencySample{{now - 18000, 3}, {now - 172800, 3}, {now - 61, 3}}, "   \n   \n   \n___\n   \n521\nhdm\n"},
		{"wraps", wraps, "      _#      o#     _#      o#     _o      _#     _o      _#      o#     _#    \n    _#||    o#||   _o||    _#||   _o||    _#||    o||    _#||    o#||   _o||    \n  _o||||  _#|||| _o||||  _#||||  o||||  _#||||  o#|||  _o||||  _#|||| _o||||  _#\n_o||||||_#||||||o||||||_#||||||o#|||||_o||||||_#|||||_o||||||_#||||||o||||||_#||\n                                                                                \n33333333333222222222222222222222222222222111111111111111111111111111111555554444\nmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm864208642\n                                                                       sssssssss\n\n  o#     _o      _# \n_#||   _o||    _#|| \n||||  o||||  _#|||| \n||||o#|||||_o||||||_\n                    \n43333322222111118642\n0864208642086420ssss\nssssssssssssssss    \n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev := &latencyEvent{history: tc.history, max: 999}
			graph := string(latencyGraph("command", ev, now))
			title, rest, _ := strings.Cut(graph, "\n")
			low, high := tc.history[0].ms, tc.history[0].ms
			for _, sample := range tc.history {
				low, high = min(low, sample.ms), max(high, sample.ms)
			}
			require.Equal(t, "command - high "+strconv.FormatInt(high, 10)+" ms, low "+strconv.FormatInt(low, 10)+" ms (all time high 999 ms)", title)
			require.Equal(t, strings.Repeat("-", 80)+"\n"+tc.want, rest)
		})
	}
}
