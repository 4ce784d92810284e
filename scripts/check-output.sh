#!/usr/bin/env bash
# CI stage: the committed Output/ is what the main job (scripts/run.sh) writes
# for the embedded default model. Rebuilds into a temporary folder with the
# given binary (default: the debug build) and fails when anything differs.
# After a change, scripts/run.sh regenerates Output/; commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-$(swift build --show-bin-path)/demarc}
tmp=$(mktemp -d /tmp/demarc-output.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$bin" build --out "$tmp/Output" --format svg,png,pdf,dot >/dev/null
if ! diff -r -x .gitkeep Output "$tmp/Output" >"$tmp/diff.txt"; then
  head -n 20 "$tmp/diff.txt"
  echo "check-output: FAILED: the committed Output/ is stale ($(grep -c '' "$tmp/diff.txt") lines of diff): run scripts/run.sh and commit Output/" >&2
  exit 1
fi
echo "check-output: ok (Output/ is current: $(find Output -type f ! -name .gitkeep | wc -l) files)"
