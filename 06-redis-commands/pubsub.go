package main

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Publish/subscribe, after Redis's pubsub.c: fan-out. PUBLISH appends one
// message to many clients' output in one turn of the loop; the loop writes
// them out when the batch is done (flushPending), one write per
// subscriber however many messages it got.
//
// A subscriber that never reads would make the server hold every message
// for it. -client-output-buffer-limit-pubsub bounds that, as Redis's
// client-output-buffer-limit pubsub does: past the hard limit the client
// is closed at once; past the soft limit, once it has stayed past it for
// the given seconds.

var pubsubFlags = []string{"pubsub", "noscript", "loading", "stale"}
var pubsubInfoFlags = []string{"pubsub", "loading", "stale"}

var pubsubCommands = []*command{
	{name: "subscribe", arity: -2, flags: pubsubFlags, proc: subscribeCommand},
	{name: "unsubscribe", arity: -1, flags: pubsubFlags, proc: unsubscribeCommand},
	{name: "psubscribe", arity: -2, flags: pubsubFlags, proc: psubscribeCommand},
	{name: "punsubscribe", arity: -1, flags: pubsubFlags, proc: punsubscribeCommand},
	{name: "publish", arity: 3, flags: []string{"pubsub", "loading", "stale", "fast"}, proc: publishCommand},
	{name: "pubsub", arity: -2, subcommands: subcommands(
		&command{name: "channels", arity: -2, flags: pubsubInfoFlags, proc: pubsubChannelsCommand},
		&command{name: "numsub", arity: -2, flags: pubsubInfoFlags, proc: pubsubNumsubCommand},
		&command{name: "numpat", arity: 2, flags: pubsubInfoFlags, proc: pubsubNumpatCommand},
		&command{name: "shardchannels", arity: -2, flags: pubsubInfoFlags, proc: pubsubShardChannelsCommand},
		&command{name: "shardnumsub", arity: -2, flags: pubsubInfoFlags, proc: pubsubNumsubZeroCommand},
		&command{name: "help", arity: 2, flags: []string{"loading", "stale"}, proc: pubsubHelpCommand},
	)},
}

// pubsubState is the server's side: for each channel and each pattern, its
// subscribers in the order they subscribed, which is the order PUBLISH
// serves them. patterns keeps the order patterns were first subscribed.
type pubsubState struct {
	channels    map[string][]*client
	patterns    map[string][]*client
	patternList []string
	// pending are clients PUBLISH gave output to in this batch.
	pending []*client
}

// subscriptions is a client's side, made by its first SUBSCRIBE.
type subscriptions struct {
	channels map[string]struct{}
	patterns map[string]struct{}
}

// outputLimit is a client-output-buffer-limit class: sizes in bytes, 0
// for none.
type outputLimit struct {
	hard, soft int
	softFor    time.Duration
}

// defaultPubsubOutputLimit is Redis's client-output-buffer-limit pubsub.
var defaultPubsubOutputLimit = outputLimit{hard: 32 << 20, soft: 8 << 20, softFor: 60 * time.Second}

// defaultNormalOutputLimit is where we part from Redis, whose normal class
// is 0 0 0, no limit. Here the class holds only MONITOR clients (other
// clients' replies are bounded by backpressure, processInput), and a
// monitor that never reads would otherwise hold every command sent to it:
// one bad client must not grow the server without bound.
var defaultNormalOutputLimit = defaultPubsubOutputLimit

// parseOutputLimit reads "hard soft seconds", sizes as Redis writes them.
func parseOutputLimit(v string) (outputLimit, bool) {
	words := strings.Fields(v)
	if len(words) != 3 {
		return outputLimit{}, false
	}
	hard, ok1 := memToBytes([]byte(words[0]))
	soft, ok2 := memToBytes([]byte(words[1]))
	secs, err := strconv.Atoi(words[2])
	if !ok1 || !ok2 || err != nil || secs < 0 {
		return outputLimit{}, false
	}
	return outputLimit{hard: int(hard), soft: int(soft), softFor: time.Duration(secs) * time.Second}, true
}

// subscribed is Redis's CLIENT_PUBSUB flag: the client has at least one
// subscription, and so, in RESP2, may only (un)subscribe, PING and QUIT.
func (c *client) subscribed() bool {
	return c.subs != nil && len(c.subs.channels)+len(c.subs.patterns) > 0
}

func (c *client) subscriptionCount() int {
	if c.subs == nil {
		return 0
	}
	return len(c.subs.channels) + len(c.subs.patterns)
}

// refuseInSubscribedMode is processCommand's hook for RESP2's rule.
func refuseInSubscribedMode(s *server, c *client, cmd *command) bool {
	if !c.subscribed() {
		return false
	}
	switch cmd.name {
	case "ping", "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "quit", "reset":
		return false
	}
	s.rejectCommand(c, cmd, "ERR Can't execute '"+cmd.fullName+
		"': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")
	return true
}

func (c *client) subscriptionsOrNew() *subscriptions {
	if c.subs == nil {
		c.subs = &subscriptions{channels: map[string]struct{}{}, patterns: map[string]struct{}{}}
	}
	return c.subs
}

func subscribeCommand(s *server, c *client, argv [][]byte) {
	subs := c.subscriptionsOrNew()
	for _, ch := range argv[1:] {
		name := string(ch)
		if _, ok := subs.channels[name]; !ok {
			subs.channels[name] = struct{}{}
			if s.pubsub.channels == nil {
				s.pubsub.channels = map[string][]*client{}
			}
			s.pubsub.channels[name] = append(s.pubsub.channels[name], c)
		}
		addSubscriptionReply(c, "subscribe", ch, c.subscriptionCount())
	}
}

func psubscribeCommand(s *server, c *client, argv [][]byte) {
	subs := c.subscriptionsOrNew()
	for _, p := range argv[1:] {
		name := string(p)
		if _, ok := subs.patterns[name]; !ok {
			subs.patterns[name] = struct{}{}
			if s.pubsub.patterns == nil {
				s.pubsub.patterns = map[string][]*client{}
			}
			if len(s.pubsub.patterns[name]) == 0 {
				s.pubsub.patternList = append(s.pubsub.patternList, name)
			}
			s.pubsub.patterns[name] = append(s.pubsub.patterns[name], c)
		}
		addSubscriptionReply(c, "psubscribe", p, c.subscriptionCount())
	}
}

func unsubscribeCommand(s *server, c *client, argv [][]byte) {
	s.unsubscribe(c, argv[1:], false)
}

func punsubscribeCommand(s *server, c *client, argv [][]byte) {
	s.unsubscribe(c, argv[1:], true)
}

// unsubscribe drops the names given, or every channel (or pattern) with
// no names, answering one reply per name; with nothing to drop, a single
// reply with a null name, as Redis's pubsubUnsubscribeAllChannels.
func (s *server) unsubscribe(c *client, names [][]byte, patterns bool) {
	kind := "unsubscribe"
	if patterns {
		kind = "punsubscribe"
	}
	if len(names) == 0 {
		for _, name := range c.subscribedNames(patterns) {
			names = append(names, []byte(name))
		}
		if len(names) == 0 {
			addSubscriptionReply(c, kind, nil, c.subscriptionCount())
			return
		}
	}
	for _, name := range names {
		s.dropSubscription(c, string(name), patterns)
		addSubscriptionReply(c, kind, name, c.subscriptionCount())
	}
}

func (c *client) subscribedNames(patterns bool) []string {
	if c.subs == nil {
		return nil
	}
	set := c.subs.channels
	if patterns {
		set = c.subs.patterns
	}
	names := make([]string, 0, len(set))
	for name := range set {
		names = append(names, name)
	}
	return names
}

func (s *server) dropSubscription(c *client, name string, pattern bool) {
	if c.subs == nil {
		return
	}
	set, table := c.subs.channels, s.pubsub.channels
	if pattern {
		set, table = c.subs.patterns, s.pubsub.patterns
	}
	if _, ok := set[name]; !ok {
		return
	}
	delete(set, name)
	rest := slices.DeleteFunc(table[name], func(o *client) bool { return o == c })
	if len(rest) > 0 {
		table[name] = rest
		return
	}
	delete(table, name)
	if pattern {
		s.pubsub.patternList = slices.DeleteFunc(s.pubsub.patternList, func(p string) bool { return p == name })
	}
}

// unsubscribeAll is closeConn's hook: a closed client leaves every table.
func (s *server) unsubscribeAll(c *client) {
	for _, name := range c.subscribedNames(false) {
		s.dropSubscription(c, name, false)
	}
	for _, name := range c.subscribedNames(true) {
		s.dropSubscription(c, name, true)
	}
}

func addSubscriptionReply(c *client, kind string, name []byte, count int) {
	c.addArrayLen(3)
	c.addBulkString(kind)
	if name == nil {
		c.addNull()
	} else {
		c.addBulk(name)
	}
	c.addInt(int64(count))
}

// publishCommand delivers to the channel's subscribers, then to those of
// every matching pattern, and answers how many received it.
func publishCommand(s *server, c *client, argv [][]byte) {
	channel, message := argv[1], argv[2]
	received := 0
	for _, sub := range s.pubsub.channels[string(channel)] {
		s.deliver(sub, func(out []byte) []byte {
			out = append(out, "*3\r\n$7\r\nmessage\r\n"...)
			return appendBulk(appendBulk(out, channel), message)
		})
		received++
	}
	for _, pattern := range s.pubsub.patternList {
		if !stringMatch([]byte(pattern), channel) {
			continue
		}
		for _, sub := range s.pubsub.patterns[pattern] {
			s.deliver(sub, func(out []byte) []byte {
				out = append(out, "*4\r\n$8\r\npmessage\r\n"...)
				out = appendBulk(out, []byte(pattern))
				return appendBulk(appendBulk(out, channel), message)
			})
			received++
		}
	}
	c.addInt(int64(received))
}

func appendBulk(out, b []byte) []byte {
	out = append(out, '$')
	out = strconv.AppendInt(out, int64(len(b)), 10)
	out = append(out, '\r', '\n')
	out = append(out, b...)
	return append(out, '\r', '\n')
}

// deliver appends a message to another client's output, to be written
// when the batch is done, and enforces the client's output limit: the
// pubsub class for a subscriber; for a MONITOR client, the normal class,
// since Redis's getClientType (networking.c) counts monitors as normal
// clients. Redis's normal class has no limit by default; ours has
// defaultNormalOutputLimit.
func (s *server) deliver(sub *client, write func([]byte) []byte) {
	if sub.killed {
		return
	}
	if sub.reply != nil {
		// sub is the client whose command runs (MULTI, SUBSCRIBE, PUBLISH,
		// EXEC): the message goes with its other replies, in order.
		sub.reply = write(sub.reply)
		return
	}
	if len(sub.out) == 0 {
		s.pubsub.pending = append(s.pubsub.pending, sub)
	}
	sub.out = write(sub.out)
	limit, class := s.cfg.normalOutputLimit, "normal"
	if sub.subscribed() {
		limit, class = s.cfg.pubsubOutputLimit, "pubsub"
	}
	pending := len(sub.out)
	switch {
	case limit.hard > 0 && pending > limit.hard:
		s.tracef("fd %d: %d bytes of output past the %s hard limit: closing", sub.fd, pending, class)
		s.kill(sub)
	case limit.soft > 0 && pending > limit.soft:
		now := s.now.UnixMilli()
		if sub.outputSoftSince == 0 {
			sub.outputSoftSince = now
		} else if now-sub.outputSoftSince >= limit.softFor.Milliseconds() {
			s.tracef("fd %d: %d bytes of output past the %s soft limit for %v: closing", sub.fd, pending, class, limit.softFor)
			s.kill(sub)
		}
	default:
		sub.outputSoftSince = 0
	}
}

// flushPending writes what PUBLISH gave other clients during the batch,
// Redis's handleClientsWithPendingWrites. processEvents calls it before it
// closes the clients killed in the batch.
func (s *server) flushPending() {
	for i, c := range s.pubsub.pending {
		s.pubsub.pending[i] = nil
		if c.killed || s.conns[c.fd] != c || len(c.out) == 0 {
			continue
		}
		s.flush(c)
		if s.conns[c.fd] == c {
			s.updateInterest(c)
		}
	}
	s.pubsub.pending = s.pubsub.pending[:0]
}

func pubsubChannelsCommand(s *server, c *client, argv [][]byte) {
	if len(argv) > 3 {
		addSubcommandSyntaxError(c, argv)
		return
	}
	var names []string
	for name := range s.pubsub.channels {
		if len(argv) == 2 || stringMatch(argv[2], []byte(name)) {
			names = append(names, name)
		}
	}
	c.addArrayLen(len(names))
	for _, name := range names {
		c.addBulkString(name)
	}
}

// addSubcommandSyntaxError is Redis's addReplySubcommandSyntaxError, with
// the subcommand as the client typed it.
func addSubcommandSyntaxError(c *client, argv [][]byte) {
	c.addError("ERR unknown subcommand or wrong number of arguments for '" + cString(argv[1], 128) +
		"'. Try " + upper(string(argv[0])) + " HELP.")
}

func pubsubNumsubCommand(s *server, c *client, argv [][]byte) {
	c.addArrayLen(2 * (len(argv) - 2))
	for _, ch := range argv[2:] {
		c.addBulk(ch)
		c.addInt(int64(len(s.pubsub.channels[string(ch)])))
	}
}

func pubsubNumpatCommand(s *server, c *client, argv [][]byte) {
	c.addInt(int64(len(s.pubsub.patterns)))
}

// This server has no shard channels (SSUBSCRIBE is Redis Cluster's), so
// their subcommands answer as a Redis with none.
func pubsubShardChannelsCommand(s *server, c *client, argv [][]byte) {
	if len(argv) > 3 {
		addSubcommandSyntaxError(c, argv)
		return
	}
	c.addArrayLen(0)
}

func pubsubNumsubZeroCommand(s *server, c *client, argv [][]byte) {
	c.addArrayLen(2 * (len(argv) - 2))
	for _, ch := range argv[2:] {
		c.addBulk(ch)
		c.addInt(0)
	}
}

func pubsubHelpCommand(s *server, c *client, argv [][]byte) {
	addHelp(c, "PUBSUB", []string{
		"CHANNELS [<pattern>]",
		"    Return the currently active channels matching a <pattern> (default: '*').",
		"NUMPAT",
		"    Return number of subscriptions to patterns.",
		"NUMSUB [<channel> ...]",
		"    Return the number of subscribers for the specified channels, excluding",
		"    pattern subscriptions(default: no channels).",
		"SHARDCHANNELS [<pattern>]",
		"    Return the currently active shard level channels matching a <pattern> (default: '*').",
		"SHARDNUMSUB [<shardchannel> ...]",
		"    Return the number of subscribers for the specified shard level channel(s)",
	})
}
