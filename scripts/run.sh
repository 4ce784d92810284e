#!/usr/bin/env bash
# The main job on the embedded default model: set up, build, then check the
# model and explain every entry (ja and en). Usage: scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

stage "setup" bash scripts/setup.sh
stage "build" swift build -c release --product demarc
bin=$(swift build -c release --show-bin-path)/demarc
stage "check" "$bin" check
mkdir -p Output
stage "explain (ja)" bash -c "'$bin' explain --all --lang ja > Output/explain.ja.txt"
stage "explain (en)" bash -c "'$bin' explain --all --lang en > Output/explain.en.txt"
stage "obligations (ja, en)" bash -c "'$bin' obligations --lang ja > Output/obligations.ja.txt && '$bin' obligations --lang en > Output/obligations.en.txt"
echo "run: wrote Output/explain.ja.txt and Output/explain.en.txt; the binary is $bin"
