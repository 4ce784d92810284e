#!/usr/bin/env bash
# CI stage: the views, the diagram builders and the writer must not depend on
# Graphviz (docs/architecture.md). Reads SwiftPM's own dependency graph.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package describe --type json 2>/dev/null | python3 -c '
import json, sys
targets = {t["name"]: t for t in json.load(sys.stdin)["targets"]}
def closure(name, seen=None):
    seen = set() if seen is None else seen
    for dep in targets.get(name, {}).get("target_dependencies", []):
        if dep not in seen:
            seen.add(dep)
            closure(dep, seen)
    return seen
bad = []
for name in ["DemarcViews", "DemarcDiagrams", "DemarcPages", "DemarcOutput", "DemarcModel"]:
    deps = closure(name)
    if {"CGraphviz", "DemarcGraphviz", "DemarcRender"} & deps:
        bad.append(f"{name} depends on Graphviz through {sorted(deps)}")
only_door = [n for n, t in targets.items() if "CGraphviz" in t.get("target_dependencies", []) and n != "DemarcGraphviz"]
if only_door:
    bad.append(f"only DemarcGraphviz may import CGraphviz, not {only_door}")
if bad:
    print("check-targets: FAILED:\n  " + "\n  ".join(bad)); sys.exit(1)
print("check-targets: ok (views, diagrams, pages, writer and model build without libgvc; one door to it)")
'
