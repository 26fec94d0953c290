package main

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseScore checks the strtod emulation on any input: it never
// panics, it uses no more than it is given, a score it accepts prints
// (%.17g) as text it reads back to the same double, and where Go's own
// parser reads the same plain decimal, the two agree exactly. (Agreement
// with Redis, hex and inf included, is TestSameAsRedisZset's.)
func FuzzParseScore(f *testing.F) {
	for _, seed := range []string{
		"1.1", "-0", ".5", "5.", "1e", "1e+", "0x", "0x1.8", "0x1p3", "inf", "-Infinity", "infinit", "nan", "nan(x1)",
		" 1", "1 ", "(1", "1e400", "1e-400", "4e-320", "1\x00", "+-1", "1_000", "123456789012345678",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, n, _ := cStrtod([]byte(s))
		if n < 0 || n > len(s) {
			t.Fatalf("%q: used %d bytes", s, n)
		}
		parseScoreRange([]byte(s), []byte(s))
		v, ok := parseScore([]byte(s))
		if !ok {
			return
		}
		printed := appendScore(nil, v)
		if again, ok := parseScore(printed); !ok || again != v {
			t.Fatalf("%q read as %v, printed %q, read back as %v (%v)", s, v, printed, again, ok)
		}
		if strings.ContainsAny(s, "xXpP_iInN") {
			return // forms Go's parser reads differently from strtod
		}
		if want, err := strconv.ParseFloat(s, 64); err == nil && want != v && !(want == 0 && v == 0) {
			t.Fatalf("%q: %v, Go reads %v", s, v, want)
		}
	})
}

func TestAppendScanScore(t *testing.T) {
	for v, want := range map[float64]string{
		1: "1", -3: "-3", 1.5: "1.5", 1e20: "1e+20", 1 << 62: "4611686018427387904",
		1<<62 + 1024: "4.6116860184273889e+18", -(1 << 62): "-4611686018427387904", -(1<<62 + 1024): "-4.6116860184273889e+18",
		math.Inf(1): "inf", 123456789012345678: "123456789012345680",
	} {
		if got := string(appendScanScore(nil, v)); got != want {
			t.Errorf("%v: %q, want %q", v, got, want)
		}
	}
}
