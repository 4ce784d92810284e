#!/usr/bin/env bash
# The benchmark (docs/performance.md): not part of the tests. Builds the
# release binary, the door timer and its C reference, installs the `dot`
# command it compares against (Debian graphviz: a benchmark-only dependency,
# never used by the product), then measures in one run and prints ratios.
#
# Usage: scripts/bench.sh [--runs N] [--scale] [--profile]
#   --runs N    repetitions per measurement, medians reported (default 7)
#   --scale     also the scaling table: 5 and 50 offerings × 100 and 1,000 entries
#               (and 50 × 500, for what twice the entries cost), --jobs 1 and 2
#   --profile   also a callgrind profile of a --jobs 0 build of the default model (top entries)
#   --watch N   also demarc watch's resident memory after 10 and after N rebuilds
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
[ "${1:-}" = "--build-only" ] && build_only=true

# The benchmark's own set-up: the project's, plus dot and valgrind.
if ! $build_only; then
  scripts/setup.sh >/dev/null
  DEMARC_SETUP_DEB_PACKAGES="graphviz valgrind" scripts/setup.sh >/dev/null
fi

# The release binary as scripts/run.sh builds it (the Swift runtime linked
# in); --build-only (CI) checks that everything compiles, in debug.
flags=(-c release --static-swift-stdlib)
$build_only && flags=()
swift build "${flags[@]}" --product demarc >/dev/null
swift build "${flags[@]}" --product demarc-synthetic >/dev/null
swift build "${flags[@]}" --product demarc-bench-door >/dev/null
bin=$(swift build "${flags[@]}" --show-bin-path)
mkdir -p .build/bench
gcc -O2 -o .build/bench/door Benchmarks/door.c $(pkg-config --cflags --libs libgvc)
# The measuring script parses (CI does not run it).
python3 -c 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])' scripts/bench.py
$build_only && { echo "bench: built (demarc, demarc-synthetic, demarc-bench-door, .build/bench/door; scripts/bench.py parses)"; exit 0; }

exec python3 scripts/bench.py --bin "$bin" "$@"
