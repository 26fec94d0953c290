package main

import "math/bits"

// Bit commands, after Redis's bitops.c: a string seen as an array of bits,
// the most significant bit of the first byte being bit 0. They work on the
// string's bytes in entry.val, in place, so GET and SET are untouched.
var bitCommands = []*command{
	{name: "setbit", arity: 4, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: setbitCommand},
	{name: "getbit", arity: 3, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: getbitCommand},
	{name: "bitcount", arity: -2, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: bitcountCommand},
	{name: "bitpos", arity: -3, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: bitposCommand},
	{name: "bitop", arity: -4, flags: writeDenyOOM, firstKey: 2, lastKey: -1, keyStep: 1, proc: bitopCommand},
}

// bitOffsetOrReply reads a bit offset as Redis's getBitOffsetFromArgument:
// a non-negative integer whose byte fits in proto-max-bulk-len.
func bitOffsetOrReply(s *server, c *client, arg []byte) (int64, bool) {
	offset, ok := string2ll(arg)
	if !ok || offset < 0 || offset>>3 >= int64(s.cfg.maxBulk) {
		c.addError("ERR bit offset is not an integer or out of range")
		return 0, false
	}
	return offset, true
}

// setbitCommand sets or clears one bit, growing the string with zero
// bytes as needed, and answers the bit's old value.
func setbitCommand(s *server, c *client, argv [][]byte) {
	offset, ok := bitOffsetOrReply(s, c, argv[2])
	if !ok {
		return
	}
	on, ok := string2ll(argv[3])
	if !ok || on&^1 != 0 {
		c.addError("ERR bit is not an integer or out of range")
		return
	}
	e, ok := s.lookupWriteOfType(c, argv[1], typeString)
	if !ok {
		return
	}
	if e == nil {
		e = s.set(c.db, argv[1], nil, false)
	}
	byteIndex := int(offset >> 3)
	grown := byteIndex >= len(e.val)
	if grown {
		// append grows the capacity geometrically, so setting bits one
		// after another along a bitmap costs amortized O(1) each.
		e.val = append(e.val, make([]byte, byteIndex+1-len(e.val))...)
	}
	mask := byte(0x80) >> (offset & 7)
	was := boolInt(e.val[byteIndex]&mask != 0)
	c.addInt(was)
	if on == 1 {
		e.val[byteIndex] |= mask
	} else {
		e.val[byteIndex] &^= mask
	}
	if grown || was != on {
		c.db.touch(string(argv[1]))
	}
}

func getbitCommand(s *server, c *client, argv [][]byte) {
	offset, ok := bitOffsetOrReply(s, c, argv[2])
	if !ok {
		return
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeString)
	if !ok {
		return
	}
	c.addInt(int64(bitAt(e, offset)))
}

// bitAt is the bit at offset of e's string, 0 past its end or if e is nil.
func bitAt(e *entry, offset int64) byte {
	if e == nil || offset>>3 >= int64(len(e.val)) {
		return 0
	}
	return e.val[offset>>3] >> (7 - offset&7) & 1
}

// bitRange turns BITCOUNT's and BITPOS's start and end, in bytes or, with
// BIT, in bits, and counted from the end when negative, into a range of
// bits [from, to] of a string of n bytes, as Redis clips them. ok is
// false for an empty range.
func bitRange(start, end int64, inBits bool, n int) (from, to int64, ok bool) {
	total := int64(n)
	if inBits {
		total <<= 3
	}
	if start < 0 {
		start += total
	}
	if end < 0 {
		end += total
	}
	start, end = max(start, 0), max(end, 0)
	end = min(end, total-1)
	if start > end {
		return 0, 0, false
	}
	if inBits {
		return start, end, true
	}
	return start << 3, end<<3 + 7, true
}

// rangeUnitOrReply reads the optional BYTE or BIT after a range.
func rangeUnitOrReply(c *client, argv [][]byte, at int) (inBits, ok bool) {
	switch {
	case len(argv) <= at:
		return false, true
	case cEqualFold(argv[at], "bit"):
		return true, true
	case cEqualFold(argv[at], "byte"):
		return false, true
	}
	c.addError("ERR syntax error")
	return false, false
}

// bitcountCommand is BITCOUNT key [start end [BYTE|BIT]]. As in Redis the
// key is looked up first, so a missing key answers 0 whatever follows.
func bitcountCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeString)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(0)
		return
	}
	from, to, nonEmpty := int64(0), int64(len(e.val))*8-1, len(e.val) > 0
	switch len(argv) {
	case 2:
	case 4, 5:
		start, ok := indexOrReply(c, argv[2])
		if !ok {
			return
		}
		end, ok := indexOrReply(c, argv[3])
		if !ok {
			return
		}
		if start < 0 && end < 0 && start > end {
			c.addInt(0)
			return
		}
		inBits, ok := rangeUnitOrReply(c, argv, 4)
		if !ok {
			return
		}
		from, to, nonEmpty = bitRange(start, end, inBits, len(e.val))
	default:
		c.addError("ERR syntax error")
		return
	}
	if !nonEmpty {
		c.addInt(0)
		return
	}
	c.addInt(int64(countBits(e.val, from, to)))
}

// countBits counts the set bits from bit from to bit to, both included:
// whole bytes with a popcount instruction, the partial bytes at either
// end masked.
func countBits(b []byte, from, to int64) int {
	first, last := from>>3, to>>3
	n := 0
	for _, x := range b[first : last+1] {
		n += bits.OnesCount8(x)
	}
	n -= bits.OnesCount8(b[first] & ^(0xff >> (from & 7))) // bits before from
	n -= bits.OnesCount8(b[last] & (0x7f >> (to & 7)))     // bits after to
	return n
}

// bitposCommand is BITPOS key bit [start [end [BYTE|BIT]]]: the first bit
// equal to bit in the range, or -1. A missing key is all zeros. Looking
// for a 0 with no end given, the string counts as followed by zeros, so
// a string of all ones answers the bit just past it, as in Redis.
func bitposCommand(s *server, c *client, argv [][]byte) {
	bit, ok := indexOrReply(c, argv[2])
	if !ok {
		return
	}
	if bit != 0 && bit != 1 {
		c.addError("ERR The bit argument must be 1 or 0.")
		return
	}
	e, ok := s.lookupReadOfType(c, argv[1], typeString)
	switch {
	case !ok:
		return
	case e == nil:
		c.addInt(-bit)
		return
	}
	from, to, nonEmpty := int64(0), int64(len(e.val))*8-1, len(e.val) > 0
	endGiven := false
	switch len(argv) {
	case 3:
	case 4, 5, 6:
		start, ok := indexOrReply(c, argv[3])
		if !ok {
			return
		}
		inBits, ok := rangeUnitOrReply(c, argv, 5)
		if !ok {
			return
		}
		end := int64(len(e.val)) - 1
		if inBits {
			end = int64(len(e.val))<<3 + 7
		}
		if len(argv) >= 5 {
			if end, ok = indexOrReply(c, argv[4]); !ok {
				return
			}
			endGiven = true
		}
		from, to, nonEmpty = bitRange(start, end, inBits, len(e.val))
	default:
		c.addError("ERR syntax error")
		return
	}
	if !nonEmpty {
		c.addInt(-1)
		return
	}
	for i := from; i <= to; i++ {
		if int64(e.val[i>>3]>>(7-i&7)&1) == bit {
			c.addInt(i)
			return
		}
		if i&7 == 0 && i+7 <= to && (bit == 1 && e.val[i>>3] == 0 || bit == 0 && e.val[i>>3] == 0xff) {
			i += 7 // skip a byte with no such bit
		}
	}
	if bit == 0 && !endGiven {
		c.addInt(to + 1)
		return
	}
	c.addInt(-1)
}

// bitopCommand is BITOP AND|OR|XOR|NOT destkey key [key ...]. Missing keys
// are empty strings, shorter strings are padded with zero bytes, and the
// result, as long as the longest, replaces destkey (an empty one deletes
// it). It answers the result's length.
func bitopCommand(s *server, c *client, argv [][]byte) {
	op := argv[1]
	switch {
	case cEqualFold(op, "and"), cEqualFold(op, "or"), cEqualFold(op, "xor"):
	case cEqualFold(op, "not"):
		if len(argv) != 4 {
			c.addError("ERR BITOP NOT must be called with a single source key.")
			return
		}
	default:
		c.addError("ERR syntax error")
		return
	}
	srcs := make([][]byte, 0, len(argv)-3)
	maxLen := 0
	for _, key := range argv[3:] {
		e, ok := s.lookupReadOfType(c, key, typeString)
		if !ok {
			return
		}
		var val []byte
		if e != nil {
			val = e.val
		}
		srcs = append(srcs, val)
		maxLen = max(maxLen, len(val))
	}
	dst := string(argv[2])
	c.db.remove(dst)
	if maxLen == 0 {
		c.addInt(0)
		return
	}
	res := make([]byte, maxLen)
	copy(res, srcs[0])
	for _, src := range srcs[1:] {
		for i := range res {
			var x byte // past its end a source reads as zeros
			if i < len(src) {
				x = src[i]
			}
			switch op[0] | 0x20 {
			case 'a':
				res[i] &= x
			case 'o':
				res[i] |= x
			case 'x':
				res[i] ^= x
			}
		}
	}
	if op[0]|0x20 == 'n' {
		for i := range res {
			res[i] = ^res[i]
		}
	}
	c.db.insert(dst, &entry{val: res})
	c.addInt(int64(maxLen))
}
