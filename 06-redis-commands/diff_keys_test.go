//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"strings"
	"testing"
)

// Key space and expiry commands against real Redis: everything whose
// reply does not depend on hash order, randomness or the clock.
func TestSameAsRedisKeys(t *testing.T) {
	cases := []diffCase{
		commands("del unlink",
			cmd("SET", "a", "1"), cmd("SET", "b", "2"), cmd("SET", "c", "3"),
			cmd("DEL", "a", "a", "nokey"), cmd("UNLINK", "b", "c", "b"), cmd("DEL", "a"),
			cmd("DEL"), cmd("UNLINK"), cmd("dEl", "x")),
		commands("exists counts repeats",
			cmd("SET", "a", "1"), cmd("EXISTS", "a"), cmd("EXISTS", "a", "a", "b", "a"),
			cmd("EXISTS", "nokey"), cmd("EXISTS")),
		commands("type",
			cmd("SET", "a", "1"), cmd("TYPE", "a"), cmd("TYPE", "nokey"), cmd("TYPE"), cmd("TYPE", "a", "b")),
		commands("rename",
			cmd("RENAME", "nokey", "x"), cmd("RENAMENX", "nokey", "x"), cmd("RENAME", "nokey", "nokey"),
			cmd("SET", "a", "1"), cmd("RENAME", "a", "a"), cmd("RENAMENX", "a", "a"),
			cmd("RENAME", "a", "b"), cmd("GET", "a"), cmd("GET", "b"), cmd("EXISTS", "a"),
			cmd("SET", "c", "3"), cmd("RENAMENX", "b", "c"), cmd("GET", "b"), cmd("GET", "c"),
			cmd("RENAME", "b", "c"), cmd("GET", "c"), cmd("EXISTS", "b"),
			cmd("RENAMENX", "c", "d"), cmd("GET", "d"),
			cmd("RENAME", "a"), cmd("RENAMENX", "a", "b", "c")),
		commands("rename keeps the ttl and drops the target's",
			cmd("SET", "a", "1"), cmd("EXPIRE", "a", "100"), cmd("SET", "b", "2"), cmd("EXPIRE", "b", "200"),
			cmd("RENAME", "a", "b"), cmd("TTL", "b"), cmd("SET", "c", "3"), cmd("RENAME", "c", "b"), cmd("TTL", "b")),
		commands("rename of an expired key",
			cmd("SET", "a", "1"), cmd("PEXPIREAT", "a", "1"), cmd("RENAME", "a", "b"),
			cmd("SET", "c", "1"), cmd("SET", "d", "1"), cmd("PEXPIRE", "d", "-1"), cmd("RENAMENX", "c", "d")),
		commands("randomkey",
			cmd("RANDOMKEY"), cmd("SET", "only", "1"), cmd("RANDOMKEY"), cmd("RANDOMKEY", "x"),
			cmd("EXPIRE", "only", "0"), cmd("RANDOMKEY")),
		commands("keys",
			cmd("KEYS", "*"), cmd("SET", "hello", "1"), cmd("KEYS", "*"), cmd("KEYS", "h*"), cmd("KEYS", "x*"),
			cmd("KEYS"), cmd("KEYS", "a", "b")),
		commands("scan on one key",
			cmd("SCAN", "0"), cmd("SET", "k", "v"), cmd("SCAN", "0"), cmd("SCAN", "0", "MATCH", "k*"),
			cmd("SCAN", "0", "MATCH", "x*"), cmd("SCAN", "0", "COUNT", "1000"), cmd("SCAN", "0", "type", "STRING"),
			cmd("SCAN", "0", "TYPE", "list"), cmd("SCAN", "0", "TYPE", "string\x00x"),
			cmd("SCAN", "0", "match", "*", "count", "5", "type", "string", "count", "7")),
		commands("scan errors",
			cmd("SCAN"), cmd("SCAN", "x"), cmd("SCAN", "0x10"), cmd("SCAN", " 5"), cmd("SCAN", "5 "),
			cmd("SCAN", "+"), cmd("SCAN", "-"), cmd("SCAN", "18446744073709551616"),
			cmd("SCAN", "-18446744073709551616"), cmd("SCAN", "x", "COUNT", "0"),
			cmd("SCAN", "0", "COUNT", "0"), cmd("SCAN", "0", "COUNT", "-1"), cmd("SCAN", "0", "COUNT", "x"),
			cmd("SCAN", "0", "COUNT", "99999999999999999999"), cmd("SCAN", "0", "COUNT", "1.5"),
			cmd("SCAN", "0", "COUNT"), cmd("SCAN", "0", "MATCH"), cmd("SCAN", "0", "TYPE"),
			cmd("SCAN", "0", "BAD", "x"), cmd("SCAN", "0", "COUNT", "-1", "MATCH"),
			cmd("SCAN", "0", "MATCH", "*", "x")),
		commands("scan cursors C would accept",
			cmd("SCAN", ""), cmd("SCAN", "-1"), cmd("SCAN", "+5"), cmd("SCAN", "5\x00x"), cmd("SCAN", "\x00"),
			cmd("SCAN", "-18446744073709551615"), cmd("SCAN", "18446744073709551615"), cmd("SCAN", "007"),
			cmd("SCAN", "0", "COUNT\x00x", "5")),

		commands("expire and ttl",
			cmd("TTL", "nokey"), cmd("PTTL", "nokey"), cmd("EXPIRETIME", "nokey"), cmd("PEXPIRETIME", "nokey"),
			cmd("SET", "k", "v"), cmd("TTL", "k"), cmd("PTTL", "k"), cmd("EXPIRETIME", "k"), cmd("PEXPIRETIME", "k"),
			cmd("EXPIRE", "nokey", "10"), cmd("PEXPIRE", "nokey", "10"), cmd("EXPIREAT", "nokey", "10"),
			cmd("PEXPIREAT", "nokey", "10"),
			cmd("EXPIRE", "k", "100"), cmd("TTL", "k"), cmd("PEXPIREAT", "k", "99999999999500"),
			cmd("EXPIRETIME", "k"), cmd("PEXPIRETIME", "k"), cmd("PEXPIREAT", "k", "99999999999499"),
			cmd("EXPIRETIME", "k"), cmd("EXPIREAT", "k", "99999999999"), cmd("PEXPIRETIME", "k"),
			cmd("TTL"), cmd("PTTL", "a", "b"), cmd("EXPIRETIME"), cmd("EXPIRE", "k"), cmd("PEXPIREAT")),
		commands("set drops the ttl",
			cmd("SET", "k", "v"), cmd("EXPIRE", "k", "100"), cmd("SET", "k", "w"), cmd("TTL", "k")),
		commands("persist",
			cmd("PERSIST", "nokey"), cmd("SET", "k", "v"), cmd("PERSIST", "k"), cmd("EXPIRE", "k", "100"),
			cmd("PERSIST", "k"), cmd("TTL", "k"), cmd("PERSIST", "k"), cmd("PERSIST"), cmd("PERSIST", "k", "x")),
		commands("times in the past delete the key",
			cmd("SET", "a", "1"), cmd("EXPIRE", "a", "0"), cmd("EXISTS", "a"),
			cmd("SET", "b", "1"), cmd("EXPIRE", "b", "-10"), cmd("GET", "b"),
			cmd("SET", "c", "1"), cmd("PEXPIRE", "c", "-9223372036854775808"), cmd("TTL", "c"),
			cmd("SET", "d", "1"), cmd("EXPIREAT", "d", "1"), cmd("TYPE", "d"),
			cmd("SET", "e", "1"), cmd("PEXPIREAT", "e", "0"), cmd("PEXPIREAT", "e", "0"),
			cmd("SET", "f", "1"), cmd("PEXPIREAT", "f", "-9223372036854775808"), cmd("DBSIZE"),
			cmd("SET", "g", "1"), cmd("EXPIRE", "g", "-1", "XX"), cmd("EXPIRE", "g", "-1", "LT"),
			cmd("EXPIRE", "g", "-1", "GT"), cmd("EXPIRE", "g", "-1", "NX"), cmd("EXISTS", "g")),
		commands("expire overflow",
			cmd("SET", "k", "v"),
			cmd("EXPIRE", "k", "9223372036854776"), cmd("EXPIRE", "k", "-9223372036854776"),
			cmd("EXPIRE", "k", "9223372036854775"), cmd("EXPIRETIME", "k"), cmd("PERSIST", "k"),
			cmd("EXPIRE", "k", "-9223372036854775"), cmd("SET", "k", "v"),
			cmd("PEXPIRE", "k", "9223372036854775807"), cmd("PEXPIRE", "k", "9223372036854775000"),
			cmd("EXPIREAT", "k", "9223372036854776"), cmd("EXPIREAT", "k", "9223372036854775"),
			cmd("PEXPIREAT", "k", "9223372036854775807"), cmd("EXPIRETIME", "k"), cmd("PEXPIRETIME", "k"),
			cmd("PEXPIREAT", "k", "9223372036854775499"), cmd("EXPIRETIME", "k"),
			cmd("EXPIRE", "nokey", "99999999999999999"), cmd("EXPIRE", "k", "99999999999999999999"),
			cmd("EXPIRE", "k", "1.5"), cmd("EXPIRE", "k", ""), cmd("EXPIRE", "k", " 1"), cmd("EXPIRE", "k", "+1"),
			cmd("EXPIRE", "k", "01")),
		// GT and LT compare absolute times, so a TTL equal to the one just
		// set is a millisecond race: every comparison here differs by a
		// second or more.
		commands("expire options",
			cmd("SET", "k", "v"),
			cmd("EXPIRE", "k", "100", "XX"), cmd("EXPIRE", "k", "100", "GT"), cmd("TTL", "k"),
			cmd("EXPIRE", "k", "100", "LT"), cmd("TTL", "k"),
			cmd("EXPIRE", "k", "200", "nx"), cmd("EXPIRE", "k", "300", "NX"), cmd("TTL", "k"),
			cmd("EXPIRE", "k", "300", "gt"), cmd("TTL", "k"), cmd("EXPIRE", "k", "299", "GT"),
			cmd("EXPIRE", "k", "250", "GT"), cmd("EXPIRE", "k", "400", "LT"),
			cmd("EXPIRE", "k", "250", "LT"), cmd("TTL", "k"), cmd("EXPIRE", "k", "251", "lt"),
			cmd("EXPIRE", "k", "500", "XX", "GT"), cmd("TTL", "k"), cmd("EXPIRE", "k", "100", "XX", "LT"),
			cmd("EXPIRE", "k", "101", "xx", "xx", "lt", "lt"), cmd("TTL", "k"), cmd("PERSIST", "k"),
			cmd("EXPIRE", "k", "100", "XX", "LT"), cmd("PEXPIREAT", "k", "99999999999000", "LT"),
			cmd("PEXPIRETIME", "k")),
		commands("expire option errors",
			cmd("SET", "k", "v"),
			cmd("EXPIRE", "k", "10", "NX", "XX"), cmd("EXPIRE", "k", "10", "NX", "GT"), cmd("EXPIRE", "k", "10", "LT", "NX"),
			cmd("EXPIRE", "k", "10", "GT", "LT"), cmd("PEXPIRE", "k", "10", "gt", "lt", "xx"),
			cmd("EXPIRE", "k", "10", "NX", "GT", "LT"), cmd("EXPIRE", "k", "10", "foo"),
			cmd("EXPIRE", "k", "10", "NX", "foo"), cmd("EXPIRE", "k", "10", "foo\x00bar"),
			cmd("EXPIRE", "k", "10", "nx\x00zz"), cmd("TTL", "k"), cmd("EXPIRE", "k", "10", ""),
			cmd("EXPIRE", "k", "x", "NX", "XX"), cmd("EXPIRE", "k", "x", "bad"), cmd("EXPIRE", "k", "x", "XX", "GT"),
			cmd("EXPIREAT", "k", "99999999999999999", "foo"), cmd("PEXPIREAT", "k", "x", "gt", "LT"),
			cmd("EXPIRE", "nokey", "10", "NX", "XX"), cmd("EXPIRE", "nokey", "x"),
			cmd("EXPIRE", "k", "10", "bad\r\nline"), cmd("TTL", "k")),
		{name: "inline expiry", send: "SET k v\r\nEXPIRE k 100 nx\r\nTTL k\r\nexpire k 10 gt lt\r\nPERSIST k\r\n"},
	}
	cases = append(cases, globDiffCases()...)
	runDiff(t, cases)
}

// globDiffCases ask KEYS, with one key in the database, whether a pattern
// matches it: the quirks of Redis's stringmatchlen, checked against Redis.
func globDiffCases() []diffCase {
	pairs := []struct{ key, pattern string }{
		{"hello", "h?llo"}, {"hello", "h*"}, {"hello", "*o"}, {"hello", "*l*"}, {"hello", "h*l*o"},
		{"hello", "hel"}, {"hello", "hello*"}, {"hello", "hello**"}, {"hello", "?????"}, {"hello", "??????"},
		{"hello", "h[ae]llo"}, {"hallo", "h[ae]llo"}, {"hillo", "h[ae]llo"}, {"hillo", "h[^e]llo"},
		{"hello", "h[^e]llo"}, {"hbllo", "h[a-c]llo"}, {"hbllo", "h[c-a]llo"}, {"hdllo", "h[a-c]llo"},
		{"h-llo", "h[a-]llo"}, {"h]llo", "h[a-]llo"}, {"h]llo", "h[a-]llo]"}, {"h-llo", "h[-a]llo"},
		{"h*llo", "h\\*llo"}, {"hxllo", "h\\*llo"}, {"h\\llo", "h\\\\llo"}, {"h]llo", "h[\\]]llo"},
		{"h^llo", "h[\\^]llo"}, {"h^llo", "h[x^]llo"}, {"hello", "h[^]llo"}, {"h]llo", "h[]]llo"},
		{"hello", "h[e"}, {"he", "h[e"}, {"hx", "h[^"}, {"h", "h["}, {"h[", "h["}, {"h\\", "h\\"},
		{"hello", "h\\"}, {"", "*"}, {"", "**"}, {"", ""}, {"a", ""}, {"", "?"}, {"x", "[\\"},
		{"\\", "[\\"}, {"é", "?"}, {"é", "??"}, {"\xe9", "[a-\xff]"}, {"b", "[a-\xff]"}, {"\xe9", "[\x80-\xff]"},
		{"b", "[\x80-\xff]"}, {"\x00", "[\x00-a]"}, {"a\x00b", "a?b"}, {"aXb", "a[^\x00]b"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "*a*a*a*a*a*a*a*a*a*a*a*b"},
		{"abcab", "*ab"}, {"abcabd", "*ab*d"}, {"mississippi", "m*iss*ppi"}, {"mississippi", "m*iss*ppx"},
		{"k:1:x", "k:*:x"}, {"k:1:y", "k:*:x"}, {"[x]", "\\[x\\]"}, {"a-b", "a[b-]b"},
		// Redis gives up on a match deeper than 1000 stars; a trailing star does not count.
		{strings.Repeat("a", 1001), strings.Repeat("*?", 1000)}, {strings.Repeat("a", 1001), strings.Repeat("*?", 1001)},
		{strings.Repeat("a", 1001), strings.Repeat("*?", 1000) + "*"}, {strings.Repeat("a", 1000), strings.Repeat("*?", 1000) + "*"},
		{strings.Repeat("a", 2000), strings.Repeat("?*", 1000) + "?"}, {strings.Repeat("a", 2000), strings.Repeat("*?", 1000) + "*a"},
		{strings.Repeat("a", 3), strings.Repeat("*", 5000) + "a"}, {"ab", strings.Repeat("*?", 2000)},
	}
	var cases []diffCase
	for i, p := range pairs {
		cases = append(cases, commands(fmt.Sprintf("glob %d %q %q", i, p.key, p.pattern),
			cmd("SET", p.key, "v"), cmd("KEYS", p.pattern), cmd("SCAN", "0", "MATCH", p.pattern)))
	}
	return cases
}
