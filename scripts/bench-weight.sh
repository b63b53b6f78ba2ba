#!/usr/bin/env bash
# Page weight of a built site, as readers download it:
#   - commune portraits: median, 90th percentile and largest HTML file (bytes as served, and gzipped
#     at level 6 as a host would compress them), over every commune portrait page;
#   - the whole site without its PDFs, and the PDFs apart.
# Usage: scripts/bench-weight.sh OUTPUT_DIR        prints a Markdown section on stdout
# (scripts/bench-demo.sh appends it to BENCHMARKS.md for the demo site it built).
set -euo pipefail
out=${1:?usage: bench-weight.sh OUTPUT_DIR}
python3 - "$out" <<'PY'
import gzip, os, re, statistics, sys
out = sys.argv[1]
pat = re.compile(r"^commune/[^/]+/\d{4}-\d{4}\.html$")
raw, packed = [], []
for level_dir, _, names in os.walk(os.path.join(out, "commune")):
    for n in names:
        p = os.path.join(level_dir, n)
        if pat.match(os.path.relpath(p, out)):
            b = open(p, "rb").read()
            raw.append(len(b))
            packed.append(len(gzip.compress(b, 6)))
site = pdf = 0
for d, _, names in os.walk(out):
    for n in names:
        s = os.path.getsize(os.path.join(d, n))
        if n.endswith(".pdf"): pdf += s
        else: site += s
def q(v, k): return sorted(v)[min(len(v) - 1, int(len(v) * k))]
kb = lambda v: f"{v / 1000:.1f}"
print("## Page weight")
print()
print(f"Commune portraits: {len(raw)} pages (`scripts/bench-weight.sh`).")
print()
print("| commune portrait HTML | median (kB) | 90th percentile (kB) | largest (kB) |")
print("|---|---|---|---|")
if raw:
    print(f"| as served | {kb(statistics.median(raw))} | {kb(q(raw, .9))} | {kb(max(raw))} |")
    print(f"| gzipped (level 6) | {kb(statistics.median(packed))} | {kb(q(packed, .9))} | {kb(max(packed))} |")
print()
print(f"Site without its PDFs: {site / 1e9:.2f} GB; the PDFs: {pdf / 1e9:.2f} GB.")
PY
