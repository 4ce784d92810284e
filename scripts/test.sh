#!/usr/bin/env bash
# Set up, build and run every test. Usage: scripts/test.sh [extra swift test args]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

stage "setup" bash scripts/setup.sh
stage "build (debug, with tests)" swift build --build-tests
stage "swift test" swift test --skip-build "$@"
stage "pages in real tools: Nu checker, links, print, screenshots, hostile text (scripts/check-pages.sh)" \
  bash scripts/check-pages.sh "$(swift build --show-bin-path)/demarc"
