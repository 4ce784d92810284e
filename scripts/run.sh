#!/usr/bin/env bash
# The main job on the embedded default model: set up, build the binary, check
# the model, explain one entry, and render every diagram into Output/.
# Usage: scripts/run.sh [extra `demarc build` options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

stage "setup" bash scripts/setup.sh
stage "build demarc (release)" swift build -c release --product demarc
bin=$(swift build -c release --show-bin-path)/demarc
stage "check the default model" "$bin" check
stage "explain one entry" "$bin" explain '4.1.4(1)-2 d)' --lang en --offering vw-series
stage "render diagrams into Output/" "$bin" build --format svg,png,pdf,dot "$@"
echo "run: done — see Output/ja/diagrams and Output/en/diagrams; the binary is $bin"
