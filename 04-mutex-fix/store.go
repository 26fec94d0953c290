package main

import (
	"fmt"
	"strings"

	"onethread/internal/wire"
)

// counters is what the server needs from a store, plus a way to release
// it once the last client is gone.
type counters interface {
	wire.Counters
	Close()
}

// modes are the three fixes for chapter 03's race, in the order the
// lesson takes them; the first is the default.
var modes = []struct {
	name, describe string
	open           func() counters
}{
	{"mutex", "sync.Mutex around a map", func() counters { return newMutexStore() }},
	{"atomic", "sync.Map of atomic.Int64", func() counters { return &atomicStore{} }},
	{"owner", "one goroutine owns the map", func() counters { return newOwnerStore() }},
}

// openStore returns the store of the mode named by -sync.
func openStore(mode string) (counters, string, error) {
	var names []string
	for _, m := range modes {
		if m.name == mode {
			return m.open(), m.describe, nil
		}
		names = append(names, m.name)
	}
	return nil, "", fmt.Errorf("invalid value %q for flag -sync: choose one of %s", mode, strings.Join(names, ", "))
}
