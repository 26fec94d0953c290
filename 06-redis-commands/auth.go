package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"slices"
)

// Authentication, as Redis 7.0 has it for its one built-in user, called
// "default". With no password (requirepass empty, Redis's default) that
// user needs none and every client is authenticated from the start. With
// one, a client is authenticated by AUTH or HELLO ... AUTH, and until then
// gets NOAUTH for every command except the few marked no_auth in the
// command table (AUTH, HELLO; QUIT is answered before any check).
//
// Like Redis, a client decides once, when it connects, whether it needs
// to authenticate: setting a password with CONFIG SET requirepass leaves
// the clients already connected authenticated, and only new ones must
// send it. A failed AUTH does not undo an earlier success.

// Redis 7.0's words for these refusals (server.c, acl.c, networking.c).
const (
	errNoAuth    = "NOAUTH Authentication required."
	errWrongPass = "WRONGPASS invalid username-password pair or user is disabled."
	errNoPass    = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
	// errHelloNoAuth is HELLO's answer to a client that has neither
	// authenticated before nor with HELLO's own AUTH option.
	errHelloNoAuth = "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"
)

// authRequired is Redis's authRequired: a password is set and this client
// has not given it.
func (s *server) authRequired(c *client) bool {
	return s.cfg.requirepass != "" && !c.authenticated
}

// refuseBeforeAuth is the check processCommand makes once it knows the
// command, after its name and arity (Redis checks those first too): it
// answers NOAUTH and returns true if the client may not run cmd yet.
func (s *server) refuseBeforeAuth(c *client, cmd *command) bool {
	if !s.authRequired(c) || slices.Contains(cmd.flags, "no_auth") {
		return false
	}
	c.addError(errNoAuth)
	return true
}

// Until a client has authenticated, Redis 7.0 takes from it arrays of at
// most 10 arguments and bulks of at most 16 KiB (processMultibulkBuffer in
// networking.c), so that a stranger cannot make it buffer 512 MB.
const (
	unauthMaxMultibulk = 10
	unauthMaxBulk      = 16 * 1024
)

var (
	errUnauthMultibulk = errors.New("ERR Protocol error: unauthenticated multibulk length")
	errUnauthBulk      = errors.New("ERR Protocol error: unauthenticated bulk length")
)

// unauthenticatedLimits applies those limits to a request m.parse has
// just gone through, and returns the error Redis would have stopped at:
// Redis checks each header as it reads it, after the checks parse makes,
// so a header over the limit comes before any error that follows it.
func unauthenticatedLimits(m *multibulk, parseErr error) error {
	if m.count > unauthMaxMultibulk {
		return errUnauthMultibulk
	}
	for _, arg := range m.args {
		if arg.end-arg.start > unauthMaxBulk {
			return errUnauthBulk
		}
	}
	if parseErr == nil && m.bulkLen > unauthMaxBulk {
		return errUnauthBulk
	}
	return parseErr
}

// authCommand is AUTH [user] password. AUTH with a password alone names
// the default user; with no password configured, it is the mistake Redis
// warns of, since anyone would be let in whatever they sent.
func authCommand(s *server, c *client, argv [][]byte) {
	switch len(argv) {
	case 2:
		if s.cfg.requirepass == "" {
			c.addError(errNoPass)
			return
		}
		if authenticate(s, c, []byte("default"), argv[1]) {
			c.addOK()
		}
	case 3:
		if authenticate(s, c, argv[1], argv[2]) {
			c.addOK()
		}
	default:
		c.addError("ERR syntax error")
	}
}

// authenticate checks a user and password, for AUTH and HELLO. The default
// user with no password takes any password, as Redis's "nopass" user
// does. It answers WRONGPASS itself when they do not match.
func authenticate(s *server, c *client, user, password []byte) bool {
	if string(user) == "default" && (s.cfg.requirepass == "" || passwordMatches(password, s.cfg.requirepass)) {
		c.authenticated = true
		return true
	}
	c.addError(errWrongPass)
	return false
}

// passwordMatches compares in time that does not depend on where the two
// first differ, so that timing replies cannot guess the password byte by
// byte. Like Redis's ACLCheckUserCredentials (acl.c), it compares SHA-256
// digests, which also hides the password's length.
func passwordMatches(given []byte, want string) bool {
	a := sha256.Sum256(given)
	b := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// Protected mode (Redis's protected-mode, on by default): while no
// password is set, a client whose address is not 127.0.0.1 or ::1 gets
// this error as soon as it connects, and is closed. It keeps a server
// that listens on every interface by mistake from serving the network
// with no password. The text is Redis 7.0's, from clientAcceptHandler in
// networking.c, typo included.
const protectedModeDenied = "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n"

// protectsFrom reports whether protected mode turns away a client from
// peerIP. Redis 7.0 compares the address as text with "127.0.0.1" and
// "::1", so even 127.0.0.2, loopback on Linux, is turned away.
func (s *server) protectsFrom(peerIP string) bool {
	return bool(s.cfg.protectedMode) && s.cfg.requirepass == "" && peerIP != "127.0.0.1" && peerIP != "::1"
}

// yesNo is a boolean setting written as Redis writes one: yes or no. It
// is a flag.Value, so as a flag it takes its value as the next word
// (-protected-mode no), which Go's boolean flags do not.
type yesNo bool

func (b *yesNo) String() string {
	if *b {
		return "yes"
	}
	return "no"
}

func (b *yesNo) Set(value string) error {
	switch lower([]byte(value)) {
	case "yes":
		*b = true
	case "no":
		*b = false
	default:
		return errors.New("argument must be 'yes' or 'no'")
	}
	return nil
}

// The CONFIG parameters of this file, for configParams in cmd_server.go.
var (
	requirepassParam = configParam{name: "requirepass",
		get: func(s *server) string { return s.cfg.requirepass },
		set: func(s *server, value []byte) string { s.cfg.requirepass = string(value); return "" }}
	protectedModeParam = configParam{name: "protected-mode",
		get: func(s *server) string { return s.cfg.protectedMode.String() },
		set: func(s *server, value []byte) string {
			if err := s.cfg.protectedMode.Set(string(value)); err != nil {
				return err.Error()
			}
			return ""
		}}
)
