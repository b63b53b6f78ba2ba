#!/usr/bin/env python3
"""Page weight of built pages: the HTML plus what a browser loads to show it (stylesheets, scripts,
images), each file counted once. Scripts loaded on demand (the search index when the search box is
used, the compare data) are not part of the first view and are not counted.

Usage: page_weight.py OUTPUT_DIR LIMIT_BYTES PAGE [PAGE ...]   (pages relative to OUTPUT_DIR)
Prints each page's weight and its parts; exits 1 when a page is over the limit or refers to a
missing file.

       page_weight.py --site OUTPUT_DIR
The benchmark's page weight of a whole site, as a Markdown section (scripts/bench-weight.sh): every
commune portrait's HTML (median, 90th percentile, largest; as served and gzipped at level 6, as a
host compresses it), and the site's bytes without its documents, the PDFs and the council reports
(ODT) apart.
"""
import gzip
import os
import re
import statistics
import sys

PORTRAIT = re.compile(r"^commune/[^/]+/\d{4}-\d{4}\.html$")

REF = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"#?]+)"')


def weigh(root, page):
    """({file: bytes} of the page and what it loads, [missing references])."""
    path = os.path.join(root, page)
    with open(path, encoding="utf-8") as f:
        html = f.read()
    parts = {page: os.path.getsize(path)}
    missing = []
    for ref in REF.findall(html):
        if ref.startswith(("http:", "https:", "data:")):
            continue
        target = os.path.normpath(os.path.join(os.path.dirname(path), ref))
        if not os.path.exists(target):
            missing.append(ref)
            continue
        parts[os.path.relpath(target, root)] = os.path.getsize(target)
    return parts, missing


def site_weight(root):
    """{"portraits": [(bytes, gzipped bytes)] of every commune portrait over a period,
    "site": bytes of every file but the documents, "pdf": bytes of the PDFs, "odt": bytes of the
    council reports (ODT)}. The documents (printable PDFs, editable reports) are downloads a reader
    asks for one at a time; the site is what its pages show and load."""
    portraits, site, pdf, odt = [], 0, 0, 0
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            size = os.path.getsize(path)
            if name.endswith(".pdf"):
                pdf += size
                continue
            if name.endswith(".odt"):
                odt += size
                continue
            site += size
            if PORTRAIT.match(os.path.relpath(path, root).replace(os.sep, "/")):
                with open(path, "rb") as f:
                    data = f.read()
                portraits.append((len(data), len(gzip.compress(data, 6))))
    return {"portraits": portraits, "site": site, "pdf": pdf, "odt": odt}


def percentile(values, share):
    """The value at `share` (0…1) of the sorted values, nearest rank below."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def site_report(root):
    w = site_weight(root)
    raw = [r for r, _ in w["portraits"]]
    packed = [g for _, g in w["portraits"]]
    kb = lambda v: f"{v / 1000:.1f}"
    lines = ["## Page weight", "", f"Commune portraits: {len(raw)} pages (`scripts/bench-weight.sh`).", "",
             "| commune portrait HTML | median (kB) | 90th percentile (kB) | largest (kB) |", "|---|---|---|---|"]
    for label, values in (("as served", raw), ("gzipped (level 6)", packed)):
        if values:
            lines.append(f"| {label} | {kb(statistics.median(values))} | {kb(percentile(values, .9))} | {kb(max(values))} |")
    lines += ["", f"Site without its documents: {w['site'] / 1e9:.2f} GB; the PDFs: {w['pdf'] / 1e9:.2f} GB; "
                  f"the council reports (ODT): {w['odt'] / 1e9:.2f} GB."]
    return "\n".join(lines)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--site":
        print(site_report(sys.argv[2]))
        return 0
    root, limit, pages = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    failed = 0
    for page in pages:
        parts, missing = weigh(root, page)
        for ref in missing:
            print(f"{page}: missing {ref}")
        failed += len(missing)
        total = sum(parts.values())
        status = "ok" if total <= limit else "OVER"
        print(f"{page}: {total / 1000:.0f} kB ({len(parts)} files, limit {limit / 1000:.0f} kB) {status}")
        for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:5]:
            print(f"    {size / 1000:8.1f} kB  {name}")
        failed += total > limit
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
