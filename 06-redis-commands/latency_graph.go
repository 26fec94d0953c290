package main

import (
	"strconv"
	"strings"
)

// LATENCY GRAPH draws an event's history as Redis does (latency.c's
// latencyCommandGenSparkeline and sparkline.c): a title line, a rule of
// 80 dashes, then four rows of characters in which each column is one
// sample, its height scaled between the lowest and highest sample, and
// under each column, written downwards, how long ago it was: "5s", "3m",
// "2h", "1d". A graph wider than 80 samples wraps into blocks.

const (
	graphColumns = 80 // LATENCY_GRAPH_COLS
	graphRows    = 4
	// graphChars are the three heights one row can show, lowest first
	// (sparkline.c's charset_fill); a column taller than a row fills it
	// with '|'.
	graphChars = "_o#"
)

func latencyGraph(name string, ev *latencyEvent, now int64) []byte {
	low, high := ev.history[0].ms, ev.history[0].ms
	for _, sample := range ev.history {
		low, high = min(low, sample.ms), max(high, sample.ms)
	}
	var out []byte
	out = append(out, name...)
	out = append(out, " - high "...)
	out = strconv.AppendInt(out, high, 10)
	out = append(out, " ms, low "...)
	out = strconv.AppendInt(out, low, 10)
	out = append(out, " ms (all time high "...)
	out = strconv.AppendInt(out, ev.max, 10)
	out = append(out, " ms)\n"...)
	out = append(out, strings.Repeat("-", graphColumns)...)
	out = append(out, '\n')
	for from := 0; from < len(ev.history); from += graphColumns {
		if from != 0 {
			out = append(out, '\n')
		}
		block := ev.history[from:min(from+graphColumns, len(ev.history))]
		out = appendGraphBlock(out, block, low, high, now)
	}
	return out
}

// appendGraphBlock draws up to 80 samples: the rows of the graph, a blank
// row, then the labels, one character per row, for as many rows as the
// longest label needs.
func appendGraphBlock(out []byte, block []latencySample, low, high, now int64) []byte {
	span := float64(high - low)
	if span == 0 {
		span = 1
	}
	const steps = len(graphChars) * graphRows
	labels := make([]string, len(block))
	longest := 0
	for i, sample := range block {
		labels[i] = agoLabel(now - sample.unixTime)
		longest = max(longest, len(labels[i]))
	}
	row := make([]byte, len(block))
	for r := range graphRows {
		for i, sample := range block {
			// Truncated twice, as sparkline.c's (int)(relval*steps)/relmax
			// is truncated once more when it is stored in an int.
			step := int(float64(int(float64(sample.ms-low)*float64(steps))) / span)
			step = min(max(step, 0), steps-1)
			char := step - (graphRows-r-1)*len(graphChars)
			switch {
			case char < 0:
				row[i] = ' '
			case char < len(graphChars):
				row[i] = graphChars[char]
			default:
				row[i] = '|'
			}
		}
		out = append(append(out, row...), '\n')
	}
	for r := -1; r < longest; r++ {
		for i := range row {
			row[i] = ' '
			if r >= 0 && r < len(labels[i]) {
				row[i] = labels[i][r]
			}
		}
		out = append(append(out, row...), '\n')
	}
	return out
}

// agoLabel is how long ago a sample was, as latency.c labels it.
func agoLabel(elapsed int64) string {
	switch {
	case elapsed < 60:
		return strconv.FormatInt(elapsed, 10) + "s"
	case elapsed < 3600:
		return strconv.FormatInt(elapsed/60, 10) + "m"
	case elapsed < 3600*24:
		return strconv.FormatInt(elapsed/3600, 10) + "h"
	}
	return strconv.FormatInt(elapsed/(3600*24), 10) + "d"
}
