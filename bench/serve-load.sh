#!/usr/bin/env bash
# Load test for `zanbook serve`: starts the server on a free loopback port over a corpus,
# drives it with wrk (Debian: apt-get install -y wrk) and reports requests per second and
# errors. Usage: bench/serve-load.sh [ZANBOOK_BINARY] [CORPUS_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/zanbook}
corpus=$(realpath "${2:-corpus}")
seconds=${3:-10}
connections=${4:-1000}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
work=$(mktemp -d)
log="$work/serve.log"
cleanup() { [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
[[ -n "${KEEP_LOG:-}" ]] && log=$KEEP_LOG
# wrk needs as many file descriptors as connections.
if (( $(ulimit -n) < connections + 256 )); then ulimit -n $((connections + 256)) 2>/dev/null || true; fi
(cd "$work" && exec "$bin" serve --port 0 --corpus "$corpus" --out site) 2>"$log" &
pid=$!
for _ in $(seq 600); do grep -q 'Ctrl-C' "$log" && break; sleep 0.1; done
addr=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
[[ -n "$addr" ]] || { cat "$log" >&2; exit 1; }
page=$(cd "$work/site" && find . -name '*.html' | sed -n 2p | sed 's|^\.||')
echo "serving $corpus at $addr; $connections connections for ${seconds}s on / and $page"
for path in / "$page"; do
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$addr$path" | grep -E 'Requests/sec|Transfer/sec|requests in|Socket errors|Non-2xx|Latency|99%'
done
curl -fsS -o /dev/null "$addr/" && echo "the server still answers after the load"
