#!/usr/bin/env bash
# Rewrites the generated field reference in docs/model.md (between its
# markers) from the field table, through `demarc schema --format markdown`.
# A test (FormatTableTests) fails while the copy in docs/ is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product demarc >/dev/null
bin=$(swift build --show-bin-path)/demarc
ref=$("$bin" schema --format markdown)
python3 - "$ref" <<'PY'
import sys
ref = sys.argv[1] + "\n"
path = "docs/model.md"
text = open(path, encoding="utf-8").read()
begin = text.index("<!-- field-reference")
end_marker = "<!-- end of field-reference -->\n"
end = text.index(end_marker) + len(end_marker)
open(path, "w", encoding="utf-8").write(text[:begin] + ref + text[end:])
PY
echo "update-reference: docs/model.md's field reference rewritten"
