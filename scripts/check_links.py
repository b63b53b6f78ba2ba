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


def main():
    root = sys.argv[1]
    pages = links = 0
    broken = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for target in LINK.findall(text):
                if target.startswith(("http://", "https://", "mailto:", "#")) or target == "":
                    continue
                links += 1
                # The query (the compare page's state) and the fragment are not part of the file.
                file_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
                resolved = os.path.normpath(os.path.join(folder, file_part))
                if not resolved.startswith(os.path.abspath(root)) and not os.path.abspath(resolved).startswith(os.path.abspath(root)):
                    broken.append((path, target, "outside the site"))
                elif not os.path.exists(resolved):
                    broken.append((path, target, "missing"))
    for page, target, why in broken[:50]:
        print(f"BROKEN {os.path.relpath(page, root)} -> {target} ({why})")
    print(f"links: {pages} pages, {links} relative links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
