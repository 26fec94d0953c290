package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestKeynumKeySpec checks the key spec of a command whose keys are
// counted by an argument, against the bytes Redis 7.0.15 answers in
// COMMAND INFO SINTERCARD.
func TestKeynumKeySpec(t *testing.T) {
	c := &client{}
	addKeySpecs(c, "RO,access 1 keynum 0 1 1")
	require.Equal(t, "*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"+
		"$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"+
		"$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$6\r\nkeynum\r\n$4\r\nspec\r\n"+
		"*6\r\n$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n$7\r\nkeystep\r\n:1\r\n", string(c.reply))
}
