package main

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN], after the
// lcsCommand of Redis's t_string.c: the longest common subsequence of two
// strings, by the textbook dynamic programme. Its table has a cell per
// pair of positions, so two strings of 10,000 bytes are 400 MB of table
// and 10^8 steps while every other client waits; like Redis, we refuse a
// table larger than proto-max-bulk-len.
var lcsCommands = []*command{
	{name: "lcs", arity: -3, flags: readonlySlow, firstKey: 1, lastKey: 2, keyStep: 1, proc: lcsCommand},
}

func lcsCommand(s *server, c *client, argv [][]byte) {
	ea, eb := s.lookupRead(c.db, argv[1]), s.lookupRead(c.db, argv[2])
	if (ea != nil && ea.obj != nil) || (eb != nil && eb.obj != nil) {
		c.addError("ERR The specified keys must contain string values")
		return
	}
	var a, b []byte // a missing key is the empty string
	if ea != nil {
		a = ea.val
	}
	if eb != nil {
		b = eb.val
	}
	var getLen, getIdx, withMatchLen bool
	minMatchLen := int64(0)
	for j := 3; j < len(argv); j++ {
		switch opt := argv[j]; {
		case cEqualFold(opt, "idx"):
			getIdx = true
		case cEqualFold(opt, "len"):
			getLen = true
		case cEqualFold(opt, "withmatchlen"):
			withMatchLen = true
		case cEqualFold(opt, "minmatchlen") && j+1 < len(argv):
			var ok bool
			if minMatchLen, ok = indexOrReply(c, argv[j+1]); !ok {
				return
			}
			minMatchLen = max(minMatchLen, 0)
			j++
		default:
			c.addError("ERR syntax error")
			return
		}
	}
	if getIdx && getLen {
		c.addError("ERR If you want both the length and indexes, please just use IDX.")
		return
	}
	cells := int64(len(a)+1) * int64(len(b)+1)
	if cells*4 > int64(s.cfg.maxBulk) {
		c.addError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
		return
	}
	// lcs[i*(len(b)+1)+j] is the length of the LCS of a[:i] and b[:j].
	width := len(b) + 1
	lcs := make([]uint32, cells)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				lcs[i*width+j] = lcs[(i-1)*width+j-1] + 1
			} else {
				lcs[i*width+j] = max(lcs[(i-1)*width+j], lcs[i*width+j-1])
			}
		}
	}
	length := lcs[len(a)*width+len(b)]
	if getLen {
		c.addInt(int64(length))
		return
	}

	// Walk back from the end, collecting the subsequence and, for IDX,
	// the runs of it that are contiguous in both strings.
	result := make([]byte, length)
	type match struct{ aStart, aEnd, bStart, bEnd int }
	var matches []match
	var cur *match
	emit := func() {
		if minMatchLen == 0 || int64(cur.aEnd-cur.aStart+1) >= minMatchLen {
			matches = append(matches, *cur)
		}
		cur = nil
	}
	for i, j, k := len(a), len(b), int(length); i > 0 && j > 0; {
		if a[i-1] == b[j-1] {
			result[k-1] = a[i-1]
			if cur == nil {
				cur = &match{i - 1, i - 1, j - 1, j - 1}
			} else {
				cur.aStart, cur.bStart = i-1, j-1 // a walk back after a match stays contiguous
			}
			i, j, k = i-1, j-1, k-1
			if cur.aStart == 0 || cur.bStart == 0 {
				emit()
			}
			continue
		}
		if lcs[(i-1)*width+j] > lcs[i*width+j-1] {
			i--
		} else {
			j--
		}
		if cur != nil {
			emit()
		}
	}
	if !getIdx {
		c.addBulk(result)
		return
	}
	c.addArrayLen(4)
	c.addBulkString("matches")
	c.addArrayLen(len(matches))
	for _, m := range matches {
		if withMatchLen {
			c.addArrayLen(3)
		} else {
			c.addArrayLen(2)
		}
		c.addArrayLen(2)
		c.addInt(int64(m.aStart))
		c.addInt(int64(m.aEnd))
		c.addArrayLen(2)
		c.addInt(int64(m.bStart))
		c.addInt(int64(m.bEnd))
		if withMatchLen {
			c.addInt(int64(m.aEnd - m.aStart + 1))
		}
	}
	c.addBulkString("len")
	c.addInt(int64(length))
}
