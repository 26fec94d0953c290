//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"math/rand"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The string commands, compared byte for byte with real Redis: every
// command, every option, every error. Replies that carry a TTL are checked
// in t_string_test.go instead, since they depend on the clock.
func TestSameAsRedisString(t *testing.T) {
	var cases []diffCase
	cases = append(cases, stringArityCases()...)
	cases = append(cases, setDiffCases()...)
	cases = append(cases, getFamilyDiffCases()...)
	cases = append(cases, multiKeyDiffCases()...)
	cases = append(cases, rangeDiffCases()...)
	cases = append(cases, counterDiffCases()...)
	runDiff(t, cases)
}

// INCRBYFLOAT's digits, compared with real Redis. Redis computes in C's
// long double, which our emulation copies as it is on x86: the x87's
// 80-bit format. arm64's long double is IEEE quad (128-bit), so Redis
// built there prints other digits for inexact sums such as 0.1+0.2.
func TestSameAsRedisIncrByFloat(t *testing.T) {
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "386" {
		t.Skipf("Redis's long double is 80-bit x87 only on amd64 and 386; on %s it has other precision, so its INCRBYFLOAT digits differ", runtime.GOARCH)
	}
	runDiff(t, floatDiffCases())
}

func stringArityCases() []diffCase {
	return []diffCase{
		commands("arity",
			cmd("GET"), cmd("GET", "a", "b"), cmd("SET", "k"), cmd("SETNX", "k"), cmd("SETNX", "k", "v", "x"),
			cmd("SETEX", "k", "10"), cmd("PSETEX", "k", "10", "v", "x"), cmd("GETSET", "k"), cmd("GETDEL"),
			cmd("GETDEL", "a", "b"), cmd("GETEX"), cmd("MGET"), cmd("MSET", "k"), cmd("MSETNX", "k"),
			cmd("APPEND", "k"), cmd("STRLEN"), cmd("STRLEN", "a", "b"), cmd("INCR"), cmd("INCR", "a", "b"),
			cmd("DECR"), cmd("INCRBY", "k"), cmd("DECRBY", "k", "1", "2"), cmd("INCRBYFLOAT", "k"),
			cmd("GETRANGE", "k", "0"), cmd("SUBSTR", "k", "0"), cmd("SETRANGE", "k", "0"),
			cmd("GetRange", "k", "0", "1", "2")),
		commands("mset odd arguments",
			cmd("MSET", "a", "1", "b"), cmd("MSETNX", "a", "1", "b"), cmd("MSET", "a", "1", "b", "2", "c"),
			cmd("MGET", "a", "b")),
		{name: "inline", send: "set k hello\r\nget k\r\nappend k \" world\"\r\nstrlen k\r\nincr n\r\nincrbyfloat n 0.5\r\n"},
	}
}

func setDiffCases() []diffCase {
	return []diffCase{
		commands("set plain", cmd("SET", "k", "v"), cmd("GET", "k"), cmd("SET", "k", ""), cmd("GET", "k"),
			cmd("SET", "k", "a longer value than before"), cmd("GET", "k"), cmd("SET", "k", "x"), cmd("GET", "k")),
		commands("set binary", cmd("SET", "k\x00\r\n", "v\x00\xff\r\n"), cmd("GET", "k\x00\r\n"), cmd("GET", "k")),
		commands("set nx xx",
			cmd("SET", "k", "1", "XX"), cmd("GET", "k"), cmd("SET", "k", "1", "NX"), cmd("SET", "k", "2", "nx"),
			cmd("GET", "k"), cmd("SET", "k", "3", "xx"), cmd("GET", "k"), cmd("SET", "k", "4", "Nx", "nX"),
			cmd("SET", "k", "5", "XX", "xx"), cmd("GET", "k")),
		commands("set option conflicts",
			cmd("SET", "k", "v", "NX", "XX"), cmd("SET", "k", "v", "XX", "NX"),
			cmd("SET", "k", "v", "EX", "10", "PX", "10"), cmd("SET", "k", "v", "PX", "10", "EX", "10"),
			cmd("SET", "k", "v", "EX", "10", "EXAT", "10"), cmd("SET", "k", "v", "PXAT", "10", "EX", "10"),
			cmd("SET", "k", "v", "EXAT", "10", "PXAT", "10"), cmd("SET", "k", "v", "KEEPTTL", "EX", "10"),
			cmd("SET", "k", "v", "EX", "10", "KEEPTTL"), cmd("SET", "k", "v", "PXAT", "10", "keepttl"),
			cmd("SET", "k", "v", "PERSIST"), cmd("SET", "k", "v", "EX"), cmd("SET", "k", "v", "NX", "PX"),
			cmd("SET", "k", "v", "FOO"), cmd("SET", "k", "v", "NX", "FOO"), cmd("SET", "k", "v", ""),
			cmd("SET", "k", "v", "n"), cmd("SET", "k", "v", "nxx"), cmd("SET", "k", "v", "EX", "abc", "FOO"),
			cmd("SET", "k", "v", "EX", "0", "NX", "XX"), cmd("GET", "k")),
		commands("set repeated options",
			cmd("SET", "k", "v", "EX", "10", "EX", "20"), cmd("SET", "k", "v", "PX", "10000", "px", "20000"),
			cmd("SET", "k", "v", "KEEPTTL", "KEEPTTL"), cmd("SET", "k", "w", "GET", "GET"),
			cmd("SET", "k", "x", "NX", "NX"), cmd("SET", "k", "y", "XX", "XX", "GET"), cmd("GET", "k")),
		commands("set expire times",
			cmd("SET", "k", "v", "EX", "0"), cmd("SET", "k", "v", "EX", "-1"), cmd("SET", "k", "v", "PX", "0"),
			cmd("SET", "k", "v", "PX", "-5"), cmd("SET", "k", "v", "EXAT", "0"), cmd("SET", "k", "v", "PXAT", "-1"),
			cmd("SET", "k", "v", "EX", "abc"), cmd("SET", "k", "v", "EX", "1.5"), cmd("SET", "k", "v", "EX", " 10"),
			cmd("SET", "k", "v", "EX", "010"), cmd("SET", "k", "v", "EX", "+10"), cmd("SET", "k", "v", "EX", ""),
			cmd("SET", "k", "v", "EX", "9223372036854775808"), cmd("SET", "k", "v", "EX", "9223372036854775807"),
			cmd("SET", "k", "v", "EX", "9223372036854775"), cmd("SET", "k", "v", "EX", "9223372036854774"),
			cmd("SET", "k", "v", "EX", "9223372036854776"), cmd("SET", "k", "v", "PX", "9223372036854775807"),
			cmd("SET", "k", "v", "EXAT", "9223372036854776"), cmd("GET", "k"),
			cmd("SET", "k", "v", "EXAT", "9223372036854775"), cmd("SET", "k", "v", "PXAT", "9223372036854775807"),
			cmd("SET", "k", "v", "ex", "100"), cmd("SET", "k", "v", "Px", "100000"), cmd("GET", "k")),
		commands("set past absolute time expires",
			cmd("SET", "k", "v", "PXAT", "1"), cmd("GET", "k"), cmd("SET", "k", "v"),
			cmd("SET", "k", "w", "EXAT", "1", "GET"), cmd("GET", "k"), cmd("SET", "k", "v", "EXAT", "1", "XX"),
			cmd("GET", "k"), cmd("SET", "k", "v", "PXAT", "1", "NX", "GET"), cmd("GET", "k")),
		commands("set get",
			cmd("SET", "k", "v", "GET"), cmd("SET", "k", "w", "GET"), cmd("SET", "k", "x", "XX", "GET"),
			cmd("SET", "k", "y", "NX", "GET"), cmd("GET", "k"), cmd("SET", "n", "v", "XX", "GET"), cmd("GET", "n"),
			cmd("SET", "n", "v", "NX", "GET"), cmd("GET", "n"), cmd("SET", "k", "v", "EX", "0", "GET"),
			cmd("SET", "k", "z", "GET", "EX", "100"), cmd("GET", "k")),
		{name: "set option ends at NUL", send: resp("SET", "k", "v", "nx\x00junk") + resp("SET", "k", "w", "XX\x00") +
			resp("SET", "k", "x", "KEEPTTL\x00a") + resp("SET", "k", "y", "get\x00") + resp("SET", "k", "z", "ex\x00", "10") +
			resp("SET", "k", "v", "\x00nx") + resp("SET", "k", "v", "PX", "10\x00") + resp("GET", "k")},
		// Absolute times make TTLs deterministic: PEXPIRETIME shows exactly
		// which commands set, keep or drop them.
		commands("set absolute ttl kept or dropped",
			cmd("SET", "k", "v", "EXAT", "4000000000"), cmd("PEXPIRETIME", "k"),
			cmd("SET", "k", "v", "PXAT", "4000000000123"), cmd("PEXPIRETIME", "k"),
			cmd("SET", "k", "w", "KEEPTTL"), cmd("PEXPIRETIME", "k"), cmd("SET", "k", "w", "NX", "EXAT", "5000000000"),
			cmd("PEXPIRETIME", "k"), cmd("SET", "k", "x", "XX", "GET", "PXAT", "4100000000000"), cmd("PEXPIRETIME", "k"),
			cmd("SET", "k", "y"), cmd("PEXPIRETIME", "k"), cmd("SET", "k", "z", "KEEPTTL"), cmd("PEXPIRETIME", "k"),
			cmd("SET", "k", "v", "EXAT", "4000000000"), cmd("GETSET", "k", "w"), cmd("PEXPIRETIME", "k"),
			cmd("SET", "k", "v", "EXAT", "4000000000"), cmd("MSET", "k", "w"), cmd("PEXPIRETIME", "k"),
			cmd("SET", "k", "1", "EXAT", "4000000000"), cmd("INCR", "k"), cmd("INCRBYFLOAT", "k", "1.5"),
			cmd("APPEND", "k", "0"), cmd("SETRANGE", "k", "0", "9"), cmd("PEXPIRETIME", "k"), cmd("GET", "k"),
			cmd("GETEX", "k", "PXAT", "4000000000999"), cmd("PEXPIRETIME", "k"), cmd("GETEX", "k"), cmd("PEXPIRETIME", "k"),
			cmd("GETEX", "k", "EXAT", "4000000001"), cmd("PEXPIRETIME", "k"), cmd("GETEX", "k", "PERSIST"),
			cmd("PEXPIRETIME", "k"), cmd("GETEX", "k", "PERSIST"), cmd("PEXPIRETIME", "k"),
			cmd("MSETNX", "k", "1", "j", "2"), cmd("PEXPIRETIME", "k")),
		commands("setnx", cmd("SETNX", "k", "1"), cmd("SETNX", "k", "2"), cmd("GET", "k"), cmd("SETNX", "e", "")),
		commands("setex psetex",
			cmd("SETEX", "k", "100", "v"), cmd("GET", "k"), cmd("PSETEX", "k", "100000", "w"), cmd("GET", "k"),
			cmd("SETEX", "k", "0", "v"), cmd("SETEX", "k", "-1", "v"), cmd("SETEX", "k", "x", "v"),
			cmd("SETEX", "k", "9223372036854775", "v"), cmd("SETEX", "k", "9223372036854775807", "v"),
			cmd("PSETEX", "k", "0", "v"), cmd("PSETEX", "k", "-100", "v"), cmd("PSETEX", "k", "1.5", "v"),
			cmd("PSETEX", "k", "9223372036854775807", "v"), cmd("GET", "k"), cmd("setex", "k", "10", "x", "y")),
	}
}

func getFamilyDiffCases() []diffCase {
	return []diffCase{
		commands("getset", cmd("GETSET", "k", "1"), cmd("GETSET", "k", "2"), cmd("GET", "k"),
			cmd("SET", "k", "v", "EX", "100"), cmd("GETSET", "k", "3"), cmd("GET", "k")),
		commands("getdel", cmd("GETDEL", "k"), cmd("SET", "k", "v"), cmd("GETDEL", "k"), cmd("GETDEL", "k"),
			cmd("GET", "k"), cmd("SET", "k", "v", "PXAT", "1"), cmd("GETDEL", "k")),
		commands("getex plain", cmd("GETEX", "k"), cmd("SET", "k", "v"), cmd("GETEX", "k"),
			cmd("GETEX", "k", "EX", "100"), cmd("GETEX", "k", "px", "100000"), cmd("GETEX", "k", "EXAT", "9999999999"),
			cmd("GETEX", "k", "PXAT", "9999999999999"), cmd("GETEX", "k", "PERSIST"), cmd("GETEX", "k", "persist", "PERSIST"),
			cmd("GETEX", "k", "EX", "10", "EX", "20"), cmd("GET", "k")),
		commands("getex errors",
			cmd("SET", "k", "v"), cmd("GETEX", "k", "NX"), cmd("GETEX", "k", "XX"), cmd("GETEX", "k", "GET"),
			cmd("GETEX", "k", "KEEPTTL"), cmd("GETEX", "k", "FOO"), cmd("GETEX", "k", "EX"),
			cmd("GETEX", "k", "EX", "10", "PX", "10"), cmd("GETEX", "k", "PERSIST", "EX", "10"),
			cmd("GETEX", "k", "EX", "10", "PERSIST"), cmd("GETEX", "k", "EX", "0"), cmd("GETEX", "k", "PX", "-1"),
			cmd("GETEX", "k", "EXAT", "0"), cmd("GETEX", "k", "EX", "abc"), cmd("GETEX", "k", "EX", "9223372036854775"),
			cmd("GETEX", "nokey", "EX", "0"), cmd("GETEX", "nokey", "EX", "abc"), cmd("GETEX", "nokey", "FOO"),
			cmd("GETEX", "nokey", "EX"), cmd("GET", "k")),
		commands("getex past absolute time deletes",
			cmd("SET", "k", "v"), cmd("GETEX", "k", "EXAT", "1"), cmd("GET", "k"), cmd("DBSIZE"),
			cmd("SET", "k", "v"), cmd("GETEX", "k", "PXAT", "1"), cmd("GETEX", "k"), cmd("DBSIZE")),
	}
}

func multiKeyDiffCases() []diffCase {
	return []diffCase{
		commands("mget", cmd("MGET", "a"), cmd("SET", "a", "1"), cmd("SET", "c", ""), cmd("MGET", "a", "b", "c", "a"),
			cmd("SET", "d", "v", "PXAT", "1"), cmd("MGET", "d", "a")),
		commands("mset", cmd("MSET", "a", "1", "b", "2"), cmd("MGET", "a", "b"), cmd("MSET", "a", "3", "a", "4"),
			cmd("GET", "a"), cmd("SET", "t", "v", "EX", "100"), cmd("MSET", "t", "w"), cmd("GET", "t")),
		commands("msetnx", cmd("MSETNX", "a", "1", "b", "2"), cmd("MSETNX", "b", "3", "c", "4"), cmd("MGET", "a", "b", "c"),
			cmd("MSETNX", "c", "5", "d", "6", "c", "7"), cmd("MGET", "c", "d"), cmd("MSETNX", "a", "x")),
		commands("msetnx expired key counts as missing", cmd("SET", "a", "v", "PXAT", "1"),
			cmd("MSETNX", "a", "1", "b", "2"), cmd("MGET", "a", "b")),
		commands("append", cmd("APPEND", "k", "hello"), cmd("APPEND", "k", " world"), cmd("GET", "k"),
			cmd("APPEND", "k", ""), cmd("APPEND", "e", ""), cmd("STRLEN", "e"), cmd("MGET", "e"),
			cmd("SET", "n", "12"), cmd("APPEND", "n", "3"), cmd("INCR", "n"), cmd("APPEND", "b", "\x00\xff"),
			cmd("GET", "b")),
		commands("strlen", cmd("STRLEN", "k"), cmd("SET", "k", "hello"), cmd("STRLEN", "k"), cmd("SET", "n", "-123"),
			cmd("STRLEN", "n"), cmd("SET", "e", ""), cmd("STRLEN", "e")),
	}
}

func rangeDiffCases() []diffCase {
	ranges := [][2]string{
		{"0", "-1"}, {"0", "0"}, {"1", "3"}, {"-3", "-1"}, {"-1", "-3"}, {"-2", "-3"}, {"-3", "-2"}, {"0", "-100"},
		{"-100", "-100"}, {"-100", "100"}, {"5", "10"}, {"9", "10"}, {"10", "100"}, {"3", "2"}, {"4", "4"},
		{"-9223372036854775808", "9223372036854775807"}, {"9223372036854775807", "-9223372036854775808"},
		{"-9223372036854775808", "-9223372036854775808"}, {"-1", "9223372036854775807"}, {"0", "-11"}, {"-11", "-10"},
	}
	getrange := []string{"SET", "k", "0123456789"}
	cmds := [][]string{getrange}
	for _, r := range ranges {
		cmds = append(cmds, cmd("GETRANGE", "k", r[0], r[1]))
	}
	return []diffCase{
		commands("getrange", cmds...),
		commands("getrange edge", cmd("GETRANGE", "nokey", "0", "-1"), cmd("GETRANGE", "nokey", "a", "0"),
			cmd("SET", "e", ""), cmd("GETRANGE", "e", "0", "-1"), cmd("GETRANGE", "e", "0", "0"),
			cmd("GETRANGE", "e", "-1", "-1"), cmd("SET", "n", "12345"), cmd("GETRANGE", "n", "1", "2"),
			cmd("GETRANGE", "n", "a", "0"), cmd("GETRANGE", "n", "0", "b"), cmd("GETRANGE", "n", "0", "1.0"),
			cmd("GETRANGE", "n", "9223372036854775808", "0"), cmd("SUBSTR", "n", "0", "2"), cmd("substr", "n", "-2", "-1")),
		commands("setrange",
			cmd("SETRANGE", "k", "0", "hello"), cmd("SETRANGE", "k", "6", "world"), cmd("GET", "k"),
			cmd("SETRANGE", "k", "1", "EL"), cmd("GET", "k"), cmd("SETRANGE", "k", "0", ""), cmd("SETRANGE", "n", "3", "x"),
			cmd("GET", "n"), cmd("SETRANGE", "m", "0", ""), cmd("SETRANGE", "m", "100", ""), cmd("GET", "m"),
			cmd("SET", "num", "123"), cmd("SETRANGE", "num", "1", "9"), cmd("INCR", "num")),
		commands("setrange grows over old memory",
			cmd("SET", "k", "abcdefghijklmnopqrstuvwxyz"), cmd("SET", "k", "abcdefghijklm"),
			cmd("SETRANGE", "k", "20", "Z"), cmd("GET", "k"), cmd("SET", "k", "ab"), cmd("SETRANGE", "k", "5", "c"),
			cmd("GET", "k")),
		commands("setrange errors",
			cmd("SETRANGE", "k", "-1", "x"), cmd("SETRANGE", "k", "-1", ""), cmd("SETRANGE", "k", "a", "x"),
			cmd("SETRANGE", "k", "9223372036854775808", "x"), cmd("SETRANGE", "k", "536870912", "x"),
			cmd("SETRANGE", "k", "536870911", "xy"), cmd("SETRANGE", "k", "9223372036854775807", "x"),
			cmd("SETRANGE", "k", "536870912", ""), cmd("SETRANGE", "k", "9223372036854775807", ""),
			cmd("SET", "k", "v"), cmd("SETRANGE", "k", "536870912", ""), cmd("SETRANGE", "k", "536870912", "x"),
			cmd("SETRANGE", "k", "-1", ""), cmd("SETRANGE", "k", "9223372036854775806", "xy"), cmd("GET", "k"),
			cmd("SETRANGE", "k", "01", "x"), cmd("SETRANGE", "k", "1 ", "x")),
	}
}

func counterDiffCases() []diffCase {
	return []diffCase{
		commands("incr decr", cmd("INCR", "k"), cmd("INCR", "k"), cmd("DECR", "k"), cmd("DECR", "k"), cmd("DECR", "k"),
			cmd("GET", "k"), cmd("INCRBY", "k", "100"), cmd("DECRBY", "k", "-50"), cmd("INCRBY", "k", "-1000"),
			cmd("DECRBY", "k", "7"), cmd("GET", "k"), cmd("DECR", "new"), cmd("INCRBY", "new2", "0"), cmd("GET", "new2")),
		commands("counter values that are not integers",
			cmd("SET", "k", "0123"), cmd("INCR", "k"), cmd("SET", "k", "-0"), cmd("INCR", "k"), cmd("SET", "k", "+1"),
			cmd("INCR", "k"), cmd("SET", "k", " 1"), cmd("DECR", "k"), cmd("SET", "k", "1 "), cmd("INCRBY", "k", "1"),
			cmd("SET", "k", "1.0"), cmd("INCR", "k"), cmd("SET", "k", ""), cmd("INCR", "k"), cmd("SET", "k", "abc"),
			cmd("DECRBY", "k", "1"), cmd("SET", "k", "9223372036854775808"), cmd("INCR", "k"),
			cmd("SET", "k", "1e3"), cmd("INCR", "k"), cmd("GET", "k")),
		{name: "counter with NUL", send: resp("SET", "k", "1\x002") + resp("INCR", "k") + resp("INCRBY", "n", "1\x00")},
		commands("increment argument errors",
			cmd("INCRBY", "k", "x"), cmd("INCRBY", "k", ""), cmd("INCRBY", "k", "1.5"), cmd("INCRBY", "k", "00"),
			cmd("DECRBY", "k", "-0"), cmd("INCRBY", "k", "9223372036854775808"), cmd("DECRBY", "k", "-9223372036854775809"),
			cmd("SET", "s", "abc"), cmd("INCRBY", "s", "x"), cmd("GET", "k")),
		commands("counter overflow",
			cmd("SET", "k", "9223372036854775807"), cmd("INCR", "k"), cmd("INCRBY", "k", "1"), cmd("INCRBY", "k", "0"),
			cmd("INCRBY", "k", "-9223372036854775807"), cmd("DECRBY", "k", "1"), cmd("DECR", "k"),
			cmd("SET", "k", "-9223372036854775808"), cmd("DECR", "k"), cmd("DECRBY", "k", "1"), cmd("INCRBY", "k", "-1"),
			cmd("INCR", "k"), cmd("SET", "k", "-9223372036854775807"), cmd("DECR", "k"), cmd("DECR", "k"),
			cmd("INCRBY", "z", "-9223372036854775808"), cmd("DECRBY", "z2", "-9223372036854775808"),
			cmd("DECRBY", "z3", "9223372036854775807"), cmd("DECR", "z3"), cmd("DECR", "z3"),
			cmd("SET", "k", "1"), cmd("INCRBY", "k", "9223372036854775807"), cmd("GET", "k")),
		commands("counter as string", cmd("INCR", "k"), cmd("APPEND", "k", "0"), cmd("GET", "k"), cmd("STRLEN", "k"),
			cmd("GETRANGE", "k", "0", "0"), cmd("INCRBYFLOAT", "k", "0.5"), cmd("INCR", "k")),
	}
}

func floatDiffCases() []diffCase {
	increments := []string{
		"10.5", "3.0e3", "0.1", "-0.1", "1e17", "1e18", "1e19", "1e20", "1.5e308", "1e4000", "1e4932",
		"1.2e4932", "1e5000", "1e-4950", "1e-4951", "4e-4951", "1e-5000", "0e99999", "inf", "-inf", "INF",
		"Infinity", "-infinity", "infinit", "nan", "NaN", "-nan", "nan(1)", "+1.5", ".5", "5.", "1e", "1e+",
		"0x10", "0x1p-2", "0x", "0x.8", "0X1.8p1", "0x1p", " 1", "1 ", "1e+2", "1E-2", "-0", "-0.0", "+-1",
		".", "-", "", "abc", "1..2", "1,5", "1_0", "0.000003814697265625", "0.000003814697265615", "1e-17",
		"5e-18", "6e-18", "-5e-18", "-6e-18", "17179869184.5", "0x1.fffffffffffffffep16383",
		"0x1.ffffffffffffffffp16383", "0x1p-16445", "0x1p-16446", "9223372036854775807",
		"18446744073709551617", "3.3333333333333333333333333", "1/3", "0.30000000000000001", "00000001",
		"1e999999999999999999999", "1e-999999999999999999999",
		strings.Repeat("0", 5118) + "1", strings.Repeat("0", 5119) + "1",
	}
	var cases []diffCase
	for _, inc := range increments {
		cases = append(cases, commands("incrbyfloat "+shorten(inc), cmd("INCRBYFLOAT", "k", inc), cmd("GET", "k")))
	}
	return append(cases,
		commands("incrbyfloat sums", cmd("INCRBYFLOAT", "k", "10.5"), cmd("INCRBYFLOAT", "k", "0.1"),
			cmd("INCRBYFLOAT", "k", "-5.0e3"), cmd("INCRBYFLOAT", "k", "1e-17"), cmd("SET", "t", "1"),
			cmd("INCRBYFLOAT", "t", "1"), cmd("SET", "t", "0.1"), cmd("INCRBYFLOAT", "t", "0.2"),
			cmd("SET", "t", "1"), cmd("INCRBYFLOAT", "t", "-3"), cmd("INCRBYFLOAT", "t", "2"),
			cmd("SET", "t", "1e4932"), cmd("INCRBYFLOAT", "t", "1e4932"), cmd("INCRBYFLOAT", "t", "-1e4932"),
			cmd("SET", "t", "5.0"), cmd("INCRBYFLOAT", "t", "0"), cmd("SET", "t", "0x10"), cmd("INCRBYFLOAT", "t", "1")),
		commands("incrbyfloat thirds", cmd("SET", "k", "1"), cmd("INCRBYFLOAT", "k", "0.3333333333333333333"),
			cmd("INCRBYFLOAT", "k", "0.3333333333333333333"), cmd("INCRBYFLOAT", "k", "0.3333333333333333333"),
			cmd("SET", "k", "-0.6666666666666666666"), cmd("INCRBYFLOAT", "k", "1e10")),
		commands("incrbyfloat bad values", cmd("SET", "k", "abc"), cmd("INCRBYFLOAT", "k", "1"), cmd("INCRBYFLOAT", "k", "x"),
			cmd("SET", "k", "inf"), cmd("INCRBYFLOAT", "k", "1"), cmd("SET", "k", "nan"), cmd("INCRBYFLOAT", "k", "1"),
			cmd("SET", "k", "1e5000"), cmd("INCRBYFLOAT", "k", "1"), cmd("SET", "k", "inf"), cmd("INCRBYFLOAT", "k", "-inf"),
			cmd("SET", "k", " 1"), cmd("INCRBYFLOAT", "k", "1"), cmd("SET", "k", ""), cmd("INCRBYFLOAT", "k", "1"),
			cmd("GET", "k")),
		randomFloatSums(400),
		diffCase{name: "incrbyfloat with NUL", send: resp("INCRBYFLOAT", "k", "1\x00") + resp("SET", "k", "1\x005") +
			resp("INCRBYFLOAT", "k", "1") + resp("GET", "k")},
	)
}

// randomFloatSums adds n pairs of numbers of many shapes (decimal,
// scientific, hexadecimal, huge, tiny, many digits), the same pairs every
// run, so that long double rounding is compared far beyond the hand-picked
// cases.
func randomFloatSums(n int) diffCase {
	rng := rand.New(rand.NewSource(6))
	number := func() string {
		switch rng.Intn(8) {
		case 0:
			return strconv.FormatFloat(rng.NormFloat64()*1e6, 'g', -1, 64)
		case 1:
			return strconv.FormatFloat(rng.Float64(), 'f', rng.Intn(30), 64)
		case 2:
			return fmt.Sprintf("%de%d", rng.Int63n(1e18)-5e17, rng.Intn(9900)-4950)
		case 3:
			return fmt.Sprintf("0x%xp%d", rng.Uint64(), rng.Intn(33000)-16500)
		case 4:
			return strconv.FormatInt(rng.Int63()-rng.Int63(), 10)
		case 5:
			return fmt.Sprintf("%d.%d", rng.Intn(1000), rng.Int63())
		case 6:
			return fmt.Sprintf("0x%x.%xp%d", rng.Intn(100), rng.Uint64(), rng.Intn(200)-100)
		default:
			return fmt.Sprintf("%de%d", rng.Int63n(1e18), rng.Intn(40)-20)
		}
	}
	var cmds [][]string
	for range n {
		cmds = append(cmds, cmd("SET", "k", number()), cmd("INCRBYFLOAT", "k", number()))
	}
	return commands("incrbyfloat random sums", cmds...)
}

// shorten keeps long generated arguments out of subtest names.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:20] + "..." + s[len(s)-10:]
	}
	return s
}
