//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bufio"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHscanOfABigHash scans a hash too big to be answered whole, page by
// page, while fields come and go, and checks SCAN's guarantee: every
// field present for the whole scan is returned, and, with no changes, no
// field is returned twice.
func TestHscanOfABigHash(t *testing.T) {
	srv, _ := startServer(t, config{})
	c := dial(t, srv.Addr())
	const fields = 1000
	hset := []string{"HSET", "h"}
	for i := range fields {
		hset = append(hset, "f"+strconv.Itoa(i), "v"+strconv.Itoa(i))
	}
	require.Equal(t, ":1000\r\n", c.do(hset...))

	scanAll := func(during func(page int)) map[string]int {
		seen := map[string]int{}
		cursor := "0"
		for page := 0; page == 0 || cursor != "0"; page++ {
			require.Less(t, page, 10*fields, "the scan never ended")
			var items []string
			cursor, items = hscanPage(t, c.do("HSCAN", "h", cursor, "COUNT", "7"))
			require.LessOrEqual(t, len(items), 2*7, "COUNT bounds a page of a big hash")
			for i := 0; i < len(items); i += 2 {
				require.Equal(t, "v"+items[i][1:], items[i+1], "a field with its own value")
				seen[items[i]]++
			}
			if during != nil {
				during(page)
			}
		}
		return seen
	}

	seen := scanAll(nil)
	require.Len(t, seen, fields)
	for field, times := range seen {
		require.Equal(t, 1, times, "%s returned twice without changes", field)
	}

	// Delete f0..f99 and add g0.. while scanning: the other 900 fields
	// must all come back.
	seen = scanAll(func(page int) {
		if page < 100 {
			c.do("HDEL", "h", "f"+strconv.Itoa(page))
			c.do("HSET", "h", "g"+strconv.Itoa(page), "v"+strconv.Itoa(page))
		}
	})
	for i := 100; i < fields; i++ {
		require.Contains(t, seen, "f"+strconv.Itoa(i))
	}
}

// hscanPage splits an HSCAN reply into its cursor and its items.
func hscanPage(t *testing.T, reply string) (string, []string) {
	t.Helper()
	r := bufio.NewReader(strings.NewReader(reply))
	header, err := r.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "*2\r\n", header)
	cursor, err := readReply(r)
	require.NoError(t, err)
	list, err := readReply(r)
	require.NoError(t, err)
	items := arrayItems(t, list)
	_, cursor, _ = strings.Cut(cursor, "\r\n")
	return strings.TrimSuffix(cursor, "\r\n"), items
}
