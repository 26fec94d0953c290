package main

// maxGlobStars is the depth at which Redis's stringmatchlen_impl stops
// (util.c, "Protection against abusive patterns").
const maxGlobStars = 1000

// stringMatch reports whether str matches the glob pattern the way Redis's
// stringmatchlen does for KEYS and SCAN MATCH (case-sensitive):
//
//	h*o    "h", then any run of bytes (possibly none), then "o"
//	h?llo  any one byte in place of the ?
//	h[ae]  one of the bytes listed; h[^ae] one byte not listed
//	[a-z]  a range, either way round ([z-a] is the same range)
//	\*     the byte after the backslash itself, inside brackets too
//
// Redis's quirks are kept, since KEYS must list what Redis lists: an empty
// string matches only the empty pattern (so "*" does not match the key "",
// although KEYS and SCAN treat a lone "*" as "everything" before matching);
// a bracket that never closes takes the rest of the pattern as its set;
// "[a-]" is the range from 'a' to ']'; and ranges compare bytes as C's
// signed char, so "[a-\xff]" is the range from -1 to 'a'.
//
// A naive backtracking matcher is exponential on patterns such as
// "*a*a*a*a*b" against a long run of a's. Redis 7.0 guards against that
// with skipLongerMatches: once the rest of the pattern has failed at every
// position after a star, no earlier star need try a longer match. That is
// the same as the classic two-pointer matcher below, which only ever goes
// back to the most recent star, so it takes at most
// len(pattern)*len(str) steps.
//
// Redis also refuses abusive patterns: its matcher recurses at each star
// and gives up (no match) past a depth of 1000. So a match that must get
// past more than maxGlobStars stars with text left fails here too; a
// trailing star, which needs no recursion, does not count.
func stringMatch(pattern, str []byte) bool {
	if len(str) == 0 {
		return len(pattern) == 0
	}
	p, s := 0, 0
	stars := 0 // the stars this match has passed
	// Where to resume if the text after the last star fails: the pattern
	// just after that star, the next byte of str it should try, and the
	// stars passed up to that one.
	starP, starS, starStars := -1, 0, 0
	for s < len(str) {
		if p < len(pattern) && pattern[p] == '*' {
			for p < len(pattern) && pattern[p] == '*' {
				p++
			}
			if p == len(pattern) {
				return true // a trailing star takes the rest
			}
			if stars++; stars > maxGlobStars {
				return false
			}
			starP, starS, starStars = p, s, stars
			continue
		}
		if p < len(pattern) {
			if ok, next := matchOne(pattern, p, str[s]); ok {
				p, s = next, s+1
				continue
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last star take one more byte, and try again after it.
		starS++
		p, s, stars = starP, starS, starStars
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// matchOne matches the byte c against the single-byte token at
// pattern[p] (anything but a star) and returns where the next token starts.
func matchOne(pattern []byte, p int, c byte) (bool, int) {
	switch pattern[p] {
	case '?':
		return true, p + 1
	case '\\':
		if p+1 < len(pattern) {
			return pattern[p+1] == c, p + 2
		}
		return c == '\\', p + 1 // a lone backslash at the end is itself
	case '[':
		return matchClass(pattern, p+1, c)
	}
	return pattern[p] == c, p + 1
}

// matchClass matches c against a bracket expression whose body starts at
// pattern[i], and returns where the pattern goes on after its ']'.
func matchClass(pattern []byte, i int, c byte) (bool, int) {
	negate := i < len(pattern) && pattern[i] == '^'
	if negate {
		i++
	}
	matched := false
	for i < len(pattern) {
		switch {
		case pattern[i] == '\\' && i+1 < len(pattern):
			matched = matched || pattern[i+1] == c
			i += 2
		case pattern[i] == ']':
			return matched != negate, i + 1
		case i+2 < len(pattern) && pattern[i+1] == '-':
			// C compares these as signed chars: bytes from 0x80 up are
			// negative, below every ASCII byte.
			lo, hi, b := int8(pattern[i]), int8(pattern[i+2]), int8(c)
			if lo > hi {
				lo, hi = hi, lo
			}
			matched = matched || (lo <= b && b <= hi)
			i += 3
		default:
			matched = matched || pattern[i] == c
			i++
		}
	}
	return matched != negate, i // never closed: the set ran to the end
}
