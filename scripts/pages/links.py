"""Checks every link of the built pages, those inside inline SVGs above all
(linkchecker does not follow them): each relative target exists, and each
#fragment names an id in its target."""
import html.parser
import pathlib
import re
import sys
import urllib.parse

root = pathlib.Path(sys.argv[1])


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.svg_depth, self.svg_links = [], set(), 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svg_depth += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "xlink:href"):
            if name in attrs:
                self.links.append((attrs[name], self.svg_depth > 0))
                self.svg_links += self.svg_depth > 0

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg_depth -= 1


parsed = {}


def parse(path):
    if path not in parsed:
        parser = Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    return parsed[path]


broken, checked, in_svg = [], 0, 0
for page in sorted(root.glob("*/pages/*.html")):
    p = parse(page)
    for href, inside in p.links:
        url = urllib.parse.urlsplit(href)
        if url.scheme in ("http", "https", "mailto"):
            continue
        checked += 1
        in_svg += inside
        if url.scheme or re.match(r"^[a-z]+:", href):
            broken.append(f"{page}: {href}: not a relative link")
            continue
        target = (page.parent / urllib.parse.unquote(url.path)).resolve() if url.path else page
        if not target.is_file():
            broken.append(f"{page}: {href}: no such file")
        elif url.fragment and target.suffix == ".html" and url.fragment not in parse(target).ids:
            broken.append(f"{page}: {href}: no id '{url.fragment}'")
for line in broken:
    print("broken:", line)
if in_svg == 0:
    sys.exit("links: no link inside an inline SVG was found (the check would prove nothing)")
print(f"check-pages: own link check: {checked} relative links, {in_svg} inside inline SVGs, {len(broken)} broken")
sys.exit(1 if broken else 0)
