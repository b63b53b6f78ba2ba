#!/usr/bin/env python3
"""Accessibility check of built pages with axe-core in headless Chromium.

Usage: a11y_check.py OUTPUT_DIR PAGE [PAGE ...]   (pages relative to OUTPUT_DIR)
Prints every violation; exits 1 when any is serious or critical.
Needs: chromium, chromium-driver (Debian), and the PyPI packages selenium and axe-selenium-python
(which ships axe-core).
"""
import os
import sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def main():
    root, pages = sys.argv[1], sys.argv[2:]
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1024", "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    blocking = 0
    try:
        for page in pages:
            path = os.path.abspath(os.path.join(root, page))
            if not os.path.exists(path):
                print(f"MISSING {page}")
                blocking += 1
                continue
            driver.get("file://" + path)
            axe = Axe(driver)
            axe.inject()
            results = axe.run(options={"resultTypes": ["violations"]})
            violations = results["violations"]
            serious = [v for v in violations if v.get("impact") in ("serious", "critical")]
            blocking += len(serious)
            print(f"{page}: {len(violations)} violations, {len(serious)} serious or critical")
            for v in violations:
                targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
                print(f"  [{v.get('impact')}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes: {targets})")
    finally:
        driver.quit()
    print(f"axe-core: {len(pages)} pages, {blocking} serious or critical violations")
    return 1 if blocking else 0


if __name__ == "__main__":
    sys.exit(main())
