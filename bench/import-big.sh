#!/usr/bin/env bash
# One big import by the CLI into its own empty store (the bulk path), with the importer's peak
# RSS and the peak of its temporary disk (the engine's scratch and the bulk CSV directory),
# sampled every 5 s. The importer is every Node.js process under the command (VmHWM, the kernel's
# own high-water mark); /usr/bin/time's maximum would be the offline importer's JVM instead.
# Nothing else of the project's data is touched.
#   bench/import-big.sh bench/out/shape-uniform-100m.log [port]
# Generate the log first: npx tsx bench/gen/dns-log-gen.ts --shape uniform --events 100000000 --out bench/out/shape-uniform-100m.log
set -euo pipefail
cd "$(dirname "$0")/.."
log=${1:?log file}
port=${2:-7797}
data=bench/out/import-big-data
rm -rf "$data"
export INFRAGRAPH_DATA_DIR=$PWD/$data INFRAGRAPH_NEO4J_PORT=$port
peak=0 rss=0
rm -f "$data.peak" "$data.rss"
# The sampler must outlive failing probes (no scratch directory yet, a process gone): no -e there.
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
sample() {
  set +e
  while sleep 5; do
    kb=$(du -sk "$data/engine" "$data/bulk" 2>/dev/null | awk '{s += $1} END {print s + 0}' || true)
    if (( kb > peak )); then peak=$kb; echo "$peak" > "$data.peak"; fi
    for p in $(descendants $$ || true); do
      [[ "$(cat /proc/$p/comm 2>/dev/null)" == node ]] || continue
      kb=$(awk '/VmHWM/ {print $2}' /proc/$p/status 2>/dev/null || true)
      if (( ${kb:-0} > rss )); then rss=$kb; echo "$rss" > "$data.rss"; fi
    done
  done
}
mkdir -p "$data"; sample & sampler=$!
trap 'kill $sampler 2>/dev/null || true; node bin/infragraph.mjs db stop >/dev/null 2>&1 || true' EXIT
start=$(date +%s)
status=0
/usr/bin/time -v -o "$data.time" node bin/infragraph.mjs import --bulk "$log" || status=$?
end=$(date +%s)
kill $sampler 2>/dev/null || true
input=$(stat -c %s "$log")
echo "exit status $status, wall $((end - start)) s"
grep -E "Elapsed" "$data.time"
echo "importer (Node.js) peak RSS $(( $(cat "$data.rss" 2>/dev/null || echo 0) / 1024 )) MB"
echo "temp disk peak $(( $(cat "$data.peak" 2>/dev/null || echo 0) / 1024 )) MB; input $(( input / 1048576 )) MB"
