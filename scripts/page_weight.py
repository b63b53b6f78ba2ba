#!/usr/bin/env python3
"""Page weight of built pages: the HTML plus what a browser loads to show it (stylesheets, scripts,
images), each file counted once. Scripts loaded on demand (the search index when the search box is
used, the compare data) are not part of the first view and are not counted.

Usage: page_weight.py OUTPUT_DIR LIMIT_BYTES PAGE [PAGE ...]   (pages relative to OUTPUT_DIR)
Prints each page's weight and its parts; exits 1 when a page is over the limit or refers to a
missing file.
"""
import os
import re
import sys

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


def main():
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
