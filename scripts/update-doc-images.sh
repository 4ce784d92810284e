#!/usr/bin/env bash
# Regenerates the PNGs under docs/images (the README's comparison diagram and
# the diagrams reviewed by eye) from the current build.
# Usage: scripts/update-doc-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product demarc >/dev/null
bin=$(swift build --show-bin-path)/demarc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" build --out "$tmp/p2" --format png --jobs 0 >/dev/null
"$bin" build Models/examples/agency-contractor --out "$tmp/ac" --format png --diagrams offering,comparison --jobs 0 >/dev/null
mkdir -p docs/images
for lang in ja en; do
  cp "$tmp/p2/$lang/diagrams/comparison.png" "docs/images/comparison-$lang.png"
  cp "$tmp/p2/$lang/diagrams/offering-vw-series.png" "docs/images/offering-vw-series-$lang.png"
  cp "$tmp/p2/$lang/diagrams/control-4-1-4-1-2-d.png" "docs/images/control-4-1-4-1-2-d-$lang.png"
  cp "$tmp/ac/$lang/diagrams/offering-vw-series.png" "docs/images/agency-contractor-offering-vw-series-$lang.png"
done
echo "docs/images updated"
