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

# A 10,000-entry catalogue: 100 requirements × (1 basic measure + 98 items).
python3 - "$tmp/big" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d + "/cat")
m = ['model: {id: scale, name: {ja: 規模, en: Scale}, version: 1.0.0, as-of: 2026-01-01, catalogue: cat}',
     'parties:',
     '  - {id: provider, name: {ja: 事業者, en: Provider}, side: provider, role: provider, colour: "#1f4e79"}',
     '  - {id: customer, name: {ja: 利用者, en: Customer}, side: customer, role: user, colour: "#8a4500"}',
     'layers:', '  - {id: hardware, name: {ja: ハードウェア, en: Hardware}}', '  - {id: os, name: {ja: OS, en: OS}}',
     'offerings:', '  - {id: vm, name: {ja: 仮想サーバ, en: Virtual server}, owners: {hardware: provider, os: customer}}',
     'topics:', '  - {id: t, title: {ja: 開示, en: Disclosure}, source: {page: 1}, responsible: provider, statement: {ja: 述べる, en: States}}',
     'mapping:']
c = ['catalogue:', '  id: big', '  standard: {ja: 大きな基準, en: A large standard}', '  edition: {ja: 第1版, en: First edition}',
     '  accountable-role: agency', '  entries:']
for r in range(100):
    c.append(f'    - {{id: "{r}", kind: requirement, text: {{ja: 要件{r}, en: Requirement {r}}}}}')
    c.append(f'    - {{id: "{r}-1", kind: basic-measure, parent: "{r}", text: {{ja: 基本対策, en: Basic measure}}}}')
    m.append(f'  - {{entry: "{r}", scope: organisational, answers: [{{topic: t, coverage: full}}]}}')
    for i in range(98):
        c.append(f'    - {{id: "{r}-1 {i})", kind: example, parent: "{r}-1", text: {{ja: 例{r}-{i}, en: Item {r}-{i}}}}}')
        m.append(f'  - {{entry: "{r}-1 {i})", scope: [hardware, os]}}')
open(d + "/model.yaml", "w").write("\n".join(m) + "\n")
open(d + "/cat/catalogue.yaml", "w").write("\n".join(c) + "\n")
PY

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
