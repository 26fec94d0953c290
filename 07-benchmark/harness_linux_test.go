package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHarnessAgainstTwoChapters runs the real harness, as a user would,
// against chapter 01 (one client at a time) and chapter 04 (a goroutine
// per client, mutex) with a tiny workload, and checks what it reports and
// writes.
func TestHarnessAgainstTwoChapters(t *testing.T) {
	dir := t.TempDir()
	opts, err := parseFlags(flag.NewFlagSet("07-benchmark", flag.ContinueOnError),
		[]string{"-servers", "01,04", "-clients", "4", "-requests", "40", "-q", "-pin=false", "-out", dir})
	require.NoError(t, err)
	var table bytes.Buffer
	rep, err := run(opts, &table)
	require.NoError(t, err)

	require.Len(t, rep.Closed, 2)
	for _, s := range rep.Closed {
		require.Empty(t, s.Skipped, s.ID)
		require.Len(t, s.Runs, 1, s.ID)
		r := s.Runs[0]
		require.Equal(t, 40, r.Sent, s.ID)
		require.Equal(t, 40, r.Done, s.ID)
		require.Zero(t, r.ErrorReplies+r.Unanswered, s.ID)
		require.Equal(t, int64(40), r.Expected, s.ID)
		require.Equal(t, int64(40), r.Counter, s.ID, "neither 01 nor 04 may lose an INCR")
		require.Equal(t, int64(40), r.Latency.Count, s.ID)
		require.Positive(t, r.Throughput, s.ID)
		require.Positive(t, r.PeakRSSKiB, s.ID)
		require.Positive(t, r.Threads, s.ID)
	}
	out := table.String()
	require.Equal(t, 2, strings.Count(out, "40 of 40 ✓"), out)
	require.Contains(t, out, "serves one connection at a time", "01's row says it is served one by one")

	require.NoError(t, writeOutputs(dir, rep))
	data, err := os.ReadFile(filepath.Join(dir, "results.json"))
	require.NoError(t, err)
	var decoded report
	require.NoError(t, json.Unmarshal(data, &decoded))
	require.Len(t, decoded.Closed, 2)
	require.Equal(t, 40, decoded.Closed[1].Runs[0].Done)

	md, err := os.ReadFile(filepath.Join(dir, "results.md"))
	require.NoError(t, err)
	require.Contains(t, string(md), "| server | design | req/s |")
	require.Contains(t, string(md), "machine: ")

	svgs, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	require.NoError(t, err)
	require.Len(t, svgs, 2, "throughput and latency charts")
	for _, f := range svgs {
		requireWellFormedSVG(t, f)
		require.Contains(t, string(md), filepath.Base(f), "results.md links the chart")
	}
}

func requireWellFormedSVG(t *testing.T, file string) {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	d := xml.NewDecoder(f)
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, file)
		if el, ok := tok.(xml.StartElement); ok && root == "" {
			root = el.Name.Local
		}
	}
	require.Equal(t, "svg", root, file)
}
