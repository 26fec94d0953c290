//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"strings"
	"testing"
)

// setFamilyCommands are the commands of t_set.go, t_zset.go, t_bitops.go
// and t_string_lcs.go.
var setFamilyCommands = strings.Fields(`sadd srem smembers sismember smismember scard spop srandmember smove
	sinter sintercard sunion sdiff sinterstore sunionstore sdiffstore sscan zadd zincrby zrem zscore zmscore
	zcard zrank zrevrank zpopmin zpopmax zscan zcount zlexcount zrange zrevrange zrangebyscore zrevrangebyscore
	zrangebylex zrevrangebylex zremrangebyrank zremrangebyscore zremrangebylex setbit getbit bitcount
	bitpos bitop lcs`)

// TestSameAsRedisSetFamilyCommandInfo compares COMMAND INFO for each of
// them with Redis's, byte for byte, and COMMAND DOCS for those whose
// documentation has no history or deprecation, the parts our table
// leaves out.
func TestSameAsRedisSetFamilyCommandInfo(t *testing.T) {
	var info [][]string
	for _, name := range setFamilyCommands {
		info = append(info, cmd("COMMAND", "INFO", name))
	}
	docs := [][]string{}
	for _, name := range strings.Fields(`smembers sismember smismember scard smove sinter sintercard sunion sdiff
		sinterstore sunionstore sdiffstore sscan zincrby zscore zmscore zcard zrank zrevrank zpopmin zpopmax zscan
		zcount zlexcount zremrangebyrank zremrangebyscore zremrangebylex setbit getbit bitop lcs`) {
		docs = append(docs, cmd("COMMAND", "DOCS", name))
	}
	runDiff(t, []diffCase{commands("command info", info...), commands("command docs", docs...)})
}
