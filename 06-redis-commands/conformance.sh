#!/bin/sh
# Runs Redis's own test suite (Redis 7.0's tests/) against this chapter's
# server, in the suite's external-server mode, one unit at a time with a
# fresh server for each, and prints a table of results.
#
#   06-redis-commands/conformance.sh REDIS_SRC [unit ...]
#
# REDIS_SRC is a Redis 7.0 source tree (it needs tests/ and runtest), for
# example from Debian with deb-src enabled, or from git:
#   apt-get source redis
#   git clone --branch 7.0.15 --depth 1 https://github.com/redis/redis
# It needs tclsh (Debian: tcl) and Go. PORT (default 6406) is where the
# server listens; VERBOSE=1 prints each failure.
set -eu

if [ $# -lt 1 ] || [ ! -f "$1/tests/test_helper.tcl" ]; then
	sed -n '2,13p' "$0" | cut -c3-
	exit 2
fi
if ! command -v tclsh8.6 >/dev/null && ! command -v tclsh8.5 >/dev/null && ! command -v tclsh8.7 >/dev/null; then
	echo "Redis's test suite needs tclsh 8.5 or newer: apt-get install tcl" >&2
	exit 1
fi
src=$(cd "$1" && pwd)
shift
cd "$(dirname "$0")/.."
units=${*:-"unit/keyspace unit/type/string unit/type/incr unit/type/list unit/type/list-2 unit/type/list-3
unit/type/hash unit/type/set unit/type/zset unit/expire unit/multi unit/pubsub unit/bitops unit/scan
unit/protocol unit/querybuf unit/quit unit/info-command unit/introspection unit/introspection-2
unit/slowlog unit/latency-monitor"}
port=${PORT:-6406}

# Tests of what this server does not have: DEBUG, replication,
# persistence, maxmemory, RESP3.
deny="-needs:debug -needs:repl -needs:save -needs:config-maxmemory -needs:pfdebug -needs:local-process -resp3"

# Tests of commands this server does not have. Skipping them by name keeps
# a failure from leaving the suite's connection in a state (MULTI, a
# blocked client, raw replies) that fails the tests after it.
skips='/Z(UNION|INTER|DIFF)
/ZINTERCARD
/zunionInterDiff
/ZMPOP
/ZRANGESTORE
/ZRANDMEMBER
/LMPOP
/SORT
/RESP3
/SWAPDB
/client unblock
/[Ss]tream
/GEOADD
/TOUCH
/script
/EVAL
/command stats for MULTI'

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=
cp -R "$src/tests" "$src/runtest" "$work/"
printf '%s\n' "$skips" >"$work/skips"
go build -o "$work/server" ./06-redis-commands

printf '%-26s %6s %6s %8s %8s\n' unit passed failed skipped excluded
for unit in $units; do
	"$work/server" -addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
	pid=$!
	tries=0
	until grep -q listening "$work/server.log" 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 100 ] || { echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
		sleep 0.1
	done
	log="$work/$(echo "$unit" | tr / _).log"
	(cd "$work" && ./runtest --host 127.0.0.1 --port "$port" --single "$unit" --clients 1 --durable \
		--ignore-encoding --timeout 300 --skipfile skips --tags "$deny" >"$log" 2>&1) || true
	note=
	grep -q "^\[[^]]*done[^]]*\]: $unit" "$log" || note="  (did not finish: see VERBOSE=1)"
	if ! kill "$pid" 2>/dev/null; then
		note="  (the server died)"
		tail -20 "$work/server.log" >&2
	fi
	wait "$pid" || true
	count() { grep -c "^\[[^]]*$1[^]]*\]:" "$log" || true; }
	printf '%-26s %6s %6s %8s %8s%s\n' "$unit" "$(count ok)" "$(count err)" "$(count skip)" "$(count ignore)" "$note"
	if [ -n "${VERBOSE:-}" ]; then grep -A3 '^\[[^]]*\(err\|exception\|TIMEOUT\)[^]]*\]:' "$log" | grep -v '^\*\*\*' || true; fi
done
