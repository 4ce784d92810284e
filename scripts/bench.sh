#!/usr/bin/env bash
# Benchmarks (not part of the tests): times whole commands of the release
# binary several times and prints the median of each, and ratios against the
# first, measured in one run (the machine is shared and noisy: compare ratios).
# Usage: scripts/bench.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
swift build -c release --product demarc >/dev/null
bin=$(swift build -c release --show-bin-path)/demarc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A 10,000-entry catalogue (100 requirements × (1 basic measure + 98 items),
# 4 layers, 2 offerings) from the one synthetic-model generator
# (DemarcTestSupport.SyntheticModel, as ScaleTests uses it).
swift build -c release --product demarc-synthetic >/dev/null
"$(swift build -c release --show-bin-path)/demarc-synthetic" "$tmp/big" 4 2 100 98 >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {  # name, command…
  local name=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  local m=$(printf '%s\n' "${times[@]}" | median)
  echo "$name $m"
}

results=()
results+=("$(measure "check (default model)" "$bin" check)")
results+=("$(measure "check (10,000 entries)" "$bin" check "$tmp/big")")
results+=("$(measure "explain --all (default)" "$bin" explain --all)")
results+=("$(measure "build --jobs 0 (in process)" "$bin" build --out "$tmp/o0" --jobs 0 --format svg,png,pdf)")
results+=("$(measure "build --jobs 1" "$bin" build --out "$tmp/o1" --jobs 1 --format svg,png,pdf)")
results+=("$(measure "build --jobs 2" "$bin" build --out "$tmp/o2" --jobs 2 --format svg,png,pdf)")
results+=("$(measure "build, nothing changed" "$bin" build --out "$tmp/o2" --jobs 2 --format svg,png,pdf)")
printf '%-34s %10s\n' "benchmark (median of $runs)" "ms"
for r in "${results[@]}"; do
  printf '%-34s %10s\n' "${r% *}" "${r##* }"
done
j0=$(printf '%s\n' "${results[@]}" | grep "jobs 0" | awk '{print $NF}')
j2=$(printf '%s\n' "${results[@]}" | grep "jobs 2" | awk '{print $NF}')
echo "ratio build --jobs 2 / --jobs 0: $(awk -v a="$j2" -v b="$j0" 'BEGIN {printf "%.2f", a/b}')"
