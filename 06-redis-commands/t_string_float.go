package main

import "math/big"

// INCRBYFLOAT computes in C's long double, and on x86-64 Linux, where the
// Redis we match runs, that is the x87 80-bit format: a 64-bit mantissa
// and a range up to about 1.19e4932. Go has no such type, and float64
// would give other digits ("1.5e308" prints 309 digits whose tail depends
// on the mantissa's width), so this file emulates one with math/big: a
// big.Float of 64 bits of precision, rounded to nearest-even, with the
// exponent range checked by hand.
//
// Three steps of Redis are emulated: parsing with strtold (Redis's
// string2ld), adding, and printing with "%.17Lf" (Redis's ld2string in
// its human-friendly mode). None of it is a hot path.

const (
	longDoublePrec = 64
	// longDoubleMaxExp is the big.Float exponent (x = mant × 2^exp,
	// 0.5 <= |mant| < 1) of the largest finite long double.
	longDoubleMaxExp = 16384
	// Values at or below 2^longDoubleZeroExp round to zero: it is half of
	// the smallest subnormal long double, 2^-16445.
	longDoubleZeroExp = -16446
	// maxLongDoubleChars is Redis's MAX_LONG_DOUBLE_CHARS: longer input
	// is not a float at all.
	maxLongDoubleChars = 5 * 1024
	// Exponents are clamped while parsed: past this, any mantissa that
	// fits in the length limit is already out of range either way.
	maxParsedExponent = 10_000_000
)

func newLongDouble() *big.Float {
	return new(big.Float).SetPrec(longDoublePrec).SetMode(big.ToNearestEven)
}

func ldZero() *big.Float { return newLongDouble() }

// parseLongDouble accepts what strtold accepts when it must consume the
// whole input, as Redis's string2ld requires: an optional sign, then
// "inf", "infinity", a decimal number with an optional e exponent, or a
// hexadecimal one ("0x1.8p3"). Leading or trailing spaces, NaN, and
// numbers that overflow or round to zero are refused.
func parseLongDouble(b []byte) (*big.Float, bool) {
	if len(b) == 0 || len(b) >= maxLongDoubleChars {
		return nil, false
	}
	negative := b[0] == '-'
	if b[0] == '+' || b[0] == '-' {
		b = b[1:]
	}
	if equalFold(b, "inf") || equalFold(b, "infinity") {
		return new(big.Float).SetInf(negative), true
	}
	var x *big.Float
	var ok bool
	if len(b) >= 2 && b[0] == '0' && (b[1]|0x20) == 'x' {
		x, ok = parseHexFloat(b[2:])
	} else {
		x, ok = parseDecimalFloat(b)
	}
	if !ok {
		return nil, false
	}
	if negative {
		x.Neg(x)
	}
	return x, true
}

// scanFloat splits "123.45e-6" into its digits without the point ("12345"),
// how many of them follow the point (2), and the exponent (-6). The
// exponent letter is e for decimal and p for hexadecimal numbers. It fails
// unless the whole of b is consumed and there is at least one digit.
func scanFloat(b []byte, isDigit func(byte) bool, expLetter byte) (digits []byte, fraction, exp int, ok bool) {
	digits = make([]byte, 0, len(b))
	seenPoint := false
	i := 0
	for ; i < len(b); i++ {
		switch {
		case isDigit(b[i]):
			digits = append(digits, b[i])
			if seenPoint {
				fraction++
			}
			continue
		case b[i] == '.' && !seenPoint:
			seenPoint = true
			continue
		}
		break
	}
	if len(digits) == 0 {
		return nil, 0, 0, false
	}
	if i < len(b) && b[i]|0x20 == expLetter {
		i++
		negative := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			negative = b[i] == '-'
			i++
		}
		start := i
		for ; i < len(b) && isFloatDigit(b[i]); i++ {
			if exp < maxParsedExponent {
				exp = exp*10 + int(b[i]-'0')
			}
		}
		if i == start {
			return nil, 0, 0, false // strtold would stop before the letter
		}
		if negative {
			exp = -exp
		}
	}
	return digits, fraction, exp, i == len(b)
}

func isFloatDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHexFloatDigit(c byte) bool {
	return isFloatDigit(c) || ('a' <= c|0x20 && c|0x20 <= 'f')
}

// parseDecimalFloat rounds the exact value of a decimal number to a long
// double: the digits and the power of ten are exact big integers, and one
// division rounds them.
func parseDecimalFloat(b []byte) (*big.Float, bool) {
	digits, fraction, exp, ok := scanFloat(b, isFloatDigit, 'e')
	if !ok {
		return nil, false
	}
	for len(digits) > 1 && digits[0] == '0' {
		digits = digits[1:]
	}
	if digits[0] == '0' {
		return newLongDouble(), true // zero, whatever its exponent
	}
	// The value lies in [10^(n-1+e), 10^(n+e)), n digits and exponent e.
	e := exp - fraction
	n := len(digits)
	if n-1+e >= 4933 || n+e <= -4952 {
		return nil, false // beyond ~1.19e4932, or below half of ~3.6e-4951
	}
	num, _ := new(big.Int).SetString(string(digits), 10)
	den := big.NewInt(1)
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil)
	if e >= 0 {
		num.Mul(num, pow)
	} else {
		den = pow
	}
	x := newLongDouble().Quo(new(big.Float).SetInt(num), new(big.Float).SetInt(den))
	if x.MantExp(nil) > longDoubleMaxExp {
		return nil, false
	}
	if x.MantExp(nil) < longDoubleZeroExp+8 {
		// Near zero, decide exactly: is num/den above 2^-16446?
		if new(big.Int).Lsh(num, -longDoubleZeroExp).Cmp(den) <= 0 {
			return nil, false
		}
	}
	return x, true
}

// parseHexFloat does the same for a hexadecimal number, whose value is
// the digits times a power of two.
func parseHexFloat(b []byte) (*big.Float, bool) {
	digits, fraction, exp, ok := scanFloat(b, isHexFloatDigit, 'p')
	if !ok {
		return nil, false
	}
	mant, _ := new(big.Int).SetString(string(digits), 16)
	if mant.Sign() == 0 {
		return newLongDouble(), true
	}
	e := exp - 4*fraction
	if bits := mant.BitLen(); bits+e > longDoubleMaxExp+1 || bits+e < longDoubleZeroExp {
		return nil, false
	}
	exact := new(big.Float).SetInt(mant)
	exact.SetMantExp(exact, e)
	threshold := new(big.Float).SetMantExp(big.NewFloat(1), longDoubleZeroExp)
	if exact.Cmp(threshold) <= 0 {
		return nil, false
	}
	x := newLongDouble().Set(exact)
	if x.MantExp(nil) > longDoubleMaxExp {
		return nil, false
	}
	return x, true
}

// ldAdd adds two long doubles, rounding once as the x87 does. It reports
// false when the sum is infinite or not a number.
func ldAdd(x, y *big.Float) (*big.Float, bool) {
	if x.IsInf() || y.IsInf() {
		return nil, false
	}
	sum := newLongDouble().Add(x, y)
	if sum.MantExp(nil) > longDoubleMaxExp {
		return nil, false
	}
	return sum, true
}

// formatLongDouble appends x as Redis's ld2string prints it for humans:
// printf's "%.17Lf" (the exact binary value, rounded half to even at the
// 17th decimal), then trailing zeros and a bare point cut, and "-0" as "0".
func formatLongDouble(dst []byte, x *big.Float) []byte {
	if x.MantExp(nil) < -60 {
		// Below 2^-61 the 17 decimals are all zero. Saying so at once
		// spares writing out, say, 2^-16445 exactly: thousands of digits
		// that would stall the loop for milliseconds.
		return append(dst, '0')
	}
	start := len(dst)
	dst = x.Append(dst, 'f', 17)
	end := len(dst)
	for dst[end-1] == '0' {
		end--
	}
	if dst[end-1] == '.' {
		end--
	}
	dst = dst[:end]
	if string(dst[start:]) == "-0" {
		dst = append(dst[:start], '0')
	}
	return dst
}
