#!/usr/bin/env bash
# Two commands as whole processes, in turn (A B A B …), after one warm-up pair; prints each run's
# wall and CPU seconds and peak RSS (GNU time), and the A/B wall ratio pair by pair with its median.
# Pairing keeps the ratio meaningful when the machine's speed drifts.
#   bench/paired.sh [-n RUNS] 'COMMAND_A' 'COMMAND_B'
set -euo pipefail
n=3
if [ "${1:-}" = -n ]; then n=$2; shift 2; fi
[ $# -eq 2 ] || { echo "usage: bench/paired.sh [-n RUNS] 'COMMAND_A' 'COMMAND_B'" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
run() { /usr/bin/time -f '%e %U %S %M' -o "$tmp" sh -c "$1" >/dev/null 2>&1 || true; read -r w u s m < "$tmp"; echo "$w $(printf '%.2f' "$(echo "$u + $s" | bc)") $((m / 1024))"; }
run "$1" >/dev/null; run "$2" >/dev/null
ratios=()
printf '%-4s %10s %10s %10s %10s %10s %10s %8s\n' run 'A wall s' 'A cpu s' 'A MiB' 'B wall s' 'B cpu s' 'B MiB' 'A/B wall'
for i in $(seq 1 "$n"); do
  read -r aw ac am <<<"$(run "$1")"
  read -r bw bc bm <<<"$(run "$2")"
  r=$(printf '%.3f' "$(echo "scale=4; $aw / $bw" | bc)")
  ratios+=("$r")
  printf '%-4s %10s %10s %10s %10s %10s %10s %8s\n' "$i" "$aw" "$ac" "$am" "$bw" "$bc" "$bm" "$r"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "A/B wall median %.3f (min %.3f, max %.3f)\n", m, a[1], a[NR]}'
