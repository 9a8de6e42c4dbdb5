#!/usr/bin/env bash
# A start after `kill -9` in the middle of an investigation's imports (issue 13, the event store's
# exactly-once after a crash): a bulk-loaded heavy-tailed base, the next day imported into it at
# once (while the base's indexes come online in the background, as a user's second import would),
# then `kill -9` of the database. The store is then started with INFRAGRAPH_NEO4J_START_TIMEOUT_S
# (default 10 s here, the smallest allowed, to stand in for a slow machine) and the start is
# reported: its exit, its time, the transaction log it replayed, the recovery steps Neo4j logged
# and how many indexes it had to rebuild from scratch.
#   bash bench/recovery-start.sh [repo] [base events] [next-day events]   # defaults: this checkout, 1000000, 1000000
#   TIMEOUT=600 bash bench/recovery-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/bench/out
repo=${1:-$PWD}
base=${2:-1000000}
events=${3:-1000000}
export INFRAGRAPH_NEO4J_PORT=${PORT:-7812} LOG_LEVEL=warn INFRAGRAPH_DATA_DIR=$out/recovery-start
unset NEO4J_URI
day0=$out/dns-zeek-tsv-heavy-$base-day0.log
day1=$out/dns-zeek-tsv-heavy-$events-day1.log
[[ -f $day0 ]] || npx tsx bench/gen/dns-log-gen.ts --shape heavy --events "$base" --day 0 --out "$day0"
[[ -f $day1 ]] || npx tsx bench/gen/dns-log-gen.ts --shape heavy --events "$events" --day 1 --out "$day1"
rm -rf "$INFRAGRAPH_DATA_DIR"
home=$INFRAGRAPH_DATA_DIR/neo4j
(cd "$repo" && INFRAGRAPH_NEO4J_START_TIMEOUT_S=600 node bin/infragraph.mjs import --bulk "$day0" | tail -1)
(cd "$repo" && INFRAGRAPH_NEO4J_START_TIMEOUT_S=600 node bin/infragraph.mjs import "$day1" | tail -1)
pid=$(cat "$home/neo4j.pid")
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
echo "killed the database (pid $pid); transaction logs: $(du -sm "$home/data/transactions/neo4j" | cut -f1) MB"
before=$(wc -l < "$home/logs/debug.log")
start=$(date +%s.%N)
set +e
said=$(cd "$repo" && INFRAGRAPH_NEO4J_START_TIMEOUT_S=${TIMEOUT:-10} LOG_LEVEL=info node bin/infragraph.mjs db start 2>&1)
rc=$?
set -e
grep -v '"msg":"Neo4j is recovering the store' <<<"$said" | tail -1 | cut -c1-400
end=$(date +%s.%N)
log=$(tail -n +"$((before + 1))" "$home/logs/debug.log")
echo "start with INFRAGRAPH_NEO4J_START_TIMEOUT_S=${TIMEOUT:-10}: exit $rc after $(echo "$end - $start" | bc) s; Neo4j's recovery steps logged: $(grep -c '% completed' <<<"$log" || true); indexes rebuilt from scratch: $(grep -c 'Requesting re-population' <<<"$log" || true)"
# A start that gave up killed the JVM mid-recovery; the next one replays the same log again.
(cd "$repo" && node bin/infragraph.mjs db stop >/dev/null 2>&1 || true)
pkill -9 -f "launcher.Launcher.*--home $home" 2>/dev/null || true
