//go:build !linux

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "lt-vs-et needs Linux's epoll: run it in a Linux VM, a container, or WSL2 on Windows")
	os.Exit(1)
}
