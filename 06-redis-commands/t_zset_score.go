package main

import (
	"bytes"
	"errors"
	"math"
	"strconv"
)

// Scores: how Redis reads them (C's strtod, in two strictnesses) and
// writes them ("%.17g"), and the min/max ranges of ZRANGEBYSCORE and
// ZRANGEBYLEX.

// cStrtod reads a double from the start of b as C's strtod does: leading
// spaces, a sign, then "inf", "infinity", "nan", a hexadecimal number
// ("0x1.8p3", the exponent optional) or a decimal one. It returns the
// value, how many bytes it used (0: no number at all), and whether C would
// set ERANGE: the number overflowed, or underflowed to zero. Go's
// strconv.ParseFloat rounds as strtod does once the syntax is C's.
func cStrtod(b []byte) (v float64, n int, erange bool) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	sign := 1.0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		if b[i] == '-' {
			sign = -1
		}
		i++
	}
	rest := b[i:]
	switch {
	case hasPrefixFold(rest, "infinity"):
		return math.Inf(int(sign)), i + 8, false
	case hasPrefixFold(rest, "inf"):
		return math.Inf(int(sign)), i + 3, false
	case hasPrefixFold(rest, "nan"):
		i += 3
		if j := bytes.IndexByte(b[i:], ')'); i < len(b) && b[i] == '(' && j > 0 && isNanChars(b[i+1:i+j]) {
			i += j + 1 // nan(chars)
		}
		return math.NaN(), i, false
	}
	hex := len(rest) >= 2 && rest[0] == '0' && rest[1]|0x20 == 'x'
	isDigit, expLetter, start := isFloatDigit, byte('e'), i
	if hex {
		isDigit, expLetter, start = isHexFloatDigit, 'p', i+2
	}
	j, digits, nonzero := start, 0, false
	for pointSeen := false; j < len(b); j++ {
		switch {
		case isDigit(b[j]):
			digits++
			nonzero = nonzero || b[j] != '0'
		case b[j] == '.' && !pointSeen:
			pointSeen = true
		default:
			goto mantissaDone
		}
	}
mantissaDone:
	if digits == 0 {
		if hex {
			return 0, i + 1, false // "0x" alone is the number 0 followed by "x"
		}
		return 0, 0, false
	}
	text := string(b[i:j])
	if j < len(b) && b[j]|0x20 == expLetter {
		k := j + 1
		if k < len(b) && (b[k] == '+' || b[k] == '-') {
			k++
		}
		if k < len(b) && isFloatDigit(b[k]) {
			for k < len(b) && isFloatDigit(b[k]) {
				k++
			}
			text, j = string(b[i:k]), k
		}
	}
	if hex && !bytes.ContainsAny([]byte(text), "pP") {
		text += "p0" // Go wants the exponent that C leaves optional
	}
	v, err := strconv.ParseFloat(text, 64)
	erange = errors.Is(err, strconv.ErrRange) || (v == 0 && nonzero)
	return sign * v, j, erange
}

func hasPrefixFold(b []byte, lower string) bool {
	return len(b) >= len(lower) && equalFold(b[:len(lower)], lower)
}

func isNanChars(b []byte) bool {
	for _, c := range b {
		if !(c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// parseScore reads a score or an increment as Redis's string2d: the
// whole argument must be the number, with no leading space, and NaN,
// overflow and underflow to zero are refused; "inf" is allowed.
func parseScore(b []byte) (float64, bool) {
	v, n, erange := cStrtod(b)
	if len(b) == 0 || isSpace(b[0]) || n != len(b) || math.IsNaN(v) ||
		(erange && (math.IsInf(v, 0) || v == 0)) {
		return 0, false
	}
	return v, true
}

// scoreOrReply is parseScore answering Redis's error.
func scoreOrReply(c *client, b []byte) (float64, bool) {
	v, ok := parseScore(b)
	if !ok {
		c.addError("ERR value is not a valid float")
	}
	return v, ok
}

// appendScore writes a score as Redis 7.0's addReplyDouble does: "%.17g",
// with inf and -inf spelled out. Seventeen digits are enough to read back
// the same double, but print 1.1 as 1.1000000000000001.
func appendScore(dst []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(dst, "inf"...)
	case math.IsInf(v, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, v, 'g', 17, 64)
}

func (c *client) addScore(v float64) {
	var buf [32]byte
	c.addBulk(appendScore(buf[:0], v))
}

// scoreRange is a ZRANGEBYSCORE interval: min and max, each inclusive
// unless written with a leading "(".
type scoreRange struct {
	min, max     float64
	minEx, maxEx bool
}

// parseScoreRange reads min and max as Redis's zslParseRange: here strtod
// may skip leading spaces and need not use the whole argument up to a NUL
// byte, and overflow is simply infinity; only NaN is refused.
func parseScoreRange(minArg, maxArg []byte) (r scoreRange, ok bool) {
	bound := func(arg []byte) (v float64, exclusive, ok bool) {
		if i := bytes.IndexByte(arg, 0); i >= 0 {
			arg = arg[:i] // C sees the string end there
		}
		if len(arg) > 0 && arg[0] == '(' {
			arg, exclusive = arg[1:], true
		}
		v, n, _ := cStrtod(arg)
		return v, exclusive, n == len(arg) && !math.IsNaN(v)
	}
	var minOK, maxOK bool
	r.min, r.minEx, minOK = bound(minArg)
	r.max, r.maxEx, maxOK = bound(maxArg)
	return r, minOK && maxOK
}

// nodeAboveMin and nodeBelowMax test an element against each end. A range
// whose min is above its max, or equal to it with an end exclusive, has
// no element passing both.
func (r scoreRange) nodeAboveMin(x *zslNode) bool {
	return x.score > r.min || (!r.minEx && x.score == r.min)
}
func (r scoreRange) nodeBelowMax(x *zslNode) bool {
	return x.score < r.max || (!r.maxEx && x.score == r.max)
}

// lexBound is one end of a ZRANGEBYLEX interval: "-" (below every
// string), "+" (above every string), or a string after "[" (inclusive)
// or "(" (exclusive).
type lexBound struct {
	inf       int // -1 for "-", +1 for "+", 0 for a string
	value     string
	exclusive bool
}

type lexRange struct{ min, max lexBound }

// parseLexBound reads one end as Redis's zslParseLexRangeItem.
func parseLexBound(arg []byte) (lexBound, bool) {
	switch {
	case len(arg) == 0:
		return lexBound{}, false
	case arg[0] == '+' || arg[0] == '-':
		if len(arg) > 1 && arg[1] != 0 { // C reads "+\x00..." as "+"
			return lexBound{}, false
		}
		inf := 1
		if arg[0] == '-' {
			inf = -1
		}
		return lexBound{inf: inf, exclusive: true}, true
	case arg[0] == '(' || arg[0] == '[':
		return lexBound{value: string(arg[1:]), exclusive: arg[0] == '('}, true
	}
	return lexBound{}, false
}

func parseLexRange(minArg, maxArg []byte) (lexRange, bool) {
	lo, ok1 := parseLexBound(minArg)
	hi, ok2 := parseLexBound(maxArg)
	return lexRange{lo, hi}, ok1 && ok2
}

// compareLex orders a member against a bound, as Redis's sdscmplex.
func compareLex(member string, b lexBound) int {
	if b.inf != 0 {
		return -b.inf
	}
	switch {
	case member < b.value:
		return -1
	case member > b.value:
		return 1
	}
	return 0
}

func (r lexRange) nodeAboveMin(x *zslNode) bool {
	cmp := compareLex(x.member, r.min)
	return cmp > 0 || (cmp == 0 && !r.min.exclusive)
}

func (r lexRange) nodeBelowMax(x *zslNode) bool {
	cmp := compareLex(x.member, r.max)
	return cmp < 0 || (cmp == 0 && !r.max.exclusive)
}
