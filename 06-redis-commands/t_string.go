package main

import "math"

// String commands. Every row has Redis 7.0's arity, flags and key positions,
// as COMMAND INFO shows them.
var stringCommands = []*command{
	{name: "get", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: getCommand},
	{name: "set", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: setCommand},
	{name: "setnx", arity: 3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: setnxCommand},
	{name: "setex", arity: 4, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: setexCommand},
	{name: "psetex", arity: 4, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: psetexCommand},
	{name: "getset", arity: 3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: getsetCommand},
	{name: "getdel", arity: 2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: getdelCommand},
	{name: "getex", arity: -2, flags: writeNoOOMFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: getexCommand},
	{name: "mget", arity: -2, flags: readonlyFast, firstKey: 1, lastKey: -1, keyStep: 1, proc: mgetCommand},
	{name: "mset", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: -1, keyStep: 2, proc: msetCommand},
	{name: "msetnx", arity: -3, flags: writeDenyOOM, firstKey: 1, lastKey: -1, keyStep: 2, proc: msetnxCommand},
	{name: "append", arity: 3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: appendCommand},
	{name: "strlen", arity: 2, flags: readonlyFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: strlenCommand},
	{name: "getrange", arity: 4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: getrangeCommand},
	{name: "substr", arity: 4, flags: readonlySlow, firstKey: 1, lastKey: 1, keyStep: 1, proc: getrangeCommand},
	{name: "setrange", arity: 4, flags: writeDenyOOM, firstKey: 1, lastKey: 1, keyStep: 1, proc: setrangeCommand},
	{name: "incr", arity: 2, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: incrCommand},
	{name: "decr", arity: 2, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: decrCommand},
	{name: "incrby", arity: 3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: incrbyCommand},
	{name: "decrby", arity: 3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: decrbyCommand},
	{name: "incrbyfloat", arity: 3, flags: writeFast, firstKey: 1, lastKey: 1, keyStep: 1, proc: incrbyfloatCommand},
}

// Replies shared by the SET family: SET answers +OK or a null bulk, SETNX
// answers 1 or 0 for the same two outcomes.
const (
	replyOK   = "+OK\r\n"
	replyNull = "$-1\r\n"
	replyOne  = ":1\r\n"
	replyZero = ":0\r\n"
)

func getCommand(s *server, c *client, argv [][]byte) {
	getGeneric(s, c, argv[1])
}

// getGeneric answers the key's value or a null bulk, as Redis's
// getGenericCommand, which GET, GETSET and SET ... GET share. It reports
// false when the key holds another type and WRONGTYPE was answered.
func getGeneric(s *server, c *client, key []byte) bool {
	e, ok := s.lookupReadOfType(c, key, typeString)
	switch {
	case !ok:
		return false
	case e == nil:
		c.addNull()
	default:
		c.addBulk(e.val)
	}
	return true
}

func setCommand(s *server, c *client, argv [][]byte) {
	opts, ok := parseStringOptions(argv[3:], true)
	if !ok {
		c.addError("ERR syntax error")
		return
	}
	setGeneric(s, c, argv[1], argv[2], opts, replyOK, replyNull)
}

func setnxCommand(s *server, c *client, argv [][]byte) {
	setGeneric(s, c, argv[1], argv[2], stringOptions{flags: optNX}, replyOne, replyZero)
}

func setexCommand(s *server, c *client, argv [][]byte) {
	setGeneric(s, c, argv[1], argv[3], stringOptions{flags: optEX, expire: argv[2]}, replyOK, replyNull)
}

func psetexCommand(s *server, c *client, argv [][]byte) {
	setGeneric(s, c, argv[1], argv[3], stringOptions{flags: optPX, expire: argv[2]}, replyOK, replyNull)
}

// setGeneric is Redis's setGenericCommand: check the expire time, answer
// the old value for GET, give up quietly if NX or XX says so, then store.
// okReply and abortReply are what SET (+OK, null) or SETNX (1, 0) answer.
func setGeneric(s *server, c *client, key, val []byte, opts stringOptions, okReply, abortReply string) {
	var expireAt int64
	if opts.expire != nil {
		var ok bool
		if expireAt, ok = expireTimeOrReply(s, c, opts); !ok {
			return
		}
	}
	if opts.flags&optGet != 0 && !getGeneric(s, c, key) {
		return // SET ... GET on another type changes nothing
	}
	found := s.lookupKey(c.db, key) != nil
	if (opts.flags&optNX != 0 && found) || (opts.flags&optXX != 0 && !found) {
		if opts.flags&optGet == 0 {
			c.reply = append(c.reply, abortReply...)
		}
		return
	}
	e := s.set(c.db, key, val, opts.flags&optKeepTTL != 0)
	if opts.expire != nil {
		setExpireAt(c.db, key, e, expireAt)
	}
	if opts.flags&optGet == 0 {
		c.reply = append(c.reply, okReply...)
	}
}

// setExpireAt gives e a TTL without converting key to a string when it
// already has one: the map of keys with a TTL then holds it already.
func setExpireAt(d *db, key []byte, e *entry, at int64) {
	if e.expireAt != 0 {
		e.expireAt = at
		d.touch(string(key))
		return
	}
	d.setExpire(string(key), e, at)
}

func getsetCommand(s *server, c *client, argv [][]byte) {
	if getGeneric(s, c, argv[1]) {
		s.set(c.db, argv[1], argv[2], false)
	}
}

func getdelCommand(s *server, c *client, argv [][]byte) {
	e, ok := s.lookupReadOfType(c, argv[1], typeString)
	if !ok {
		return
	}
	if e == nil {
		c.addNull()
		return
	}
	c.addBulk(e.val)
	c.db.remove(string(argv[1]))
}

func getexCommand(s *server, c *client, argv [][]byte) {
	opts, ok := parseStringOptions(argv[2:], false)
	if !ok {
		c.addError("ERR syntax error")
		return
	}
	key := argv[1]
	e, ok := s.lookupReadOfType(c, key, typeString)
	if !ok {
		return
	}
	if e == nil {
		c.addNull()
		return
	}
	// As in Redis, a missing key answers null before the time is checked.
	var expireAt int64
	if opts.expire != nil {
		if expireAt, ok = expireTimeOrReply(s, c, opts); !ok {
			return
		}
	}
	c.addBulk(e.val)
	switch {
	case opts.flags&(optEXAT|optPXAT) != 0 && expireAt <= s.clock.ms:
		// A time already past deletes the key now, as DEL would.
		c.db.remove(string(key))
	case opts.expire != nil:
		setExpireAt(c.db, key, e, expireAt)
	case opts.flags&optPersist != 0:
		c.db.persist(string(key), e)
	}
}

// The options of SET and GETEX, as bits, like Redis's OBJ_SET_NX and kin.
const (
	optNX = 1 << iota
	optXX
	optGet
	optKeepTTL
	optPersist
	optEX
	optPX
	optEXAT
	optPXAT

	optAnyExpire = optEX | optPX | optEXAT | optPXAT
)

// stringOptions is what parseStringOptions found: the flags, and the
// argument holding the expire time if one of EX, PX, EXAT or PXAT came.
type stringOptions struct {
	flags  int
	expire []byte
}

// parseStringOptions reads the options after SET's value or GETEX's key,
// with the rules of Redis's parseExtendedStringArgumentsOrReply: NX and XX
// exclude each other, and so do the ways of setting a TTL (KEEPTTL,
// PERSIST, EX, PX, EXAT, PXAT); repeating an option is allowed, and the
// last time wins. The words compare as C strings, so "nx\x00junk" is NX.
func parseStringOptions(args [][]byte, forSet bool) (stringOptions, bool) {
	var opts stringOptions
	for i := 0; i < len(args); i++ {
		arg := args[i]
		hasNext := i+1 < len(args)
		f := opts.flags
		var expire int
		switch {
		case forSet && cEqualFold(arg, "nx") && f&optXX == 0:
			opts.flags |= optNX
		case forSet && cEqualFold(arg, "xx") && f&optNX == 0:
			opts.flags |= optXX
		case forSet && cEqualFold(arg, "get"):
			opts.flags |= optGet
		case forSet && cEqualFold(arg, "keepttl") && f&(optPersist|optAnyExpire) == 0:
			opts.flags |= optKeepTTL
		case !forSet && cEqualFold(arg, "persist") && f&(optKeepTTL|optAnyExpire) == 0:
			opts.flags |= optPersist
		case cEqualFold(arg, "ex"):
			expire = optEX
		case cEqualFold(arg, "px"):
			expire = optPX
		case cEqualFold(arg, "exat"):
			expire = optEXAT
		case cEqualFold(arg, "pxat"):
			expire = optPXAT
		default:
			return opts, false
		}
		if expire != 0 {
			// Each expire option may repeat, but not meet another one.
			if !hasNext || f&(optKeepTTL|optPersist) != 0 || f&(optAnyExpire&^expire) != 0 {
				return opts, false
			}
			opts.flags |= expire
			opts.expire = args[i+1]
			i++
		}
	}
	return opts, true
}

// expireTimeOrReply turns the option's time into an absolute time in Unix
// milliseconds, as Redis's getExpireMillisecondsOrReply: zero, negative
// and overflowing times are errors, checked before and after the
// conversion to milliseconds and the addition of the current time.
func expireTimeOrReply(s *server, c *client, opts stringOptions) (int64, bool) {
	n, ok := string2ll(opts.expire)
	if !ok {
		c.addError("ERR value is not an integer or out of range")
		return 0, false
	}
	seconds := opts.flags&(optEX|optEXAT) != 0
	if n <= 0 || (seconds && n > math.MaxInt64/1000) {
		c.addError(invalidExpireError(c.lastCmd))
		return 0, false
	}
	if seconds {
		n *= 1000
	}
	if opts.flags&(optEX|optPX) != 0 {
		n += s.clock.ms // an overflow wraps negative, as in Redis, and fails below
	}
	if n <= 0 {
		c.addError(invalidExpireError(c.lastCmd))
		return 0, false
	}
	return n, true
}

// invalidExpireError is Redis's error for a time that cannot be a TTL,
// from SET's options and EXPIRE alike.
func invalidExpireError(cmd *command) string {
	return "ERR invalid expire time in '" + cmd.fullName + "' command"
}
