package main

import (
	"strconv"
	"time"
)

// Server commands: DBSIZE, FLUSHDB, FLUSHALL, TIME, CONFIG; INFO is in
// cmd_info.go and COMMAND in cmd_command.go.
var serverCommands = []*command{
	{name: "dbsize", arity: 1, flags: readonlyFast, proc: dbsizeCommand},
	{name: "flushdb", arity: -1, flags: writeOnly, proc: flushdbCommand},
	{name: "flushall", arity: -1, flags: writeOnly, proc: flushallCommand},
	{name: "time", arity: 1, flags: []string{"loading", "stale", "fast"}, proc: timeCommand},
	{name: "config", arity: -2, subcommands: subcommands(
		&command{name: "get", arity: -3, flags: []string{"admin", "noscript", "loading", "stale"}, proc: configGetCommand},
		&command{name: "set", arity: -4, flags: []string{"admin", "noscript", "loading", "stale"}, proc: configSetCommand},
		&command{name: "resetstat", arity: 2, flags: []string{"admin", "noscript", "loading", "stale"}, proc: configResetStatCommand},
		&command{name: "rewrite", arity: 2, flags: []string{"admin", "noscript", "loading", "stale"}, proc: configRewriteCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: configHelpCommand},
	)},
}

func dbsizeCommand(s *server, c *client, argv [][]byte) {
	c.addInt(int64(len(c.db.dict)))
}

// flushOptionOK accepts FLUSHDB and FLUSHALL's one option. Redis frees a
// big database in a background thread with ASYNC; here there is one
// thread, so both options empty the database at once (dropping a Go map
// is cheap: the garbage collector frees it later, on its own threads).
func flushOptionOK(c *client, argv [][]byte) bool {
	if len(argv) == 1 || (len(argv) == 2 && (equalFold(argv[1], "sync") || equalFold(argv[1], "async"))) {
		return true
	}
	c.addError("ERR syntax error")
	return false
}

func flushdbCommand(s *server, c *client, argv [][]byte) {
	if flushOptionOK(c, argv) {
		c.db.flush()
		c.addOK()
	}
}

func flushallCommand(s *server, c *client, argv [][]byte) {
	if flushOptionOK(c, argv) {
		for _, d := range s.dbs {
			d.flush()
		}
		c.addOK()
	}
}

// timeCommand answers the Unix time as two bulk strings: seconds and the
// microseconds within the second.
func timeCommand(s *server, c *client, argv [][]byte) {
	now := time.Now()
	c.addArrayLen(2)
	c.addBulkInt(now.Unix())
	c.addBulkInt(int64(now.Nanosecond() / 1000))
}

// configParam is one parameter CONFIG GET shows, under Redis's name.
// set is nil for the ones CONFIG SET cannot change here.
type configParam struct {
	name string
	get  func(s *server) string
	set  func(s *server, value []byte) string // returns Redis's reason for refusing, or ""
}

// configParams are the parameters we have, and those clients ask about
// (redis-benchmark reads save and appendonly). They are in name order.
var configParams = []configParam{
	{name: "appendonly", get: func(*server) string { return "no" }},
	{name: "bind", get: func(s *server) string { return hostOf(s.Addr()) }},
	{name: "databases", get: func(s *server) string { return strconv.Itoa(len(s.dbs)) }},
	{name: "hz", get: func(s *server) string { return strconv.Itoa(s.cfg.hz) }, set: setHz},
	{name: "io-threads", get: func(*server) string { return "1" }},
	{name: "maxclients", get: func(s *server) string { return strconv.Itoa(s.cfg.maxClients) }, set: setMaxClients},
	{name: "port", get: func(s *server) string { return portOf(s.Addr()) }},
	protectedModeParam,
	{name: "proto-max-bulk-len", get: func(s *server) string { return strconv.Itoa(s.cfg.maxBulk) }, set: setMaxBulk},
	requirepassParam,
	{name: "save", get: func(*server) string { return "" }},
	{name: "timeout", get: func(s *server) string { return strconv.FormatInt(int64(s.cfg.idleTimeout/time.Second), 10) }, set: setTimeout},
}

func lookupConfig(name []byte) *configParam {
	for i := range configParams {
		if equalFold(name, configParams[i].name) {
			return &configParams[i]
		}
	}
	return nil
}

// configGetCommand is CONFIG GET pattern...: name and value pairs. A name
// without glob characters comes back as the client spelled it, a match of
// a pattern under its own name, and none twice, as in Redis. Redis's
// order is that of a hash table; ours is the order of the patterns.
func configGetCommand(s *server, c *client, argv [][]byte) {
	var names, values []string
	seen := map[*configParam]bool{}
	for _, pattern := range argv[2:] {
		if !hasGlob(pattern) {
			if p := lookupConfig(pattern); p != nil && !seen[p] {
				seen[p] = true
				names = append(names, string(pattern))
				values = append(values, p.get(s))
			}
			continue
		}
		for i := range configParams {
			p := &configParams[i]
			if !seen[p] && stringMatchFold(pattern, p.name) {
				seen[p] = true
				names = append(names, p.name)
				values = append(values, p.get(s))
			}
		}
	}
	c.addArrayLen(2 * len(names))
	for i := range names {
		c.addBulkString(names[i])
		c.addBulkString(values[i])
	}
}

func hasGlob(b []byte) bool {
	for _, ch := range b {
		if ch == '*' || ch == '?' || ch == '[' {
			return true
		}
	}
	return false
}

// stringMatchFold matches as Redis's stringmatch with nocase set: the
// parameter names are lower case, so lowering the pattern is enough.
func stringMatchFold(pattern []byte, name string) bool {
	return stringMatch([]byte(lower(pattern)), []byte(name))
}

func lower(b []byte) string {
	out := make([]byte, len(b))
	for i, ch := range b {
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		out[i] = ch
	}
	return string(out)
}

// configSetCommand is CONFIG SET name value [name value...]. As in Redis
// 7.0 it is all or nothing: every name is checked, then every value
// parsed, before any is applied.
func configSetCommand(s *server, c *client, argv [][]byte) {
	if len(argv)%2 != 0 {
		c.addError("ERR syntax error")
		return
	}
	params := make([]*configParam, 0, (len(argv)-2)/2)
	for i := 2; i < len(argv); i += 2 {
		p := lookupConfig(argv[i])
		if p == nil {
			c.addError("ERR Unknown option or number of arguments for CONFIG SET - '" + cString(argv[i], len(argv[i])) + "'")
			return
		}
		if p.set == nil && !equalFold(argv[i+1], p.get(s)) {
			// Parameters we cannot change at run time, or honour
			// with another value (persistence, memory limits). Asking
			// for the value they have, as CONFIG SET save "" does to
			// turn persistence off, is a no-op that succeeds.
			c.addError("ERR CONFIG SET failed (possibly related to argument '" + cString(argv[i], len(argv[i])) + "') - can't set immutable config")
			return
		}
		for _, earlier := range params {
			if earlier == p {
				c.addError("ERR CONFIG SET failed (possibly related to argument '" + cString(argv[i], len(argv[i])) + "') - duplicate parameter")
				return
			}
		}
		params = append(params, p)
	}
	// Until here errors name the parameter as the client wrote it; from
	// here, as Redis does, by its own name.
	saved := s.cfg
	for i, p := range params {
		if p.set == nil {
			continue
		}
		if reason := p.set(s, argv[3+2*i]); reason != "" {
			s.cfg = saved
			c.addError("ERR CONFIG SET failed (possibly related to argument '" + p.name + "') - " + reason)
			return
		}
	}
	c.addOK()
}

// configInt parses a CONFIG SET number the way Redis does for an
// integer parameter with limits.
func configInt(value []byte, min, max int64) (int64, string) {
	n, ok := string2ll(value)
	if !ok {
		return 0, "argument couldn't be parsed into an integer"
	}
	if n < min || n > max {
		return 0, "argument must be between " + strconv.FormatInt(min, 10) + " and " + strconv.FormatInt(max, 10) + " inclusive"
	}
	return n, ""
}

func setHz(s *server, value []byte) string {
	n, reason := configInt(value, 0, 1<<31-1)
	if reason == "" {
		s.cfg.hz = int(min(max(n, 1), 500)) // Redis keeps hz within 1 to 500 (CONFIG_MAX_HZ)
	}
	return reason
}

func setTimeout(s *server, value []byte) string {
	n, reason := configInt(value, 0, 1<<31-1)
	if reason == "" {
		s.cfg.idleTimeout = time.Duration(n) * time.Second
	}
	return reason
}

func setMaxClients(s *server, value []byte) string {
	n, reason := configInt(value, 1, 1<<32-1)
	if reason == "" {
		s.cfg.maxClients = int(n)
	}
	return reason
}

func setMaxBulk(s *server, value []byte) string {
	n, ok := memToBytes(value)
	if !ok {
		return "argument must be a memory value"
	}
	if n < 1<<20 {
		return "argument must be between 1048576 and 9223372036854775807 inclusive"
	}
	s.cfg.maxBulk = int(n)
	return ""
}

// memToBytes reads a size such as 512mb or 1GB, as Redis's memtoull:
// digits, then b, k, kb, m, mb, g or gb in any case (k is 1000, kb 1024).
func memToBytes(value []byte) (int64, bool) {
	digits := 0
	for digits < len(value) && '0' <= value[digits] && value[digits] <= '9' {
		digits++
	}
	units := map[string]int64{"": 1, "b": 1, "k": 1000, "kb": 1024, "m": 1000 * 1000, "mb": 1 << 20, "g": 1000 * 1000 * 1000, "gb": 1 << 30}
	unit, ok := units[lower(value[digits:])]
	if !ok || digits == 0 || digits > 18 {
		return 0, false
	}
	n, _ := strconv.ParseInt(string(value[:digits]), 10, 64)
	if n > (1<<63-1)/unit {
		return 0, false
	}
	return n * unit, true
}

func configResetStatCommand(s *server, c *client, argv [][]byte) {
	s.stats = stats{}
	s.histograms = nil // LATENCY HISTOGRAM's, as Redis's resetCommandTableStats
	c.addOK()
}

func configRewriteCommand(s *server, c *client, argv [][]byte) {
	c.addError("ERR The server is running without a config file")
}

func configHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "CONFIG", []string{
		"GET <pattern>",
		"    Return parameters matching the glob-like <pattern> and their values.",
		"SET <directive> <value>",
		"    Set the configuration <directive> to <value>.",
		"RESETSTAT",
		"    Reset statistics reported by the INFO command.",
		"REWRITE",
		"    Rewrite the configuration file.",
	})
}
