#!/usr/bin/env python3
"""Every relative link and image of every HTML page of a built site points to an existing file.

Usage: check_links.py OUTPUT_DIR. A fast complement to linkchecker for sites of tens of thousands of
pages: it parses every page but does not fetch anything. Exits 1 on any broken link.
"""
import os
import re
import sys
from urllib.parse import unquote

LINK = re.compile(r'(?:href|src)="([^"]*)"')


def targets(html):
    """The relative links and images of a page: what must exist beside it (no scheme, no anchor-only)."""
    return [t for t in LINK.findall(html) if t and not t.startswith(("http://", "https://", "mailto:", "#"))]


def resolve(root, folder, target):
    """(path, None) of the file a relative link points to, or (path, why) when it is broken."""
    # The query (the compare page's state) and the fragment are not part of the file.
    file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
    resolved = os.path.abspath(os.path.join(folder, file_part))
    if os.path.commonpath([resolved, os.path.abspath(root)]) != os.path.abspath(root):
        return resolved, "outside the site"
    if not os.path.exists(resolved):
        return resolved, "missing"
    return resolved, None


def check(root):
    """(pages, links, [(page, target, why)]) for every HTML page under root."""
    pages = links = 0
    broken = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                found = targets(f.read())
            links += len(found)
            for target in found:
                _, why = resolve(root, folder, target)
                if why:
                    broken.append((path, target, why))
    return pages, links, broken


def main():
    root = sys.argv[1]
    pages, links, broken = check(root)
    for page, target, why in broken[:50]:
        print(f"BROKEN {os.path.relpath(page, root)} -> {target} ({why})")
    print(f"links: {pages} pages, {links} relative links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
