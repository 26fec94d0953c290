package main

import (
	"strconv"
	"unsafe"
)

// CLIENT: what a connection can learn and say about itself and the others.
var clientCommand = &command{name: "client", arity: -2, proc: nil,
	subcommands: subcommands(
		&command{name: "id", arity: 2, flags: []string{"noscript", "loading", "stale"}, proc: clientIDCommand},
		&command{name: "setname", arity: 3, flags: []string{"noscript", "loading", "stale"}, proc: clientSetNameCommand},
		&command{name: "getname", arity: 2, flags: []string{"noscript", "loading", "stale"}, proc: clientGetNameCommand},
		&command{name: "list", arity: -2, flags: []string{"admin", "noscript", "loading", "stale"}, proc: clientListCommand},
		&command{name: "info", arity: 2, flags: []string{"noscript", "loading", "stale"}, proc: clientInfoCommand},
		&command{name: "kill", arity: -3, flags: []string{"admin", "noscript", "loading", "stale"}, proc: clientKillCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: clientHelpCommand},
	)}

var clientCommands = []*command{clientCommand}

func clientIDCommand(s *server, c *client, argv [][]byte) { c.addInt(c.id) }

func clientSetNameCommand(s *server, c *client, argv [][]byte) {
	if setClientName(c, argv[2]) {
		c.addOK()
	}
}

func clientGetNameCommand(s *server, c *client, argv [][]byte) {
	if c.name == "" {
		c.addNull()
		return
	}
	c.addBulkString(c.name)
}

// clientListCommand is CLIENT LIST [TYPE type | ID id...]: one line per
// client. Every client here is a normal one: no replicas, no pub/sub.
func clientListCommand(s *server, c *client, argv [][]byte) {
	var ids map[int64]bool
	switch {
	case len(argv) == 2:
	case len(argv) == 4 && equalFold(argv[2], "type"):
		switch upper(string(argv[3])) {
		case "NORMAL":
		case "MASTER", "SLAVE", "REPLICA", "PUBSUB":
			c.addBulkString("")
			return
		default:
			c.addError("ERR Unknown client type '" + cString(argv[3], len(argv[3])) + "'")
			return
		}
	case len(argv) > 3 && equalFold(argv[2], "id"):
		ids = map[int64]bool{}
		for _, arg := range argv[3:] {
			id, ok := string2ll(arg)
			if !ok {
				c.addError("ERR Invalid client ID")
				return
			}
			ids[id] = true
		}
	default:
		c.addError("ERR syntax error")
		return
	}
	var list []byte
	for _, other := range s.conns {
		if other != nil && !other.killed && (ids == nil || ids[other.id]) {
			list = s.appendClientInfo(list, other, c, argv)
		}
	}
	c.addBulk(list)
}

// clientKillCommand is CLIENT KILL in Redis 7.0's two forms: the old
// CLIENT KILL ip:port, which answers OK or "No such client" and may close
// the caller itself, and CLIENT KILL <filter> <value> ..., which answers
// how many clients it closed and skips the caller unless SKIPME no. The
// filters are ID, ADDR, LADDR, TYPE, USER and SKIPME. Every client here is
// a normal one of the default user.
//
// The caller is closed once its reply is sent; another client is closed
// when the loop's batch of events is done (s.kill; see processEvents).
func clientKillCommand(s *server, c *client, argv [][]byte) {
	var addr, laddr []byte
	var id int64
	skipMe, noneOfTheirType := true, false
	if len(argv) == 3 {
		addr, skipMe = argv[2], false
	}
	for i := 2; len(argv) > 3 && i < len(argv); i += 2 {
		if i+1 == len(argv) {
			c.addError("ERR syntax error")
			return
		}
		value := argv[i+1]
		switch {
		case equalFold(argv[i], "id"):
			n, ok := string2ll(value)
			if !ok || n < 1 {
				c.addError("ERR client-id should be greater than 0")
				return
			}
			id = n
		case equalFold(argv[i], "type"):
			switch lower(value) {
			case "normal":
				noneOfTheirType = false
			case "master", "slave", "replica", "pubsub":
				noneOfTheirType = true
			default:
				c.addError("ERR Unknown client type '" + cString(value, len(value)) + "'")
				return
			}
		case equalFold(argv[i], "addr"):
			addr = value
		case equalFold(argv[i], "laddr"):
			laddr = value
		case equalFold(argv[i], "user"):
			if string(value) != "default" {
				c.addError("ERR No such user '" + cString(value, len(value)) + "'")
				return
			}
		case equalFold(argv[i], "skipme") && (equalFold(value, "yes") || equalFold(value, "no")):
			skipMe = equalFold(value, "yes")
		default:
			c.addError("ERR syntax error")
			return
		}
	}

	killed := 0
	for _, o := range s.conns {
		switch {
		case o == nil || o.killed || noneOfTheirType,
			addr != nil && s.peerAddr(o) != string(addr),
			laddr != nil && s.localAddr(o) != string(laddr),
			id != 0 && o.id != id,
			o == c && skipMe:
			continue
		}
		if o == c {
			c.closeAfterReply = true
		} else {
			s.kill(o)
		}
		killed++
	}
	switch {
	case len(argv) > 3:
		c.addInt(int64(killed))
	case killed == 0:
		c.addError("ERR No such client")
	default:
		c.addOK()
	}
}

func clientInfoCommand(s *server, c *client, argv [][]byte) {
	c.addBulk(s.appendClientInfo(nil, c, c, argv))
}

// appendClientInfo writes one line of CLIENT LIST in Redis 7.0's field
// order (Redis's catClientInfoString), with our figures where we have
// them and Redis's idle values for what this server does not do (sharded
// pub/sub, tracking). self is the client running the command, whose
// request and replies are in flight.
func (s *server) appendClientInfo(b []byte, o, self *client, argv [][]byte) []byte {
	field := func(name string, value int64) {
		b = append(b, name...)
		b = append(b, '=')
		b = strconv.AppendInt(b, value, 10)
		b = append(b, ' ')
	}
	text := func(name, value string) {
		b = append(b, name...)
		b = append(b, '=')
		b = append(b, value...)
		b = append(b, ' ')
	}
	var argvMem, replyLen, pending int64
	if o == self {
		for _, arg := range argv {
			argvMem += int64(len(arg))
		}
		replyLen = int64(len(o.reply)) // replies of this read, not yet written
	} else {
		pending = int64(len(o.out)) // replies the kernel had no room for
	}
	field("id", o.id)
	text("addr", s.peerAddr(o))
	text("laddr", s.localAddr(o))
	field("fd", int64(o.fd))
	text("name", o.name)
	now := s.now.UnixMilli()
	field("age", (now-o.createdMs)/1000)
	field("idle", (now-o.lastActiveMs)/1000)
	text("flags", clientFlags(o))
	field("db", int64(o.db.id))
	var channels, patterns int
	if o.subs != nil {
		channels, patterns = len(o.subs.channels), len(o.subs.patterns)
	}
	field("sub", int64(channels))
	field("psub", int64(patterns))
	field("ssub", 0)
	multi, multiMem := -1, 0
	if o.inMulti() {
		multi, multiMem = len(o.tx.queue), o.tx.queued
	}
	field("multi", int64(multi))
	field("qbuf", int64(len(o.in)))
	field("qbuf-free", int64(cap(o.in)-len(o.in)))
	field("argv-mem", argvMem)
	field("multi-mem", int64(multiMem))
	field("rbs", int64(cap(o.out)))
	field("rbp", int64(cap(o.out)))
	field("obl", replyLen)
	field("oll", 0)
	field("omem", pending)
	field("tot-mem", int64(unsafe.Sizeof(*o))+int64(cap(o.in)+cap(o.out)+len(o.name))+argvMem)
	events := ""
	if o.events&readable != 0 {
		events += "r"
	}
	if o.events&writable != 0 {
		events += "w"
	}
	text("events", events)
	cmd := "NULL"
	if o.lastCmd != nil {
		cmd = o.lastCmd.fullName
	}
	text("cmd", cmd)
	text("user", "default")
	field("redir", -1)
	b = append(b, "resp=2\n"...)
	return b
}

// clientFlags are the letters of CLIENT LIST's flags=, in Redis's order,
// for the states a client can be in here: O a monitor, P subscribed, x in
// MULTI, b blocked, d a watched key was written; N for none of them.
func clientFlags(o *client) string {
	var f []byte
	if o.monitoring {
		f = append(f, 'O')
	}
	if o.subs != nil && len(o.subs.channels)+len(o.subs.patterns) > 0 {
		f = append(f, 'P')
	}
	if o.inMulti() {
		f = append(f, 'x')
	}
	if o.blocked != nil {
		f = append(f, 'b')
	}
	if o.tx != nil && o.tx.touched {
		f = append(f, 'd')
	}
	if len(f) == 0 {
		return "N"
	}
	return string(f)
}

func clientHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "CLIENT", []string{
		"CACHING (YES|NO)",
		"    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
		"GETREDIR",
		"    Return the client ID we are redirecting to when tracking is enabled.",
		"GETNAME",
		"    Return the name of the current connection.",
		"ID",
		"    Return the ID of the current connection.",
		"INFO",
		"    Return information about the current client connection.",
		"KILL <ip:port>",
		"    Kill connection made from <ip:port>.",
		"KILL <option> <value> [<option> <value> [...]]",
		"    Kill connections. Options are:",
		"    * ADDR (<ip:port>|<unixsocket>:0)",
		"      Kill connections made from the specified address",
		"    * LADDR (<ip:port>|<unixsocket>:0)",
		"      Kill connections made to specified local address",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Kill connections by type.",
		"    * USER <username>",
		"      Kill connections authenticated by <username>.",
		"    * SKIPME (YES|NO)",
		"      Skip killing current connection (default: yes).",
		"LIST [options ...]",
		"    Return information about client connections. Options:",
		"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
		"      Return clients of specified type.",
		"UNPAUSE",
		"    Stop the current client pause, resuming traffic.",
		"PAUSE <timeout> [WRITE|ALL]",
		"    Suspend all, or just write, clients for <timeout> milliseconds.",
		"REPLY (ON|OFF|SKIP)",
		"    Control the replies sent to the current connection.",
		"SETNAME <name>",
		"    Assign the name <name> to the current connection.",
		"UNBLOCK <clientid> [TIMEOUT|ERROR]",
		"    Unblock the specified blocked client.",
		"TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
		"         [OPTIN] [OPTOUT] [NOLOOP]",
		"    Control server assisted client side caching.",
		"TRACKINGINFO",
		"    Report tracking status for the current connection.",
		"NO-EVICT (ON|OFF)",
		"    Protect current client connection from eviction.",
	})
}
