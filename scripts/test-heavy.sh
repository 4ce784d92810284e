#!/usr/bin/env bash
# The heavy suites, kept out of scripts/test.sh and .ci/run for time:
# the hostile-text property test over every offset of the corpus (every text
# field of the default model holds every hostile string once, built in every
# format and language). About 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
scripts/setup.sh
stage "build (debug, with tests)" swift build --build-tests
stage "hostile text in every field, every offset (DEMARC_HEAVY=1)" \
    env DEMARC_HEAVY=1 swift test --skip-build --filter HostileModelBuildTests
