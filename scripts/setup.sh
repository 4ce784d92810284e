#!/usr/bin/env bash
# Installs what Demarc needs on a Debian machine that already has Swift.
# Idempotent: when everything is present it only checks and prints one line.
set -euo pipefail

# Debian packages:
#   libgraphviz-dev  libgvc and its headers (the Graphviz door; pkg-config libgvc)
#   pkg-config       lets SwiftPM find libgvc
#   fonts-noto-cjk   Japanese glyphs and metrics for layout (pango)
#   libxml2-utils    xmllint, used by the tests on every SVG
#   librsvg2-bin     rsvg-convert, used by the tests (and by wikis) to rasterise SVG
#   poppler-utils    pdffonts/pdftotext, used by the tests on PDFs
DEB_PACKAGES=(libgraphviz-dev pkg-config fonts-noto-cjk libxml2-utils librsvg2-bin poppler-utils)
# PyPI tools for the checks (pinned):
#   check-jsonschema  validates fixtures against `demarc schema`
PIP_PACKAGES=("check-jsonschema==0.33.3")

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

pip_missing=()
for spec in "${PIP_PACKAGES[@]}"; do
  name=${spec%%==*}; want=${spec#*==}
  have=$(python3 -m pip show "$name" 2>/dev/null | sed -n 's/^Version: //p')
  [ "$have" = "$want" ] || pip_missing+=("$spec")
done
if [ ${#pip_missing[@]} -gt 0 ]; then
  echo "setup: installing PyPI tools: ${pip_missing[*]}"
  python3 -m pip install -q --disable-pip-version-check "${pip_missing[@]}"
fi

command -v swift >/dev/null || { echo "setup: error: the Swift toolchain is not on PATH (need Swift 6)"; exit 1; }
echo "setup: ok (Debian: ${DEB_PACKAGES[*]}; PyPI: ${PIP_PACKAGES[*]})"
