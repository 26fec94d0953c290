//go:build !linux

package main

// anonHugePagesBytes is 0 where there are no transparent huge pages to
// count (they are Linux's; see thp_linux.go).
func anonHugePagesBytes() int64 { return 0 }
