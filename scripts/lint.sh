#!/usr/bin/env bash
# Format and lint: the Swift sources against .swift-format (4-space indent,
# lines of at most 160 columns, trailing commas in multi-line collections;
# the rules it enables). `scripts/lint.sh --fix` rewrites the files in place.
# swift-format ships with the Swift toolchain (`swift format`).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Plugins Package.swift)
if [[ "${1:-}" == "--fix" ]]; then
  swift format format --in-place --recursive "${paths[@]}"
  exit 0
fi
out=$(swift format lint --strict --recursive "${paths[@]}" 2>&1) || true
if [[ -n "$out" ]]; then
  echo "$out" | head -50
  echo "lint: $(echo "$out" | wc -l) findings; 'scripts/lint.sh --fix' formats the files" >&2
  exit 1
fi
echo "lint: ok ($(git ls-files "${paths[@]}" | grep -c '\.swift$') Swift files)"
