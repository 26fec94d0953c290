package main

// processInput runs every whole request at the start of input, appending
// the replies to c.reply, and returns what is left: the start of a request
// whose end has not arrived. It is Redis's processInputBuffer.
//
// It also stops once maxPendingReply bytes of replies wait for the client:
// a client that pipelines a thousand GETs of a large value and reads
// nothing must not make the server build a gigabyte of replies at once.
// The rest waits in c.in until the replies drain (resumeInput).
func (s *server) processInput(c *client, input []byte) []byte {
	for len(input) > 0 && !c.closeAfterReply && len(c.reply) < maxPendingReply && c.blocked == nil {
		argv, n, err := s.parseRequest(c, input)
		if err != nil {
			c.addError(err.Error())
			c.closeAfterReply = true
			return nil
		}
		if n == 0 {
			return input
		}
		if len(argv) > 0 {
			s.processCommand(c, argv)
		}
		input = input[n:]
	}
	return input
}

// processCommand finds the command, checks its arity and runs it, like
// Redis's processCommand and call.
func (s *server) processCommand(c *client, argv [][]byte) {
	s.stats.commandsProcessed++
	if equalFold(argv[0], "quit") {
		// Redis 7.0 answers QUIT before looking anything up, whatever
		// its arguments.
		c.addOK()
		c.closeAfterReply = true
		return
	}
	cmd := lookupCommand(s.commands, argv[0])
	if cmd == nil {
		flagTransaction(c)
		c.addError(unknownCommandError(argv))
		return
	}
	if cmd.subcommands != nil && len(argv) >= 2 {
		sub := lookupCommand(cmd.subcommands, argv[1])
		if sub == nil {
			flagTransaction(c)
			c.addError("ERR unknown subcommand '" + cString(argv[1], 128) + "'. Try " + upper(cmd.name) + " HELP.")
			return
		}
		cmd = sub
	}
	if (cmd.arity > 0 && len(argv) != cmd.arity) || len(argv) < -cmd.arity {
		s.rejectCommand(c, cmd, "ERR wrong number of arguments for '"+cmd.fullName+"' command")
		return
	}
	if s.refuseBeforeAuth(c, cmd) {
		flagTransaction(c)
		return
	}
	if s.cfg.maxmemory != 0 && s.refuseForMemory(c, cmd) { // evict.go
		return
	}
	if refuseInSubscribedMode(s, c, cmd) {
		return
	}
	if s.queueInMulti(c, cmd, argv) {
		return
	}
	c.lastCmd = cmd
	started := s.clock.startCommand()
	cmd.proc(s, c, argv)
	s.afterCommand(c, cmd, argv, started)
	if s.blocking.clients > 0 {
		s.handleReadyKeys()
	}
	s.settleMemory() // memory.go
}

// unknownCommandError words the error exactly as Redis 7 does: the name cut
// to 128 bytes, then quoted arguments until 128 bytes of them are shown.
// Redis formats them as C strings, so each also ends at a NUL byte.
func unknownCommandError(argv [][]byte) string {
	var shown []byte
	for _, arg := range argv[1:] {
		if len(shown) >= 128 {
			break
		}
		room := 128 - len(shown)
		shown = append(shown, '\'')
		shown = append(shown, cString(arg, room)...)
		shown = append(shown, '\'', ' ')
	}
	return "ERR unknown command '" + cString(argv[0], 128) + "', with args beginning with: " + string(shown)
}

// cString is b as C's printf("%.*s") shows it: at most max bytes, and
// nothing from a NUL byte on.
func cString(b []byte, max int) string {
	for i, c := range b {
		if c == 0 || i == max {
			return string(b[:i])
		}
	}
	return string(b)
}
