package main

// The COMMAND DOCS and COMMAND INFO rows of the commands of blocked.go,
// made with tools/commanddocs against redis-server 7.0.15, as the others.
func init() {
	for name, doc := range map[string]commandDoc{
		"blpop":      {"list", "2.0.0", "Remove and get the first element in a list, or block until one is available", "O(N) where N is the number of provided keys.", "@list", "", "RW,access,delete 1 -2 1 0", "key:key#0* timeout:double"},
		"brpop":      {"list", "2.0.0", "Remove and get the last element in a list, or block until one is available", "O(N) where N is the number of provided keys.", "@list", "", "RW,access,delete 1 -2 1 0", "key:key#0* timeout:double"},
		"blmove":     {"list", "6.2.0", "Pop an element from a list, push it to another list and return it; or block until one is available", "O(1)", "@list", "", "RW,access,delete 1 0 1 0; RW,insert 2 0 1 0", "source:key#0 destination:key#1 wherefrom:oneof(left:pure-token=LEFT right:pure-token=RIGHT) whereto:oneof(left:pure-token=LEFT right:pure-token=RIGHT) timeout:double"},
		"brpoplpush": {"list", "2.2.0", "Pop an element from a list, push it to another list and return it; or block until one is available", "O(1)", "@list", "", "RW,access,delete 1 0 1 0; RW,insert 2 0 1 0", "source:key#0 destination:key#1 timeout:double"},
		"bzpopmin":   {"sorted-set", "5.0.0", "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available", "O(log(N)) with N being the number of elements in the sorted set.", "@sortedset", "", "RW,access,delete 1 -2 1 0", "key:key#0* timeout:double"},
		"bzpopmax":   {"sorted-set", "5.0.0", "Remove and return the member with the highest score from one or more sorted sets, or block until one is available", "O(log(N)) with N being the number of elements in the sorted set.", "@sortedset", "", "RW,access,delete 1 -2 1 0", "key:key#0* timeout:double"},
	} {
		commandDocs[name] = doc
	}
}
