#!/usr/bin/env bash
# A second opinion on the harness's throughput: redis-benchmark, Redis's
# own load generator (in C), against chapter 06 and real Redis, with the
# same connections, pipeline and CPU pinning as the harness uses, then the
# harness itself against the same two. If the harness reports about what
# redis-benchmark reports, it is not the bottleneck it measures.
#
# Usage: 07-benchmark/second-opinion.sh   (CLIENTS=250 ROUNDS=3 N1=50000 N16=200000)
# Needs: Linux, taskset, redis-server and redis-benchmark in PATH, 2 CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."

clients=${CLIENTS:-250}
rounds=${ROUNDS:-3}
bin=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$bin"' EXIT
go build -o "$bin/06" ./06-redis-commands

# median X...: the middle value.
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# Both servers on CPU 0, as the harness starts them; redis-benchmark on CPU 1.
taskset -c 0 "$bin/06" -addr 127.0.0.1:7380 >/dev/null &
taskset -c 0 redis-server --port 7381 --save '' --appendonly no --loglevel warning >/dev/null &
for port in 7380 7381; do
  for _ in $(seq 100); do redis-cli -p $port ping >/dev/null 2>&1 && break; sleep 0.1; done
done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| pipeline | server | redis-benchmark req/s (median of $rounds) | 07-benchmark req/s (median of $rounds) |"
echo "|---:|---|---:|---:|"
for pipeline in 1 16; do
  n=${N1:-50000}
  [ "$pipeline" = 16 ] && n=${N16:-200000}
  declare -A rb=()
  for _ in $(seq "$rounds"); do
    for port in 7380 7381; do
      # -t incr sends INCR counter:__rand_int__ (one key without -r), as RESP.
      rps=$(taskset -c 1 redis-benchmark -p $port -c "$clients" -n "$n" -P "$pipeline" -t incr -q 2>&1 |
        tr '\r' '\n' | grep 'requests per second' | tail -1 | awk '{print $2}')
      rb[$port]+="$rps "
    done
  done
  out=$(mktemp -d)
  go run ./07-benchmark -servers 06,redis -clients "$clients" -requests "$n" -pipeline "$pipeline" \
    -repeat "$rounds" -q -out "$out" >/dev/null
  for port in 7380 7381; do
    name=06; [ $port = 7381 ] && name=redis
    # The harness's row in results.md: | 06 | design | median (min–max) | ...
    ours=$(awk -F' [|] ' -v s="$name" '$1 == "| " s {print $3}' "$out/results.md" | cut -d' ' -f1)
    echo "| $pipeline | $name | $(median ${rb[$port]}) | $ours |"
  done
  rm -rf "$out"
done
