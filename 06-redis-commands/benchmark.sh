#!/usr/bin/env bash
# Runs redis-benchmark against this chapter and against real Redis, one
# server at a time, with the same load: -t set,get at -c 50, first one
# request per round trip (-P 1), then 16 pipelined (-P 16). The server is
# pinned to CPU 0 and redis-benchmark to CPU 1, so they do not share a core.
#
# For each run it prints the throughput redis-benchmark reports and the
# server's CPU time per request, read from /proc/PID/task/*/schedstat
# before and after. At -P 1 redis-benchmark itself is the bottleneck, so
# CPU per request is the figure that tells the servers apart.
#
# Usage: 06-redis-commands/benchmark.sh   (RUNS=3 N1=500000 N16=2000000 by default)
# Needs: Linux, taskset, redis-server and redis-benchmark in PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
n1=${N1:-500000}
n16=${N16:-2000000}
bin=$(mktemp -d)/06-redis-commands
go build -o "$bin" ./06-redis-commands

# cpu_ns PID: CPU time of all the process's threads so far, in nanoseconds.
cpu_ns() {
  local total=0 t
  for t in /proc/"$1"/task/*/schedstat; do
    total=$((total + $(cut -d' ' -f1 "$t")))
  done
  echo "$total"
}

# median X...: the middle value.
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# wait_for PORT: until the server answers PING, for at most 10 seconds.
wait_for() {
  for _ in $(seq 100); do
    redis-cli -p "$1" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  exit 1
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(uname -sr), $(go version | cut -d' ' -f3), Redis $(redis-server --version | cut -d' ' -f3 | cut -d= -f2)"
echo "each cell: the median of $runs runs (-n $n1 at -P 1, -n $n16 at -P 16)"
echo
echo "| test | pipeline | server | requests/s | server CPU per request |"
echo "|---|---:|---|---:|---:|"

# Both servers run for the whole benchmark, both pinned to CPU 0, and the
# runs alternate between them, so that a machine that slows down or speeds
# up during the benchmark (a shared VM does) affects both alike.
taskset -c 0 "$bin" -addr 127.0.0.1:7380 >/dev/null &
ours=$!
taskset -c 0 redis-server --port 7381 --save '' --appendonly no --daemonize no --loglevel warning >/dev/null 2>&1 &
theirs=$!
trap 'kill $ours $theirs 2>/dev/null' EXIT
wait_for 7380
wait_for 7381

for pipeline in 1 16; do
  n=$n1
  [ "$pipeline" = 16 ] && n=$n16
  for test in set get; do
    declare -A rps=() cpu=()
    for _ in $(seq "$runs"); do
      for server in ours theirs; do
        pid=${!server}
        port=7380
        [ "$server" = theirs ] && port=7381
        before=$(cpu_ns "$pid")
        out=$(taskset -c 1 redis-benchmark -p "$port" -t "$test" -n "$n" -c 50 -P "$pipeline" -q 2>&1 | tr '\r' '\n' | grep 'requests per second' | tail -1)
        after=$(cpu_ns "$pid")
        rps[$server]+="$(echo "$out" | awk '{print $2}') "
        cpu[$server]+="$(awk -v d=$((after - before)) -v n="$n" 'BEGIN { printf "%.2f", d / n / 1000 }') "
      done
    done
    for server in ours theirs; do
      name=06-redis-commands
      [ "$server" = theirs ] && name=redis-server
      echo "| ${test^^} | $pipeline | $name | $(median ${rps[$server]}) | $(median ${cpu[$server]}) µs |"
    done
  done
done
