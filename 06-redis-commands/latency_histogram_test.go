package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Each run is counted at the level whose HdrHistogram bucket holds it:
// the bucket at 2^(10+k) ns is 2^(3+k) ns wide, so 1031 ns is still the
// first level and 1032 ns the second. The labels are those Redis 7.0.15
// printed for SETs and KEYS in one run, from 1 to 135266 µs, then
// 1073741 for anything past 0.54 s (counted as a second at most).
func TestHistogramLevelsAsRedis(t *testing.T) {
	for _, tc := range []struct {
		d     time.Duration
		level int
	}{
		{0, 0}, {1, 0}, {1031, 0}, {1032, 1}, {2063, 1}, {2064, 2},
		{32768 + 255, 5}, {32768 + 256, 6}, {time.Second, 20}, {time.Hour, 20},
	} {
		var h commandHistogram
		h.record(tc.d)
		require.Equal(t, int64(1), h.counts[tc.level], "%d ns", tc.d)
	}
	var labels []int64
	for k := range histogramLevels {
		labels = append(labels, levelLabel(k))
	}
	require.Equal(t, []int64{1, 2, 4, 8, 16, 33, 66, 132, 264, 528, 1056, 2113, 4227, 8454, 16908, 33816,
		67633, 135266, 270532, 541065, 1073741}, labels)
}
