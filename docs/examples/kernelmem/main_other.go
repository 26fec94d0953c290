//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "kernelmem reads Linux's /proc/net/sockstat and /proc/slabinfo: run it on Linux")
	os.Exit(1)
}
