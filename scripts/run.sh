#!/usr/bin/env bash
# The main job on the embedded default model: set up, build the binary, check
# the model, and build everything into Output/: every diagram, the pages
# (Output/<lang>/pages/index.html) and the text reports (Output/<lang>/explain.txt,
# Output/<lang>/obligations-<offering>.txt). Output/ is committed; .ci/run checks it is current.
# Usage: scripts/run.sh [extra `demarc build` options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

stage "setup" bash scripts/setup.sh
stage "build demarc (release, the Swift runtime linked in: one self-contained binary that starts in a third of the time)" swift build -c release --static-swift-stdlib --product demarc
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/demarc
stage "check the default model" "$bin" check
# The defaults (SVG, PNG, PDF; both languages), so that a plain `demarc build --check` checks Output/.
stage "diagrams, pages and reports into Output/" "$bin" build "$@"
"$bin" explain '4.1.4(1)-2 d)' --lang en --offering vw-series
echo "run: done — open Output/ja/pages/index.html (English: Output/en/pages/index.html); the binary is $bin"
