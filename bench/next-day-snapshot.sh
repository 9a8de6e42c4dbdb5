#!/usr/bin/env bash
# The next day (issue 13) again and again without re-importing the base each time: `setup` bulk
# loads the heavy-tailed 10M base into its own embedded store, waits for its indexes and keeps a
# copy of the stopped store; `run` restores that copy and imports the next day's 1M events with
# the import profile (batch 10,000, 2 writers, lean lookups, 4 GB heap and page cache, as
# bench/import-incremental.ts --bulk-base --lean). With JFR=file.jfr the database runs under Java
# Flight Recorder; `npx tsx bench/jfr-top.ts file.jfr` says where its CPU went.
#   bash bench/next-day-snapshot.sh setup
#   bash bench/next-day-snapshot.sh run [repo]          # repo: another checkout's code, same snapshot
#   JFR=bench/out/next-day.jfr bash bench/next-day-snapshot.sh run
#   DAYS="1 2 3 4" bash bench/next-day-snapshot.sh run  # day after day on the same store (files made when missing)
#   WRITERS=4 bash bench/next-day-snapshot.sh run       # edge writers (default 2, as the product)
# Files come from bench/import-incremental.ts (generated on its first run).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/bench/out
repo=${2:-$PWD}
export INFRAGRAPH_NEO4J_PORT=${PORT:-7811} LOG_LEVEL=warn INFRAGRAPH_NEO4J_HEAP_MB=4096 INFRAGRAPH_NEO4J_PAGECACHE_MB=4096
export INFRAGRAPH_NEO4J_START_TIMEOUT_S=600 INFRAGRAPH_PROFILE_IMPORT=1 INFRAGRAPH_IMPORT_BATCH=10000 INFRAGRAPH_IMPORT_WRITERS=${WRITERS:-2} INFRAGRAPH_IMPORT_LEAN_LOOKUPS=1
unset NEO4J_URI
base=$out/dns-zeek-tsv-heavy-10000000.log
[[ -f $base ]] || { echo "missing $base: run bench/import-incremental.ts --shape heavy --bulk-base once" >&2; exit 1; }
case ${1:?setup or run} in
  setup)
    export INFRAGRAPH_DATA_DIR=$out/next-day-snapshot
    rm -rf "$INFRAGRAPH_DATA_DIR"
    (cd "$repo" && node bin/infragraph.mjs import --bulk "$base" | tail -1)
    npx tsx bench/await-indexes.ts "$INFRAGRAPH_DATA_DIR" "$INFRAGRAPH_NEO4J_PORT"
    (cd "$repo" && node bin/infragraph.mjs db stop)
    du -sh "$INFRAGRAPH_DATA_DIR" ;;
  run)
    export INFRAGRAPH_DATA_DIR=$out/next-day-run
    rm -rf "$INFRAGRAPH_DATA_DIR"; cp -a "$out/next-day-snapshot" "$INFRAGRAPH_DATA_DIR"
    [[ -n ${JFR:-} ]] && export JDK_JAVA_OPTIONS="-XX:StartFlightRecording=filename=$(realpath -m "$JFR"),dumponexit=true,settings=profile"
    for d in ${DAYS:-1}; do
      f=$out/dns-zeek-tsv-heavy-1000000-day$d.log
      [[ -f $f ]] || npx tsx bench/gen/dns-log-gen.ts --shape heavy --events 1000000 --day "$d" --out "$f"
      start=$(date +%s.%N)
      (cd "$repo" && node bin/infragraph.mjs import "$f" 2>&1 | grep -v '^{"level"' | grep -v '^──')
      end=$(date +%s.%N)
      echo "day $d: wall $(echo "$end - $start" | bc) s (the CLI; the store starts with the first day)"
    done
    (cd "$repo" && node bin/infragraph.mjs db stop >/dev/null) ;;
esac
