package main

import (
	"bytes"
	"strconv"
)

// SCAN and its kin for one key's elements (HSCAN here; SSCAN and ZSCAN
// take the same options), after Redis's scanGenericCommand.

// scanOptions are SCAN's MATCH, COUNT and TYPE.
type scanOptions struct {
	count    int64
	pattern  []byte // nil: every key
	wantType []byte // nil: any type
}

// matches reports whether name passes MATCH.
func (o scanOptions) matches(name string) bool {
	return o.pattern == nil || stringMatch(o.pattern, []byte(name))
}

// parseScanOptions reads the options after the cursor. TYPE is SCAN's
// alone: HSCAN h 0 TYPE x is a syntax error, as in Redis 7.0.
func parseScanOptions(c *client, args [][]byte, allowType bool) (scanOptions, bool) {
	opts := scanOptions{count: 10}
	for i := 0; i < len(args); i += 2 {
		if i+1 == len(args) {
			c.addError("ERR syntax error") // an option without its value
			return opts, false
		}
		switch opt, value := args[i], args[i+1]; {
		case cEqualFold(opt, "count"):
			n, ok := string2ll(value)
			if !ok {
				c.addError("ERR value is not an integer or out of range")
				return opts, false
			}
			if n < 1 {
				c.addError("ERR syntax error")
				return opts, false
			}
			opts.count = n
		case cEqualFold(opt, "match"):
			opts.pattern = value
			if len(value) == 1 && value[0] == '*' {
				opts.pattern = nil // matches everything: skip matching
			}
		case allowType && cEqualFold(opt, "type"):
			opts.wantType = value
		default:
			c.addError("ERR syntax error")
			return opts, false
		}
	}
	return opts, true
}

// cursorOrReply parses a cursor, or answers Redis's error.
func cursorOrReply(c *client, arg []byte) (uint64, bool) {
	cursor, ok := parseScanCursor(arg)
	if !ok {
		c.addError("ERR invalid cursor")
	}
	return cursor, ok
}

// addScanReply answers a page: the next cursor, then the items.
func addScanReply(c *client, next uint64, items []string) {
	c.addArrayLen(2)
	var digits [20]byte
	c.addBulk(strconv.AppendUint(digits[:0], next, 10))
	c.addArrayLen(len(items))
	for _, item := range items {
		c.addBulkString(item)
	}
}

// scanCommand is SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
// The cursor is a position in the database's keyIndex (scan_index.go
// explains why that gives Redis's guarantee). As in Redis's
// scanGenericCommand, COUNT bounds the keys examined, and MATCH and TYPE
// filter them afterwards, so a page may be empty before the end.
func scanCommand(s *server, c *client, argv [][]byte) {
	cursor, ok := cursorOrReply(c, argv[1])
	if !ok {
		return
	}
	opts, ok := parseScanOptions(c, argv[2:], true)
	if !ok {
		return
	}
	keys, next := s.scanIndex(c.db).scan(cursor, opts.count)
	kept := keys[:0]
	for _, key := range keys {
		if !opts.matches(key) {
			continue
		}
		if opts.wantType != nil {
			// Redis looks the key up to learn its type, which deletes it
			// if it expired; the key then has type "none", and so
			// SCAN 0 TYPE none can list a key that has just expired.
			if !cEqualFold(opts.wantType, typeName(s.lookupReadNoTouch(c.db, []byte(key)))) {
				continue
			}
		} else if s.lookupKey(c.db, []byte(key)) == nil {
			continue // expired: deleted now, and not listed
		}
		kept = append(kept, key)
	}
	addScanReply(c, next, kept)
}

// parseScanCursor reads a cursor as Redis's parseScanCursorOrReply does,
// with C's strtoul: an unsigned 64-bit number, optionally signed ("-1" is
// 2^64-1), read up to a NUL byte, with no leading space and nothing after
// it. An empty string is cursor 0.
func parseScanCursor(arg []byte) (uint64, bool) {
	if i := bytes.IndexByte(arg, 0); i >= 0 {
		arg = arg[:i]
	}
	if len(arg) == 0 {
		return 0, true
	}
	if isSpace(arg[0]) {
		return 0, false
	}
	negative := arg[0] == '-'
	digits := arg
	if arg[0] == '-' || arg[0] == '+' {
		digits = arg[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(digits), 10, 64)
	if err != nil {
		return 0, false // not all digits, or ERANGE
	}
	if negative {
		n = -n
	}
	return n, true
}

// startKeyScan is what HSCAN, SSCAN and ZSCAN check before they page, in
// Redis's order: the cursor, then the key and its type, then the options
// (so HSCAN nokey 0 COUNT 0 is an empty page, not an error). ok is false
// when the reply is already made: an error, or the empty page of a
// missing key.
func (s *server) startKeyScan(c *client, argv [][]byte, t *valueType) (e *entry, cursor uint64, opts scanOptions, ok bool) {
	if cursor, ok = cursorOrReply(c, argv[2]); !ok {
		return nil, 0, opts, false
	}
	if e, ok = s.lookupReadOfType(c, argv[1], t); !ok {
		return nil, 0, opts, false
	}
	if e == nil {
		addScanReply(c, 0, nil)
		return nil, 0, opts, false
	}
	if opts, ok = parseScanOptions(c, argv[3:], false); !ok {
		return nil, 0, opts, false
	}
	return e, cursor, opts, true
}
