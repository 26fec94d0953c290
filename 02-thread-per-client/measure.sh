#!/usr/bin/env bash
# measure.sh: the OS threads and resident memory (RSS) of this chapter's
# server with no clients and then with N clients connected, in both modes,
# one after the other in the same run so the numbers compare. Linux only: it
# reads /proc/<pid>/status. The clients are plain bash /dev/tcp sockets;
# each sends PING and waits for +PONG, so its handler is surely running.
# The reply is read by `timeout 10 head -c 7`, not bash's `read -t`: read -t
# waits with select(2), which cannot watch a descriptor above 1023
# (FD_SETSIZE), and past about 1,000 clients bash would abort.
#
# Usage, from the repository root: 02-thread-per-client/measure.sh [clients] [port]
set -euo pipefail
clients=${1:-1000}
port=${2:-6400}

dir=$(mktemp -d)
pid=
# However the script ends, stop the server and remove the build, so that a
# failed run leaves nothing behind to take the port from the next one.
cleanup() {
	if [[ -n $pid ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT # so that Ctrl-C and kill run cleanup too
trap 'exit 143' TERM
go build -o "$dir/server" ./02-thread-per-client
ulimit -n $((clients + 64)) # bash keeps every client socket open

lscpu | grep 'Model name'
echo "CPUs: $(nproc), $(go version)"
printf '%-26s %7s %7s %10s %10s\n' mode clients threads 'RSS KiB' 'VmSize KiB'

report() { # mode clients pid
	local status
	status=$(cat "/proc/$3/status")
	printf '%-26s %7s %7s %10s %10s\n' "$1" "$2" \
		"$(awk '/^Threads:/ {print $2}' <<<"$status")" \
		"$(awk '/^VmRSS:/ {print $2}' <<<"$status")" \
		"$(awk '/^VmSize:/ {print $2}' <<<"$status")"
}

for flag in -os-threads=false -os-threads=true; do
	exec {out}< <(exec "$dir/server" -addr "127.0.0.1:$port" "$flag")
	pid=$!
	read -r -t 10 -u "$out" ready # wait for "listening on ..."
	mode=${ready#*(}
	mode=${mode%)}
	report "$mode" 0 "$pid"

	fds=()
	for ((i = 0; i < clients; i++)); do
		exec {fd}<>"/dev/tcp/127.0.0.1/$port"
		printf 'PING\r\n' >&"$fd"
		reply=$(timeout 10 head -c 7 <&"$fd") || true
		[[ $reply == $'+PONG\r' ]] || { echo "client $i got: ${reply@Q}" >&2; exit 1; }
		fds+=("$fd")
	done
	report "$mode" "$clients" "$pid"

	for fd in "${fds[@]}"; do exec {fd}>&-; done
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
	exec {out}<&-
done
