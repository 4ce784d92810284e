"""Adds hostile text to every text of a model folder written by `demarc init`:
every mapping of language codes to strings ({ja: …, en: …}) gets a marker
script, an image with an event handler, quotes, a template tag and markup
ends (the loader refuses control characters; the Swift tests cover those)."""
import pathlib
import sys

from ruamel.yaml import YAML

MARKER = ("<script>document.body.appendChild(document.createElement(`demarc-pwned`))</script>"
          "<img src=x onerror=document.body.appendChild(document.createElement(`demarc-pwned-img`))>"
          " & \" ' {{title}} ]]> --> end")

yaml = YAML()
yaml.preserve_quotes = True
count = 0


def walk(node):
    global count
    if isinstance(node, dict):
        if node and set(node.keys()) <= {"ja", "en"} and all(isinstance(v, str) for v in node.values()):
            for key in node:
                node[key] = node[key] + MARKER
                count += 1
            return
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)


for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    data = yaml.load(path)
    walk(data)
    with path.open("w") as f:
        yaml.dump(data, f)
if count < 100:
    sys.exit(f"hostile: only {count} texts found")
print(f"check-pages: hostile text added to {count} texts")
