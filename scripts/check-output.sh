#!/usr/bin/env bash
# CI stage: the committed Output/ is what the main job (scripts/run.sh) writes
# for the embedded default model, checked by `demarc build --check` (which
# writes nothing) with the given binary (default: the debug build). Exit
# status 4 means a stale commit: run scripts/run.sh and commit Output/;
# 5 means only the system stack (Graphviz, cairo, fonts…) differs from the
# one the manifest records: a Debian update, not a stale model.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-$(swift build --show-bin-path)/demarc}
"$bin" build --check --no-cache --out Output
status=$?
case $status in
  0) echo "check-output: ok (Output/ is current: $(find Output -type f ! -name .gitkeep | wc -l) files)" ;;
  4) echo "check-output: FAILED: the committed Output/ is stale: run scripts/run.sh and commit Output/" >&2 ;;
  5) echo "check-output: FAILED: Output/ differs only because this system's Graphviz, cairo or fonts are not the ones its manifest records: run scripts/run.sh on this system and commit Output/" >&2 ;;
  *) echo "check-output: FAILED: demarc build --check exited with $status" >&2 ;;
esac
exit $status
