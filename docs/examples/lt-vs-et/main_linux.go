package main

import (
	"fmt"
	"os"
)

func main() {
	if err := printTable(); err != nil {
		fmt.Fprintln(os.Stderr, "lt-vs-et:", err)
		os.Exit(1)
	}
}
