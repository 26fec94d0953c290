package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseSockstat(t *testing.T) {
	s, err := parseSockstat("sockets: used 16\nTCP: inuse 7 orphan 0 tw 1 alloc 9 mem 3\nUDP: inuse 0 mem 0\n")
	require.NoError(t, err)
	require.Equal(t, tcpSockstat{inuse: 7, alloc: 9, memPages: 3}, s)
	_, err = parseSockstat("UDP: inuse 0 mem 0\n")
	require.Error(t, err)
}

func TestGrownCaches(t *testing.T) {
	const header = "slabinfo - version: 2.1\n# name <active_objs> <num_objs> <objsize> ...\n"
	before, err := parseSlabinfo(strings.NewReader(header +
		"TCP 26 26 2368 13 8 : tunables 0 0 0 : slabdata 2 2 0\n" +
		"filp 945 945 192 21 1 : tunables 0 0 0 : slabdata 45 45 0\n"))
	require.NoError(t, err)
	after, err := parseSlabinfo(strings.NewReader(header +
		"TCP 226 234 2368 13 8 : tunables 0 0 0 : slabdata 18 18 0\n" +
		"filp 1000 1008 192 21 1 : tunables 0 0 0 : slabdata 48 48 0\n"))
	require.NoError(t, err)
	require.Equal(t, []slabGrowth{{name: "TCP", objs: 200, objSize: 2368}}, grownCaches(before, after, 100))
}

// A small real run: the connections open, carry their PING and register
// with epoll. The slab figures depend on what else the machine runs, so
// the test checks the connections, not the figures.
func TestOpenIdleConnections(t *testing.T) {
	conns, err := open(20)
	require.NoError(t, err)
	defer conns.close()
	require.Len(t, conns.fds, 40)
	st, err := readSockstat()
	require.NoError(t, err)
	require.GreaterOrEqual(t, st.inuse, int64(40))
}
