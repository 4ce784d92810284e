#!/usr/bin/env bash
# The main job on the embedded default model: set up, build the binary, check
# the model, render every diagram into Output/, and explain every entry
# (Output/explain.ja.txt, Output/explain.en.txt).
# Usage: scripts/run.sh [extra `demarc build` options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

stage "setup" bash scripts/setup.sh
stage "build demarc (release)" swift build -c release --product demarc
bin=$(swift build -c release --show-bin-path)/demarc
stage "check the default model" "$bin" check
stage "render diagrams into Output/" "$bin" build --format svg,png,pdf,dot "$@"
stage "explain every entry" bash -c "'$bin' explain --all --lang ja > Output/explain.ja.txt && '$bin' explain --all --lang en > Output/explain.en.txt"
"$bin" explain '4.1.4(1)-2 d)' --lang en --offering vw-series
echo "run: done — see Output/ja/diagrams, Output/en/diagrams and Output/explain.*.txt; the binary is $bin"
