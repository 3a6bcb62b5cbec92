#!/usr/bin/env bash
# Times the newcomer path on a clean clone of this repository's HEAD:
#   npm ci, first `npm start` (empty data folder) to the first 200 from /health,
#   a second start on the same data, and `npm test`.
# Usage: bash bench/foundation.sh   (prints a Markdown table row for bench/RESULTS.md)
# It uses its own ports (PORT 9300, embedded PostgreSQL 54339) and a temporary folder.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/keel-bench-XXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/keel"
cd "$work/keel"
export PORT=9300 KEEL_PG_PORT=54339 KEEL_DATA_DIR="$work/data" MEDUSA_DISABLE_TELEMETRY=true
unset DATABASE_URL

now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN{printf "%.1f", a-b}'; }

t=$(now); npm ci --no-audit --no-fund >"$work/install.log" 2>&1; install=$(since "$t")

start_until_healthy() {
  local t0 log=$1
  t0=$(now)
  node scripts/keel.mjs >"$log" 2>&1 &
  local pid=$!
  until curl -sf "http://localhost:$PORT/health" >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "npm start failed, see $log" >&2; tail -20 "$log" >&2; exit 1; fi
    sleep 0.5
  done
  since "$t0"
  kill -INT "$pid"; wait "$pid" || true
}

first=$(start_until_healthy "$work/start1.log")
second=$(start_until_healthy "$work/start2.log")

t=$(now); npm test >"$work/test.log" 2>&1 || { tail -40 "$work/test.log" >&2; exit 1; }; tests=$(since "$t")
summary=$(grep '^jest:' "$work/test.log")

echo "| $(date -u +%F) | $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB | ${install} s | ${first} s | ${second} s | ${tests} s (${summary#jest: }) |"
