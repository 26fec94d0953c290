package main

import "time"

// commandClock is the time a command runs at. Redis 7.0 reads the clock
// once in call(), before the command runs (server.mstime; 7.2 names it
// commandTimeSnapshot), and every expiry check of the command uses that
// reading: otherwise a key reaching its deadline while MGET k k runs
// could be there for the first k and gone for the second.
type commandClock struct {
	ms     int64            // Unix milliseconds when the running command started
	source func() time.Time // nil: time.Now; a test sets its own
	// elapsed measures how long something ran, for SLOWLOG and LATENCY.
	// nil: time.Since; a test sets its own, so that "slow" is certain.
	elapsed func(since time.Time) time.Duration
}

// since is how long it has been since start, on the real clock's
// monotonic reading (time.Since), whatever source says.
func (k *commandClock) since(start time.Time) time.Duration {
	if k.elapsed == nil {
		return time.Since(start)
	}
	return k.elapsed(start)
}

// now reads the clock itself, for what runs outside a command.
func (k *commandClock) now() time.Time {
	if k.source == nil {
		return time.Now()
	}
	return k.source()
}

// startCommand fixes the time for the command about to run, and returns
// the real clock's reading, which the command's duration is taken from:
// one reading serves both, as the clock is read for every command.
func (k *commandClock) startCommand() time.Time {
	real := time.Now()
	if k.source == nil {
		k.ms = real.UnixMilli()
	} else {
		k.ms = k.source().UnixMilli()
	}
	return real
}

// Active expiry, after Redis's activeExpireCycle (expire.c, the "slow"
// cycle run from serverCron). Passive expiry alone (lookup deleting a key
// it finds expired) would let keys that nobody reads again hold memory
// forever; this finds them by sampling.
const (
	activeExpireKeysPerLoop     = 20 // ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP: keys sampled per round
	activeExpireAcceptableStale = 10 // percent of a sample expired, above which another round runs
	activeExpireSlowTimePerc    = 25 // percent of each tick the cycle may use
	cronDBsPerCall              = 16 // CRON_DBS_PER_CALL: databases looked at per tick
)

// activeExpireCycle deletes expired keys that no client touches. Each
// tick, for each database in turn, it samples up to 20 keys that have a
// TTL, deletes the expired ones, and samples again while more than 10% of
// a sample had expired: if that many had, many more probably have. It
// stops when a quarter of the tick is spent, and the next tick goes on
// with the database after the last one it started, so that no database
// starves the ones after it.
func (s *server) activeExpireCycle() {
	// The budget is measured by the server's clock, so that a test can
	// give the cycle all the time it wants, or none, whatever the load.
	start := s.clock.now()
	budget := time.Second * activeExpireSlowTimePerc / 100 / time.Duration(s.cfg.hz)
	dbs := min(cronDBsPerCall, len(s.dbs))
	if s.expireTimedOut {
		dbs = len(s.dbs) // behind last time: look at every database
	}
	s.expireTimedOut = false
	for range dbs {
		d := s.dbs[s.expireCurrentDB%len(s.dbs)]
		s.expireCurrentDB = (s.expireCurrentDB + 1) % len(s.dbs)
		for len(d.expires) > 0 {
			sampled, expired := s.expireSample(d)
			if s.clock.now().Sub(start) > budget {
				s.expireTimedOut = true
				return
			}
			if expired*100 <= activeExpireAcceptableStale*sampled {
				break
			}
		}
	}
}

// expireSample looks at up to activeExpireKeysPerLoop keys with a TTL and
// deletes those whose time is up. Go starts every range over a map at a
// random bucket and offset, so breaking out after 20 keys is a cheap
// random sample (of neighbouring keys, as Redis's is of neighbouring
// buckets). Its cost grows on a sparse map: Go maps never give back
// buckets, so after mass deletion the range walks many empty ones to find
// 20 keys. Deleting during a range is allowed in Go.
func (s *server) expireSample(d *db) (sampled, expired int) {
	now := s.clock.now().UnixMilli()
	for key, e := range d.expires {
		sampled++
		if e.expireAt <= now {
			s.deleteExpired(d, key)
			expired++
		}
		if sampled == activeExpireKeysPerLoop {
			break
		}
	}
	return sampled, expired
}
