// Package cmdline holds what every chapter's main does with its command
// line beyond flag.Parse: refuse arguments it does not take, and reject a
// bad flag value with a message that names the flag. Both exit with status
// 2 after the usage, as the flag package does for a flag it cannot parse.
package cmdline

import (
	"flag"
	"fmt"
	"os"
)

// Parse parses the flags, then refuses any argument left over. A chapter
// takes flags only, and `go run ./06-redis-commands 6380` must not quietly
// listen on the default port instead of 6380.
func Parse() {
	flag.Parse()
	if flag.NArg() > 0 {
		Fail("unexpected argument %q: this command takes flags only (for example -addr 127.0.0.1:6380)", flag.Arg(0))
	}
}

// Require rejects the value of the flag called name unless ok; rule says
// what a good value is, for example "must be 1 to 500".
func Require(ok bool, name, rule string) {
	if ok {
		return
	}
	value := "?"
	if f := flag.Lookup(name); f != nil {
		value = f.Value.String()
	}
	Fail("invalid value %q for flag -%s: %s", value, name, rule)
}

// Fail prints the message and the usage to standard error and exits with
// status 2.
func Fail(format string, args ...any) {
	fmt.Fprintf(flag.CommandLine.Output(), format+"\n", args...)
	flag.Usage()
	os.Exit(2)
}
