package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The quirks are checked against real Redis in diff_keys_test.go;
// these cases document the rules.
func TestStringMatch(t *testing.T) {
	tests := []struct {
		pattern, str string
		want         bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", false}, // Redis: the empty string matches only the empty pattern
		{"*", "anything", true},
		{"h?llo", "hello", true},
		{"h?llo", "hllo", false},
		{"h*llo", "hllo", true},
		{"h*llo", "heeeello", true},
		{"h*llo", "hello!", false},
		{"*.txt", "a.b.txt", true},
		{"a*b*c", "abxbc", true},
		{"a*b*c", "acb", false},
		{"h[ae]llo", "hallo", true},
		{"h[ae]llo", "hillo", false},
		{"h[^e]llo", "hillo", true},
		{"h[^e]llo", "hello", false},
		{"h[a-c]llo", "hbllo", true},
		{"h[c-a]llo", "hbllo", true}, // a reversed range is the same range
		{"h[a-]llo]", "h]", true},    // "[a-]" is the range a..], and the class goes on
		{"h[a-]llo]", "hl", true},
		{"h[a-]llo]", "h]llo", false},
		{"h\\*llo", "h*llo", true},
		{"h\\*llo", "hxllo", false},
		{"h[\\]]llo", "h]llo", true},
		{"h[e", "he", true}, // an unclosed bracket takes the rest as its set
		{"h[", "h", false},
		{"h[^", "hx", true},
		{"h\\", "h\\", true},
		{"[a-\xff]", "\x00", true}, // signed chars: 0xff is -1, so the range is -1..'a'
		{"[a-\xff]", "\xff", true},
		{"[a-\xff]", "\xe9", false},
		{"[a-\xff]", "b", false},
		{"[\x80-\xff]", "\xe9", true},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, stringMatch([]byte(tt.pattern), []byte(tt.str)), "%q against %q", tt.pattern, tt.str)
	}
}

// A backtracking matcher takes exponential time here; this one must not.
func TestStringMatchPathological(t *testing.T) {
	long := []byte(strings.Repeat("a", 20000))
	require.False(t, stringMatch([]byte(strings.Repeat("*a", 40)+"*b"), long))
	require.True(t, stringMatch([]byte(strings.Repeat("*a", 40)+"*"), long))
	require.False(t, stringMatch([]byte(strings.Repeat("a*", 40)+"[b-c]"), long))
}

// FuzzGlob compares stringMatch with two references: a regexp for
// patterns without brackets, and a plain backtracking matcher (slow but
// obviously right about stars) for every pattern. Inputs use a small
// alphabet so that the two sides often match and the regexp sees ASCII.
func FuzzGlob(f *testing.F) {
	f.Add("h*llo", "hello")
	f.Add("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaa")
	f.Add("[a-c]?\\*", "b**")
	f.Add("[^ab]*", "cab")
	f.Add("[", "a")
	f.Add("\\", "\\")
	f.Add("**", "")
	f.Add("a[-]b]", "a]b]")
	f.Fuzz(func(t *testing.T, pattern, str string) {
		if len(pattern) > 64 || len(str) > 64 {
			return
		}
		p, s := []byte(toAlphabet(pattern, "ab*?\\[]^-")), []byte(toAlphabet(str, "ab*?\\[]^-"))
		got := stringMatch(p, s)
		require.Equal(t, backtrackMatch(p, s), got, "pattern %q, string %q", p, s)
		if !strings.ContainsRune(string(p), '[') {
			require.Equal(t, regexpMatch(p, s), got, "pattern %q, string %q", p, s)
		}
	})
}

func toAlphabet(in, alphabet string) string {
	out := make([]byte, len(in))
	for i := range len(in) {
		out[i] = alphabet[int(in[i])%len(alphabet)]
	}
	return string(out)
}

// regexpMatch translates a pattern without brackets into a regexp.
func regexpMatch(pattern, str []byte) bool {
	if len(str) == 0 {
		return len(pattern) == 0
	}
	var re strings.Builder
	re.WriteString(`(?s)\A`)
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*':
			re.WriteString(".*")
		case c == '?':
			re.WriteString(".")
		case c == '\\' && i+1 < len(pattern):
			i++
			re.WriteString(regexp.QuoteMeta(string(pattern[i])))
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	re.WriteString(`\z`)
	return regexp.MustCompile(re.String()).Match(str)
}

// backtrackMatch tries every length for every star, remembering what it
// has tried so that it stays polynomial.
func backtrackMatch(pattern, str []byte) bool {
	if len(str) == 0 {
		return len(pattern) == 0
	}
	tried := map[[2]int]bool{}
	var match func(p, s int) bool
	match = func(p, s int) bool {
		if tried[[2]int{p, s}] {
			return false // it failed the first time
		}
		tried[[2]int{p, s}] = true
		if p == len(pattern) {
			return s == len(str)
		}
		if pattern[p] == '*' {
			for skip := s; skip <= len(str); skip++ {
				if match(p+1, skip) {
					return true
				}
			}
			return false
		}
		if s == len(str) {
			return false
		}
		ok, next := matchOne(pattern, p, str[s])
		return ok && match(next, s+1)
	}
	return match(0, 0)
}
