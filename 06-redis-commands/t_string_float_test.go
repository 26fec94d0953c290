package main

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseLongDouble checks the strtold emulation on any input: it never
// panics, what it prints parses back to the same text, and where Go's own
// parser reads the same plain decimal as a normal float64, the two values
// agree to float64's precision. (Digit for digit agreement with Redis is
// what TestSameAsRedisString checks.)
func FuzzParseLongDouble(f *testing.F) {
	for _, seed := range []string{
		"10.5", "3.0e3", "-0", ".5", "5.", "1e", "0x1.8p3", "0x", "inf", "-Infinity", "nan", " 1", "1 ",
		"1e4932", "1.2e4932", "1e-4951", "4e-4951", "0x1p-16446", "1\x00", "+-1", "1e999999999999999999",
		"0.000003814697265625", "18446744073709551617",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, ok := parseLongDouble([]byte(s))
		if !ok || x.IsInf() {
			return
		}
		printed := formatLongDouble(nil, x)
		again, ok := parseLongDouble(printed)
		if !ok {
			t.Fatalf("%q printed as %q, which does not parse", s, printed)
		}
		if reprinted := formatLongDouble(nil, again); string(reprinted) != string(printed) {
			t.Fatalf("%q printed as %q, then as %q", s, printed, reprinted)
		}
		if strings.ContainsAny(s, "xXpP_iInN") {
			return // forms that Go's parser reads differently from strtold
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || want == 0 || math.Abs(want) < 0x1p-1022 {
			return
		}
		got, _ := x.Float64()
		if math.Abs(got-want) > math.Abs(want)*0x1p-52 {
			t.Fatalf("%q: %v, Go reads %v", s, got, want)
		}
	})
}

// FuzzParseStringOptions checks SET's and GETEX's option parser: no
// panic, and whatever it accepts keeps the rules Redis enforces.
func FuzzParseStringOptions(f *testing.F) {
	for _, seed := range []string{"NX", "XX GET", "EX 10", "PX 10 PX 20", "KEEPTTL EX 1", "PERSIST", "nx\x00a", "EXAT", ""} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, words string, forSet bool) {
		var args [][]byte
		for _, w := range strings.Fields(words) {
			args = append(args, []byte(w))
		}
		opts, ok := parseStringOptions(args, forSet)
		if !ok {
			return
		}
		f := opts.flags
		expires := 0
		for _, bit := range []int{optEX, optPX, optEXAT, optPXAT} {
			if f&bit != 0 {
				expires++
			}
		}
		switch {
		case f&optNX != 0 && f&optXX != 0:
			t.Fatalf("%q: NX and XX", words)
		case expires > 1:
			t.Fatalf("%q: two kinds of expire", words)
		case expires == 1 && opts.expire == nil, expires == 0 && opts.expire != nil:
			t.Fatalf("%q: expire flag and argument disagree", words)
		case f&optKeepTTL != 0 && (expires > 0 || !forSet):
			t.Fatalf("%q: KEEPTTL with an expire, or for GETEX", words)
		case f&optPersist != 0 && (expires > 0 || forSet):
			t.Fatalf("%q: PERSIST with an expire, or for SET", words)
		case !forSet && f&(optNX|optXX|optGet) != 0:
			t.Fatalf("%q: SET's options accepted by GETEX", words)
		}
	})
}
