#!/usr/bin/env bash
# CI stage: runs scripts/setup.sh as a new user's machine meets it — from a
# fresh clone, with a Python first on PATH that has none of the project's
# tools — and checks that it succeeds, leaves working tools behind in the
# clone's .tools/venv, installs nothing into that Python, prints one line
# when run again, and names a missing Debian package in a dry run.
# Usage: scripts/check-setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
die() { echo "check-setup: FAILED: $*" >&2; exit 1; }

git clone -q . "$tmp/clone"
# Check what is in the working tree, not only what was committed.
cp scripts/setup.sh scripts/tools-requirements.txt "$tmp/clone/scripts/"
python3 -m venv "$tmp/py"
export PATH="$tmp/py/bin:$PATH"
[ "$(command -v python3)" = "$tmp/py/bin/python3" ] || die "the bare Python is not first on PATH"
if python3 -c 'import check_jsonschema' 2>/dev/null; then die "the bare Python already has check-jsonschema"; fi

# 1. From scratch: succeeds and leaves working tools.
( cd "$tmp/clone" && bash scripts/setup.sh ) >"$tmp/first.log" 2>&1 || { cat "$tmp/first.log"; die "setup.sh failed on a fresh clone"; }
grep -q "creating the tool environment" "$tmp/first.log" || { cat "$tmp/first.log"; die "setup.sh did not create the tool environment"; }
tool="$tmp/clone/.tools/venv/bin/check-jsonschema"
echo '{"type": "object"}' >"$tmp/schema.json"
echo '{"a": 1}' >"$tmp/doc.json"
"$tool" --schemafile "$tmp/schema.json" "$tmp/doc.json" >/dev/null || die "check-jsonschema from the tool environment does not work"
echo '[1]' >"$tmp/bad.json"
if "$tool" --schemafile "$tmp/schema.json" "$tmp/bad.json" >/dev/null 2>&1; then die "check-jsonschema accepts what it must refuse"; fi
if python3 -c 'import check_jsonschema' 2>/dev/null; then die "setup.sh installed into the Python on PATH"; fi

# 2. Again: installs nothing and says so in one line.
( cd "$tmp/clone" && bash scripts/setup.sh ) >"$tmp/second.log" 2>&1 || { cat "$tmp/second.log"; die "setup.sh failed the second time"; }
[ "$(wc -l <"$tmp/second.log")" -eq 1 ] || { cat "$tmp/second.log"; die "a run that installs nothing must print one line"; }
grep -q "nothing to install" "$tmp/second.log" || die "the second run did not say that nothing was installed"

# 3. A missing Debian package is detected and named (dry run, fake list).
set +e
( cd "$tmp/clone" && DEMARC_SETUP_DEB_PACKAGES="pkg-config demarc-no-such-package" bash scripts/setup.sh --dry-run ) >"$tmp/dry.log" 2>&1
rc=$?
set -e
[ $rc -eq 10 ] || { cat "$tmp/dry.log"; die "a dry run with a missing package must exit 10, not $rc"; }
grep -q "demarc-no-such-package" "$tmp/dry.log" || die "the dry run did not name the missing package"
if grep -q "package pkg-config" "$tmp/dry.log"; then die "the dry run named an installed package"; fi

# 4. Failures say what failed and what to do.
set +e
( cd "$tmp/clone" && PATH=/usr/bin:/bin bash scripts/setup.sh ) >"$tmp/noswift.log" 2>&1
rc=$?
( cd "$tmp/clone" && bash scripts/setup.sh --bogus ) >"$tmp/usage.log" 2>&1
rc2=$?
set -e
[ $rc -eq 1 ] && grep -q "Swift toolchain" "$tmp/noswift.log" && grep -q "what to do" "$tmp/noswift.log" \
  || { cat "$tmp/noswift.log"; die "without Swift, setup.sh must fail saying so and what to do"; }
[ $rc2 -eq 2 ] || die "an unknown option must exit 2"
echo "check-setup: ok (fresh clone set up from scratch, tools work, second run one line, missing package named)"
