package main

import "testing"

// BenchmarkIncr measures one Incr of each store, with no socket in the
// way: "alone" is one goroutine calling it in a loop; "contended" is
// b.RunParallel's GOMAXPROCS goroutines all incrementing the same key, the
// case where the fixes differ most.
//
//	go test -run '^$' -bench Incr -benchmem -count 5 ./04-mutex-fix/
func BenchmarkIncr(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name+"/alone", func(b *testing.B) {
			state := m.open()
			defer state.Close()
			for i := 0; i < b.N; i++ {
				state.Incr("counter")
			}
		})
		b.Run(m.name+"/contended", func(b *testing.B) {
			state := m.open()
			defer state.Close()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					state.Incr("counter")
				}
			})
		})
	}
}
