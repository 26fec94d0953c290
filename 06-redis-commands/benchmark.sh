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
# Usage: 06-redis-commands/benchmark.sh   (RUNS=11 N1=200000 N16=1000000 by default;
# VERBOSE=1 prints every round's ratio on stderr)
# Needs: Linux, taskset, redis-server and redis-benchmark in PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-11}
n1=${N1:-200000}
n16=${N16:-1000000}
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
echo "$runs paired rounds (-n $n1 at -P 1, -n $n16 at -P 16); in each round both servers run the same load back to back, the first of them alternating"
echo "cells: the median over the rounds; ratios: the median of the per-round ratios, with the lowest and highest"
echo
echo "| test | pipeline | 06 requests/s | Redis requests/s | 06 CPU per request | Redis CPU per request | Redis CPU / 06 CPU (min–max) |"
echo "|---|---:|---:|---:|---:|---:|---|"

# Both servers run for the whole benchmark, both pinned to CPU 0, and the
# order alternates round by round, so that a machine that slows down or
# speeds up during the benchmark (a shared VM does) affects both alike.
taskset -c 0 "$bin" -addr 127.0.0.1:7380 >/dev/null &
ours=$!
taskset -c 0 redis-server --port 7381 --save '' --appendonly no --daemonize no --loglevel warning >/dev/null 2>&1 &
theirs=$!
trap 'kill $ours $theirs 2>/dev/null' EXIT
wait_for 7380
wait_for 7381

# run SERVER TEST N PIPELINE: prints "requests/s µs-of-server-CPU-per-request".
run() {
  local pid=${!1} port=7380
  [ "$1" = theirs ] && port=7381
  local before after out
  before=$(cpu_ns "$pid")
  out=$(taskset -c 1 redis-benchmark -p "$port" -t "$2" -n "$3" -c 50 -P "$4" -q 2>&1 | tr '\r' '\n' | grep 'requests per second' | tail -1)
  after=$(cpu_ns "$pid")
  echo "$(echo "$out" | awk '{print $2}') $(awk -v d=$((after - before)) -v n="$3" 'BEGIN { printf "%.3f", d / n / 1000 }')"
}

for pipeline in 1 16; do
  n=$n1
  [ "$pipeline" = 16 ] && n=$n16
  for test in set get; do
    rps_ours=() rps_theirs=() cpu_ours=() cpu_theirs=() ratios=()
    for round in $(seq "$runs"); do
      order="ours theirs"
      [ $((round % 2)) = 0 ] && order="theirs ours"
      for server in $order; do
        read -r r c < <(run "$server" "$test" "$n" "$pipeline")
        if [ "$server" = ours ]; then rps_ours+=("$r"); cpu_ours+=("$c"); else rps_theirs+=("$r"); cpu_theirs+=("$c"); fi
      done
      ratios+=("$(awk -v a="${cpu_theirs[-1]}" -v b="${cpu_ours[-1]}" 'BEGIN { printf "%.3f", a / b }')")
    done
    lo=$(printf '%s\n' "${ratios[@]}" | sort -n | head -1)
    hi=$(printf '%s\n' "${ratios[@]}" | sort -n | tail -1)
    echo "| ${test^^} | $pipeline | $(median "${rps_ours[@]}") | $(median "${rps_theirs[@]}") | $(median "${cpu_ours[@]}") µs | $(median "${cpu_theirs[@]}") µs | $(median "${ratios[@]}") ($lo–$hi) |"
    [ -n "${VERBOSE:-}" ] && echo "  per-round Redis/06 CPU ratios: ${ratios[*]}" >&2
  done
done
