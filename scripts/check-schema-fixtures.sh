#!/usr/bin/env bash
# Checks the schema fixtures against the JSON Schema in ModelSchema.swift:
# every file in Fixtures/schema/valid must pass, every file in
# Fixtures/schema/invalid must fail (each one on its own).
# Needs python3 and check-jsonschema (scripts/setup.sh installs it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
swift_file="$root/Sources/DemarcModel/Schema/ModelSchema.swift"
fixtures="$root/Tests/DemarcModelTests/Fixtures/schema"

command -v check-jsonschema >/dev/null || { echo "check-schema-fixtures: check-jsonschema not found (run scripts/setup.sh)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
schema="$tmp/schema.json"

# The JSON is the text between `#"""` and `"""#`, indented like the closing delimiter.
python3 - "$swift_file" "$schema" <<'PY'
import json, sys, textwrap
src = open(sys.argv[1], encoding="utf-8").read()
start = src.index('#"""') + len('#"""')
end = src.index('"""#', start)
body = textwrap.dedent(src[start:end].strip("\n"))
json.loads(body)  # must be valid JSON
open(sys.argv[2], "w", encoding="utf-8").write(body + "\n")
PY
python3 -m json.tool "$schema" >/dev/null
check-jsonschema --check-metaschema "$schema" >/dev/null || { echo "check-schema-fixtures: the schema is not a valid draft 2020-12 schema" >&2; check-jsonschema --check-metaschema "$schema" >&2 || true; exit 1; }

pass=0 fail=0
shopt -s nullglob
valid=("$fixtures"/valid/*.yaml)
invalid=("$fixtures"/invalid/*.yaml)
[ ${#valid[@]} -gt 0 ] && [ ${#invalid[@]} -gt 0 ] || { echo "check-schema-fixtures: no fixtures found under $fixtures" >&2; exit 1; }

for f in "${valid[@]}"; do
  name=${f#"$fixtures"/}
  if out=$(check-jsonschema --schemafile "$schema" "$f" 2>&1); then
    echo "ok    $name (valid)"; pass=$((pass + 1))
  else
    echo "FAIL  $name: expected valid, got:"; echo "$out" | sed 's/^/      /'; fail=$((fail + 1))
  fi
done

for f in "${invalid[@]}"; do
  name=${f#"$fixtures"/}
  why=$(head -n 1 "$f" | sed -n 's/^# *//p')
  if out=$(check-jsonschema --schemafile "$schema" "$f" 2>&1); then
    echo "FAIL  $name: expected to fail ($why), but it passed"; fail=$((fail + 1))
  elif echo "$out" | grep -q "Schema validation errors"; then
    echo "ok    $name ($why)"; pass=$((pass + 1))
  else
    echo "FAIL  $name: check-jsonschema failed for another reason:"; echo "$out" | sed 's/^/      /'; fail=$((fail + 1))
  fi
done

echo "check-schema-fixtures: $pass ok, $fail failed (${#valid[@]} valid, ${#invalid[@]} invalid fixtures)"
[ "$fail" -eq 0 ]
