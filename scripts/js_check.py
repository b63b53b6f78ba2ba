#!/usr/bin/env python3
"""Behaviour check of the site's JavaScript (assets/portraits.*.js) in headless Chromium, over file://.

Usage: js_check.py OUTPUT_DIR [--commune 67482] [--commune-postal 67000] [--other-commune 88413]
                   [--other-postal 88100] [--epci 246700488] [--departement 67] [--region 44]
                   [--period 2019-2021] [--explorer commune/67482/explorateur.html]

Opens the built pages from disk and checks: the header search (lazy index, matching of accents,
case, "st"/"saint", codes and postal codes, ranking, at most 8 suggestions, keyboard, live region,
results page), the compare page (state in the URL, table values in French format, one bar chart per
indicator, land-cover composition, picker, "Retirer", period, missing data), the map explorer
(curtain, range, pointer drag, selects, overlay, side by side) at 1280 and 390 px, and that no page
asks anything from another site. Prints one line per check; exits 1 on the first failed section
summary with every failure listed.
Needs: chromium, chromium-driver (Debian) and the PyPI package selenium (as a11y_check.py).
"""
import argparse
import json
import math
import os
import re
import sys
import time
import unicodedata
import urllib.parse
from decimal import ROUND_HALF_UP, Decimal

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

NBSP, NNBSP, MINUS = "\u00a0", "\u202f", "\u2212"
LEVEL_RANK = {"region": 0, "departement": 1, "epci": 2, "scot": 3, "commune": 4}


class CheckFailed(Exception):
    pass


class Checker:
    def __init__(self, root, args):
        self.root = os.path.abspath(root)
        self.args = args
        self.failures = []
        self.passed = 0
        options = Options()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                    "--allow-file-access-from-files", "--lang=fr-FR"):
            options.add_argument(arg)
        options.binary_location = "/usr/bin/chromium"
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.d.set_script_timeout(30)
        self.index = None

    # ------------------------------------------------------------------ plumbing
    def ok(self, what):
        self.passed += 1
        print(f"ok    {what}")

    def check(self, cond, what, detail=""):
        if cond:
            self.ok(what)
        else:
            msg = f"{what}" + (f" — {detail}" if detail else "")
            self.failures.append(msg)
            print(f"FAIL  {msg}")
        return cond

    def require(self, cond, what, detail=""):
        if not self.check(cond, what, detail):
            raise CheckFailed(what)

    def skip(self, what, why):
        print(f"skip  {what} ({why})")

    def url(self, page):
        path, _, query = page.partition("?")
        full = os.path.join(self.root, path)
        return "file://" + urllib.parse.quote(full) + ("?" + query if query else "")

    def open(self, page, width=1280):
        self.set_width(width)
        path = os.path.join(self.root, page.partition("?")[0])
        if not os.path.exists(path):
            raise CheckFailed(f"missing page {page}")
        self.d.get(self.url(page))
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete", f"{page} loaded")
        self.d.get_log("browser")  # drop the messages of earlier pages

    def set_width(self, width):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False})

    def wait(self, cond, what, timeout=8):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.05).until(cond)
        except TimeoutException:
            raise CheckFailed(f"timeout: {what}")

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def text(self, el):
        return self.js("return arguments[0].textContent", el)

    def visible(self, el):
        return self.js("var r = arguments[0].getBoundingClientRect(); var s = getComputedStyle(arguments[0]);"
                       "return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'", el)

    def rect(self, el):
        return self.js("var r = arguments[0].getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}", el)

    def console_errors(self, allow=()):
        errors = []
        for entry in self.d.get_log("browser"):
            if entry.get("level") != "SEVERE":
                continue
            if any(a in entry.get("message", "") for a in allow):
                continue
            errors.append(entry["message"][:200])
        return errors

    def offsite(self):
        """Resources fetched (or referenced) from anything but file://."""
        return self.js("""
            var out = [];
            performance.getEntriesByType('resource').forEach(function (e) { if (!/^file:/.test(e.name)) out.push(e.name); });
            document.querySelectorAll('script[src], img[src], link[href][rel~=stylesheet], iframe[src]').forEach(function (n) {
              var u = n.src || n.href; if (u && !/^file:/.test(u)) out.push(u);
            });
            return out;""")

    def file_of(self, href):
        if not href.startswith("file://"):
            return None
        return urllib.parse.unquote(urllib.parse.urlsplit(href).path)

    # ------------------------------------------------------------------ index of territories
    def load_index(self):
        self.open("index.html")
        self.js("var s = document.createElement('script'); s.src = document.body.getAttribute('data-root') + 'donnees/recherche.js';"
                "document.head.appendChild(s);")
        self.wait(lambda d: d.execute_script("return !!window.PORTRAITS_SEARCH"), "donnees/recherche.js")
        data = self.js("return window.PORTRAITS_SEARCH")
        self.index = {f"{i[1]}-{i[2]}": i for i in data["items"]}
        self.levels = data["levels"]
        return data

    def item(self, level, code):
        it = self.index.get(f"{level}-{code}")
        if not it:
            raise CheckFailed(f"{level} {code} is not in donnees/recherche.js (use the arguments to pick other territories)")
        return it

    # ------------------------------------------------------------------ header search
    def search_input(self):
        return self.d.find_element(By.ID, "recherche-q")

    def options(self, listbox="recherche-suggestions"):
        return self.js("""var l = document.getElementById(arguments[0]);
            return Array.from(l.querySelectorAll('[role=option]')).filter(function (o) { return o.getAttribute('aria-disabled') !== 'true'; })
              .map(function (o) { var a = o.querySelector('a'); return {id: o.id, text: o.textContent, selected: o.getAttribute('aria-selected'),
                name: (o.querySelector('.s-name') || o).textContent.trim(), href: a ? a.href : ''}; });""", listbox)

    def listbox_open(self, listbox="recherche-suggestions"):
        return self.js("return !document.getElementById(arguments[0]).hidden", listbox)

    def type_query(self, query, input_id="recherche-q", listbox="recherche-suggestions"):
        box = self.d.find_element(By.ID, input_id)
        box.click()
        self.js("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", box)
        box.send_keys(query)
        self.wait(lambda d: self.listbox_open(listbox) and (self.options(listbox) or
                  d.execute_script("return !!document.querySelector('#' + arguments[0] + ' [aria-disabled=true]')", listbox)),
                  f"suggestions for « {query} »")
        return box, self.options(listbox)

    def check_search(self):
        a = self.args
        commune = self.item("commune", a.commune)
        other = self.item("commune", a.other_commune)
        epci = self.item("epci", a.epci)
        dep = self.item("departement", a.departement)
        region = self.item("region", a.region)

        self.open("index.html")
        self.check(self.js("return window.PORTRAITS_SEARCH === undefined && !document.querySelector('script[src*=\"recherche.js\"]')"),
                   "search: the index is not loaded before the box is used")
        box = self.search_input()
        box.click()
        self.wait(lambda d: d.execute_script("return !!window.PORTRAITS_SEARCH"), "index loaded on focus")
        src = self.js("var s = document.querySelector('script[src*=\"recherche.js\"]'); return s ? s.getAttribute('src') : ''")
        self.check(src == "donnees/recherche.js", "search: index injected on focus as <script src=ROOT+donnees/recherche.js>", src)

        def first_is(query, item, what):
            _, opts = self.type_query(query)
            names = [o["name"] for o in opts]
            good = bool(opts) and opts[0]["name"] == item[0] and f"{item[2]}" in opts[0]["text"]
            self.check(good, f"search: « {query} » → {item[0]} first ({what})", f"got {names[:4]}")
            return opts

        opts = first_is(commune[0], commune, "exact name")
        self.check(1 <= len(opts) <= 8, f"search: 1 to 8 suggestions ({len(opts)})")
        self.check(self.search_input().get_attribute("aria-expanded") == "true", "search: aria-expanded=true while the list is open")
        self.check(all(o["id"] for o in opts), "search: every option has an id")
        target = self.file_of(opts[0]["href"]) if opts else None
        self.check(bool(target) and target.endswith(commune[3]) and os.path.exists(target),
                   "search: the option links to ROOT + path of the portrait, which exists", str(target))
        live = self.wait(lambda d: d.execute_script(
            "var p = document.querySelector('form.search [aria-live]'); return p && /\\d.* territoires? trouvés?/.test(p.textContent) ? p.textContent : ''"),
            "live region")
        self.check(bool(live), f"search: live region announces « {live.strip()} »")

        plain = strip_accents(other[0]).upper().replace("-", " ")
        first_is(plain, other, "upper case, no accents, spaces for hyphens")
        first_is(other[0].lower().replace("-", "'"), other, "apostrophes for hyphens")
        words = normalize_words(other[0])
        if words and words[0] in ("saint", "sainte"):
            short = ("st" if words[0] == "saint" else "ste") + " " + " ".join(words[1:])
            first_is(short, other, f"{words[0]} → {short.split()[0]}")
            first_is("st " + words[1][:3], other, "st + start of the next word")
        else:
            self.skip("search: st/saint", f"{other[0]} does not start with Saint")
        _, opts = self.type_query("saint")
        self.check(bool(opts) and all(any(w.startswith("saint") for w in normalize_words(o["name"])) for o in opts),
                   "search: « saint » only matches names with a word starting with Saint", str([o["name"] for o in opts]))
        _, opts = self.type_query("st")
        self.check(any("saint" in normalize_words(o["name"]) or "sainte" in normalize_words(o["name"]) for o in opts),
                   "search: « st » finds Saint… names")

        first_is(commune[2], commune, "INSEE code")
        first_is(epci[2], epci, "SIREN")
        first_is(dep[2], dep, "département code")
        first_is(region[2], region, "région code")
        first_is(dep[0], dep, "département name")
        opts = first_is(commune[0].lower(), commune, "lower case")
        print(f"info  search: « {commune[0].lower()} » then proposes {[o['name'] for o in opts[1:4]]}")

        for postal, item in ((a.other_postal, other), (a.commune_postal, commune)):
            _, opts = self.type_query(postal)
            hit = [o for o in opts if o["name"] == item[0]]
            self.check(bool(hit) and f"code postal {postal}" in hit[0]["text"],
                       f"search: postal code {postal} → {item[0]} with « code postal {postal} »",
                       str([o["text"][:60] for o in opts][:4]))
        self.js("document.querySelector('form.search [aria-live]').textContent = ''")
        _, opts = self.type_query(a.other_postal[:3])
        total = self.wait(lambda d: d.execute_script(
            "var m = /(\\d[\\d\\s\u202f]*) territoires? trouvés?/.exec(document.querySelector('form.search [aria-live]').textContent);"
            "return m ? parseInt(m[1].replace(/\\D/g, ''), 10) : 0"), "live region count")
        self.check(len(opts) == min(8, total), f"search: « {a.other_postal[:3]} » → {total} found, {len(opts)} suggestions (at most 8)")

        # Ranking: exact name, then names starting with the query, then level, then alphabetical.
        for query in ("saint", "bas", "stras"):
            _, opts = self.type_query(query)
            keys = []
            for o in opts:
                it = next((i for i in self.index.values() if i[0] == o["name"] and str(i[2]) in o["text"]), None)
                if not it:
                    continue
                n, q = " ".join(normalize_words(it[0])), " ".join(normalize_words(query))
                tier = 0 if n == q else 1 if n.startswith(q) else 2
                keys.append((tier, LEVEL_RANK.get(it[1], 9)))
            self.check(keys == sorted(keys) and len(keys) == len(opts),
                       f"search: ranking of « {query} » (exact, starts with, level, name)", str(keys))

        # Keyboard.
        box, opts = self.type_query(commune[0])
        box.send_keys(Keys.ARROW_DOWN)
        act = box.get_attribute("aria-activedescendant")
        sel = self.js("var o = document.getElementById(arguments[0]); return o ? o.getAttribute('aria-selected') : null", act)
        self.check(act == opts[0]["id"] and sel == "true", "search: ArrowDown → first option active (aria-activedescendant, aria-selected)")
        if len(opts) > 1:
            box.send_keys(Keys.ARROW_DOWN)
            self.check(box.get_attribute("aria-activedescendant") == opts[1]["id"], "search: ArrowDown → second option")
            box.send_keys(Keys.ARROW_UP)
            self.check(box.get_attribute("aria-activedescendant") == opts[0]["id"], "search: ArrowUp → first option again")
        box.send_keys(Keys.ESCAPE)
        self.check(not self.listbox_open() and box.get_attribute("aria-expanded") == "false" and box.get_attribute("value") == commune[0],
                   "search: Escape closes the list and keeps the text")
        box.send_keys(Keys.ARROW_DOWN)
        self.check(self.listbox_open() and box.get_attribute("aria-activedescendant") == opts[0]["id"], "search: ArrowDown reopens the list")
        box.send_keys(Keys.ENTER)
        self.wait(lambda d: d.current_url.endswith(commune[3]), "Enter follows the active option")
        self.ok(f"search: Enter on the active option opens {commune[3]}")

        # From a territory page (root "../../"): mouse click on an option.
        root = self.js("return document.body.getAttribute('data-root')")
        self.check(root == "../../", f"page: <body data-root> on a portrait is « {root} »")
        comp_link = self.js("var a = document.querySelector('a[href*=\"comparer.html?t=\"]'); return a ? a.getAttribute('href') : ''")
        self.check(f"t=commune-{a.commune}" in comp_link, "portrait: links to comparer.html?t=its-id", comp_link)
        self.d.get_log("browser")
        box, opts = self.type_query(dep[0])
        self.d.find_element(By.CSS_SELECTOR, "#recherche-suggestions [role=option] a").click()
        self.wait(lambda d: d.current_url.endswith(dep[3]), "click follows the option")
        self.ok(f"search: a click on a suggestion opens {dep[3]} (from a page two folders down)")

        # Focus leaving the form closes the list (Tab to the button stays in the form, Tab again leaves it).
        self.open("index.html")
        box, _ = self.type_query(commune[0])
        box.send_keys(Keys.TAB)
        self.check(self.js("return document.activeElement.closest('form.search') !== null"), "search: Tab moves to the « Rechercher » button")
        self.d.switch_to.active_element.send_keys(Keys.TAB)
        time.sleep(0.1)
        self.check(not self.listbox_open() and self.search_input().get_attribute("aria-expanded") == "false",
                   "search: the list closes when the focus leaves the form")

        # Enter with no active option: results page.
        self.open("index.html")
        query = other[0].lower()
        box, _ = self.type_query(query)
        box.send_keys(Keys.ENTER)
        self.wait(lambda d: "recherche.html" in d.current_url, "Enter submits to recherche.html")
        self.ok("search: Enter with no active option submits the form to recherche.html")
        self.check_results_page(query, other)
        errs = self.console_errors()
        self.check(not errs, "search: no error in the console", "; ".join(errs))

    def check_results_page(self, query, item):
        page = self.d.find_element(By.ID, "recherche-page")
        count = self.wait(lambda d: re.search(r"\d[\d\s]* territoires? pour « ?" + re.escape(query) + r" ?»", self.text(page), re.I),
                          "results count").group(0)
        self.ok(f"results: « {count} »")
        self.check(self.search_input().get_attribute("value") == query, "results: the header box is prefilled with q")
        heads = [self.text(h).strip() for h in page.find_elements(By.CSS_SELECTOR, "h2")]
        self.check(bool(heads), f"results: grouped by level {heads}")
        links = self.js("return Array.from(document.querySelectorAll('#recherche-page a')).map(function (a) { return [a.textContent, a.href]; })")
        hit = [l for l in links if l[0] == item[0]]
        self.check(bool(hit) and (self.file_of(hit[0][1]) or "").endswith(item[3]), f"results: link to {item[0]}")

        self.open("recherche.html")
        help_text = self.text(self.d.find_element(By.ID, "recherche-page")).strip()
        self.check(len(help_text) > 40, "results: help text without q")
        self.open("recherche.html?q=zzqxw")
        self.wait(lambda d: "Aucun territoire" in self.text(d.find_element(By.ID, "recherche-page")), "no match message")
        self.ok("results: « Aucun territoire » when nothing matches")

    # ------------------------------------------------------------------ compare page
    def meta(self):
        return self.js("return JSON.parse(document.getElementById('comparer-meta').textContent)")

    def wait_table(self, columns):
        self.wait(lambda d: d.execute_script("var t = document.querySelector('#comparer table'); return t && t.querySelectorAll('thead th[scope=col]').length === arguments[0]", columns + 1),
                  f"table with {columns} territories")

    def compare_state(self):
        return self.js("""
            var t = document.querySelector('#comparer table');
            return {
              search: location.search,
              cols: Array.from(document.querySelectorAll('#comparer thead th[scope=col]')).map(function (th) { return th.textContent; }),
              rows: t ? Array.from(t.querySelectorAll('tbody tr')).filter(function (tr) { return tr.querySelector('td'); }).map(function (tr) {
                return [tr.querySelector('th').textContent, Array.from(tr.querySelectorAll('td')).map(function (td) { return td.textContent; })]; }) : [],
              groups: t ? t.querySelectorAll('tbody th[colspan]').length : 0,
              caption: t && t.caption ? t.caption.textContent : '',
              chosen: document.querySelectorAll('#comparer .cmp-chosen-item').length,
              period: (document.querySelector('#comparer select') || {}).value
            };""")

    def check_compare(self):
        a = self.args
        ids = [f"commune-{a.commune}", f"departement-{a.departement}"]
        self.open("comparer.html?t=" + ",".join(ids) + "&p=" + a.period)
        meta = self.meta()
        inds = meta["indicators"]
        self.wait_table(2)
        st = self.compare_state()
        data = self.js("return window.PORTRAITS_DATA")
        self.require(all(i in data for i in ids), "compare: data scripts loaded (donnees/territoires/ID.js)")
        names = [data[i]["name"] for i in ids]
        self.check(all(n in c for n, c in zip(names, st["cols"][1:])), f"compare: one column per territory {names}")
        self.check(st["period"] == a.period, f"compare: period select on {a.period} from ?p=")
        self.check(len(st["rows"]) == len(inds), f"compare: one row per indicator ({len(st['rows'])})")
        groups = len({i.get("group", "") for i in inds})
        self.check(st["groups"] == groups, f"compare: rows grouped by theme ({st['groups']} groups)")
        self.check_values(st, data, ids, inds, a.period)
        self.check(f"t={','.join(ids)}" in urllib.parse.unquote(st["search"]) and f"p={a.period}" in st["search"],
                   "compare: state kept in the URL", st["search"])

        charts = self.js("""return Array.from(document.querySelectorAll('#comparer svg.cmp-bars')).map(function (s) {
            var zero = s.querySelector('line'); var zx = zero ? zero.getBBox().x : null;
            return {role: s.getAttribute('role'), label: s.getAttribute('aria-label') || '',
                    bars: Array.from(s.querySelectorAll('rect')).map(function (r) { var b = r.getBBox(); return [b.x, b.width, r.getAttribute('fill')]; }),
                    zero: zx}; });""")
        self.check(len(charts) == len(inds), f"compare: one bar chart per indicator ({len(charts)} inline SVG)")
        self.check(all(c["role"] == "img" and all(n in c["label"] for n in names) for c in charts),
                   "compare: every chart has role=img and an aria-label with the names and values")
        nulls = sum(1 for i in inds for t in ids if not is_num(value(data[t], a.period, i["id"])))
        self.check(sum(len(c["bars"]) for c in charts) == len(inds) * len(ids) - nulls, "compare: one bar per territory and value")
        fills = {c["bars"][k][2] for c in charts for k in range(len(c["bars"]))}
        self.check(len(fills) >= len(ids), f"compare: distinct colours per territory {sorted(fills)}")
        neg_ok = True
        for c, ind in zip(charts, inds):
            vals = [value(data[t], a.period, ind["id"]) for t in ids]
            bars = iter(c["bars"])
            for v in vals:
                if not is_num(v):
                    continue
                x, w, _ = next(bars)
                if v < 0 and not (x + w <= c["zero"] + 0.6):
                    neg_ok = False
                if v > 0 and not (x >= c["zero"] - 0.6):
                    neg_ok = False
        self.check(neg_ok, "compare: positive bars right of the zero line, negative ones left")

        p = next(pp for pp in meta["periods"] if pp["id"] == a.period)
        stacks = self.js("""return Array.from(document.querySelectorAll('#comparer svg.cmp-stack')).map(function (s) {
            return {label: s.getAttribute('aria-label') || '', role: s.getAttribute('role'),
                    fills: Array.from(s.querySelectorAll('rect')).map(function (r) { return r.getAttribute('fill'); }),
                    width: Array.from(s.querySelectorAll('rect')).reduce(function (t, r) { return t + parseFloat(r.getAttribute('width')); }, 0)}; });""")
        expected = sum(1 for t in ids for y in (p["start"], p["end"]) if sum(x or 0 for x in data[t]["stock"].get(str(y), []) or []) > 0)
        self.check(len(stacks) == expected, f"compare: composition bars {p['start']} and {p['end']} per territory ({len(stacks)})")
        colours = {c["color"].lower() for c in meta["classes"]}
        self.check(all(abs(s["width"] - 100) < 0.5 and {f.lower() for f in s["fills"]} <= colours and s["role"] == "img" and "%" in s["label"]
                       for s in stacks), "compare: 100 % stacked bars in class colours, with role=img and aria-label")
        legend = self.js("return document.querySelectorAll('#comparer .cmp-legend li').length")
        self.check(legend == len(meta["classes"]), f"compare: legend of the {legend} classes")
        links = self.js("return Array.from(document.querySelectorAll('#comparer .cmp-chosen-item a')).map(function (a) { return a.href; })")
        self.check(len(links) == 2 and all((self.file_of(h) or "").endswith(data[t]["periods"][a.period]["path"]) and os.path.exists(self.file_of(h))
                                           for h, t in zip(links, ids)), "compare: link to each portrait for the period")

        # Add a territory with the picker (keyboard).
        other = self.item("commune", a.other_commune)
        box, opts = self.type_query(other[0], "comparer-q", "comparer-suggestions")
        box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ENTER)
        self.wait_table(3)
        st = self.compare_state()
        self.check(st["chosen"] == 3 and f"commune-{a.other_commune}" in st["search"], "compare: the picker adds a territory (ArrowDown, Enter) and the URL follows", st["search"])
        self.check(self.js("return document.activeElement.id") == "comparer-q", "compare: the focus stays in the picker")
        data = self.js("return window.PORTRAITS_DATA")
        self.check_values(st, data, ids + [f"commune-{a.other_commune}"], inds, a.period)
        # Already chosen territories are not proposed again.
        _, opts = self.type_query(data[ids[0]]["name"], "comparer-q", "comparer-suggestions")
        self.check(all(o["name"] != data[ids[0]]["name"] or data[ids[0]]["code"] not in o["text"] for o in opts),
                   "compare: the picker does not propose a chosen territory")
        self.js("document.getElementById('comparer-q').blur()")

        # Period.
        other_period = next((pp for pp in meta["periods"] if pp["id"] != a.period), None)
        if other_period:
            Select(self.d.find_element(By.CSS_SELECTOR, "#comparer select")).select_by_value(other_period["id"])
            self.wait(lambda d: other_period["label"] in self.compare_state()["caption"], "caption with the new period")
            st = self.compare_state()
            self.check(f"p={other_period['id']}" in st["search"], f"compare: period {other_period['id']} in the table and the URL", st["search"])
            self.check_values(st, data, ids + [f"commune-{a.other_commune}"], inds, other_period["id"])

        # Remove.
        self.d.find_element(By.CSS_SELECTOR, "#comparer .cmp-chosen-item button").click()
        self.wait_table(2)
        self.check(self.compare_state()["chosen"] == 2 and ids[0] not in self.compare_state()["search"], "compare: « Retirer » removes a territory")
        self.d.find_element(By.CSS_SELECTOR, "#comparer .cmp-chosen-item button").click()
        self.wait(lambda d: self.compare_state()["chosen"] == 1, "one territory left")
        hint = self.js("var h = document.querySelector('#comparer .cmp-hint'); return h && !h.hidden ? h.textContent : ''")
        self.check("deux" in hint and not self.compare_state()["rows"], f"compare: with one territory, the hint « {hint} » and no table")
        errs = self.console_errors()
        self.check(not errs, "compare: no error in the console", "; ".join(errs))

        # Start from a portrait link, default period, maximum, missing data.
        self.open(f"comparer.html?t=commune-{a.commune}")
        self.wait(lambda d: self.compare_state()["chosen"] == 1, "one territory")
        st = self.compare_state()
        self.check(st["period"] == meta["defaultPeriod"], f"compare: ?t=ID alone → 1 territory, default period {meta['defaultPeriod']}")
        many = [f"commune-{a.commune}", f"departement-{a.departement}", f"commune-{a.other_commune}", f"epci-{a.epci}", f"region-{a.region}"]
        self.open("comparer.html?t=" + ",".join(many))
        mx = int(self.js("return document.getElementById('comparer').getAttribute('data-max')") or 4)
        self.wait_table(min(mx, len(many)))
        self.check(self.compare_state()["chosen"] == min(mx, len(many)), f"compare: at most data-max = {mx} territories")
        self.open(f"comparer.html?t=commune-{a.commune},commune-00000")
        self.wait(lambda d: "introuvables pour" in self.text(d.find_element(By.ID, "comparer")), "missing data message")
        self.ok("compare: « données introuvables pour … » for a missing data file")
        self.console_errors()

    def check_values(self, st, data, ids, inds, period):
        bad = []
        for (label, cells), ind in zip(st["rows"], inds):
            for cell, tid in zip(cells, ids):
                want = fr_value(value(data[tid], period, ind["id"]), ind.get("decimals", 1), ind.get("unit", ""))
                if cell != want:
                    bad.append(f"{ind['id']}/{tid}: {cell!r} ≠ {want!r}")
        self.check(not bad and st["rows"], f"compare: {len(st['rows']) * len(ids)} values of {period} in French format (decimal comma, U+202F, NBSP unit, — for null)",
                   "; ".join(bad[:4]))

    # ------------------------------------------------------------------ explorer
    def check_explorer(self):
        page = self.args.explorer
        self.open(page)
        ex = self.d.find_element(By.CSS_SELECTOR, "[data-explorer]")
        controls = ex.find_element(By.CSS_SELECTOR, ".explorer-controls")
        self.check(self.visible(controls), "explorer: controls shown")
        right_panes = ex.find_elements(By.CSS_SELECTOR, ".explorer-right")
        if not right_panes:
            self.skip("explorer: curtain", "one map only")
            return
        rng = ex.find_element(By.CSS_SELECTOR, ".explorer-range")
        left, right = ex.find_element(By.CSS_SELECTOR, ".explorer-left"), right_panes[0]
        self.check(self.visible(rng), "explorer: range shown")

        def clip():
            return self.js("return getComputedStyle(arguments[0]).clipPath", right)

        def clip_pct():
            m = re.search(r"inset\(0px 0px 0px ([\d.]+)%\)", clip())
            return float(m.group(1)) if m else None

        def main_img(pane):
            return pane.find_element(By.CSS_SELECTOR, "img:not(.explorer-overlay)")

        start = float(rng.get_attribute("value"))
        self.check(clip_pct() == start, f"explorer: rideau, right pane clipped at the range's initial value, {start:g} % ({clip()})")
        lr, rr = self.rect(main_img(left)), self.rect(main_img(right))
        self.check(all(abs(lr[k] - rr[k]) < 1 for k in "xywh") and lr["w"] > 0, "explorer: the two maps are stacked exactly", f"{lr} {rr}")
        w_attr = float(main_img(left).get_attribute("width") or 0)
        h_attr = float(main_img(left).get_attribute("height") or 0)
        if w_attr and h_attr:
            self.check(abs(lr["h"] / lr["w"] - h_attr / w_attr) < 0.02, "explorer: maps keep their ratio")
        overlays = ex.find_elements(By.CSS_SELECTOR, ".explorer-overlay")
        if overlays:
            rects = [self.rect(o) for o in overlays]
            self.check(all(all(abs(r[k] - lr[k]) < 1 for k in "xywh") for r in rects), f"explorer: the {len(overlays)} overlays cover the maps exactly")
        handle = self.js("var h = arguments[0].querySelector('.explorer-handle'); if (!h) return null; var r = h.getBoundingClientRect();"
                         "return r.left + r.width / 2", ex)
        self.check(handle is not None and abs(handle - (lr["x"] + lr["w"] * start / 100)) < 3, "explorer: handle line at the curtain position")

        self.js("arguments[0].focus()", rng)
        rng.send_keys(Keys.HOME)
        for _ in range(3):
            rng.send_keys(Keys.ARROW_RIGHT)
        self.check(rng.get_attribute("value") == "3" and clip_pct() == 3, f"explorer: keyboard on the range moves the curtain (Home, 3 × →: {clip()})")
        rng.send_keys(Keys.END)
        self.check(clip_pct() == 100, "explorer: End → curtain at 100 %")

        maps = self.js("return arguments[0].querySelector('.explorer-maps') || arguments[0].querySelector('[data-stage]')", ex)
        r = self.rect(maps)
        ActionChains(self.d).move_to_element_with_offset(maps, int(-r["w"] / 4), 0).click_and_hold() \
            .move_by_offset(int(r["w"] / 2), 5).release().perform()
        pct = clip_pct()
        self.check(pct is not None and abs(pct - 75) < 3, f"explorer: dragging on the maps moves the curtain (25 % → 75 %: {pct})")
        self.check(abs(float(rng.get_attribute("value")) - 75) < 3, "explorer: the range follows the drag")

        for sel_css, pane in (("select[data-left]", left), ("select[data-right]", right)):
            sels = ex.find_elements(By.CSS_SELECTOR, sel_css)
            if not sels:
                continue
            sel = Select(sels[0])
            current = sel.first_selected_option.get_attribute("value")
            choice = next(o for o in sel.options if o.get_attribute("value") != current)
            sel.select_by_value(choice.get_attribute("value"))
            img = main_img(pane)
            cap = self.text(pane.find_element(By.CSS_SELECTOR, "figcaption")).strip()
            self.check(img.get_attribute("src").endswith(choice.get_attribute("value")) and img.get_attribute("alt") == choice.get_attribute("data-alt")
                       and cap == choice.text.strip(), f"explorer: {sel_css} swaps src, alt and caption ({cap})")
            loaded = self.wait(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img), "new map loaded")
            self.check(loaded, "explorer: the chosen map loads")

        boxes = ex.find_elements(By.CSS_SELECTOR, "input[data-overlay]")
        if boxes and overlays:
            boxes[0].click()
            self.check(not any(self.visible(o) for o in overlays), "explorer: unchecking the layer hides every overlay")
            boxes[0].click()
            self.check(all(self.visible(o) for o in overlays), "explorer: checking it shows them again")
        else:
            self.skip("explorer: overlay", "no extra layer on this site")

        ex.find_element(By.CSS_SELECTOR, "input[name=mode][value=cote-a-cote]").click()
        lr, rr = self.rect(main_img(left)), self.rect(main_img(right))
        self.check(clip() in ("none", "") and not self.visible(rng), "explorer: côte à côte: no clip, no range")
        self.check(rr["x"] >= lr["x"] + lr["w"] - 1 and abs(rr["y"] - lr["y"]) < 2, "explorer: côte à côte at 1280 px: panes side by side")
        ex.find_element(By.CSS_SELECTOR, "input[name=mode][value=rideau]").click()
        self.check(clip_pct() is not None and self.visible(rng), "explorer: back to rideau")
        errs = self.console_errors()
        self.check(not errs, "explorer: no error in the console", "; ".join(errs))

        # Narrow screen.
        self.open(page, width=390)
        ex = self.d.find_element(By.CSS_SELECTOR, "[data-explorer]")
        left, right = ex.find_element(By.CSS_SELECTOR, ".explorer-left"), ex.find_element(By.CSS_SELECTOR, ".explorer-right")
        lr = self.rect(main_img(left))
        self.check(0 < lr["w"] <= 390 and lr["x"] >= 0, f"explorer: at 390 px the map fits the screen ({lr['w']:.0f} px)")
        ex.find_element(By.CSS_SELECTOR, "input[name=mode][value=cote-a-cote]").click()
        lr, rr = self.rect(main_img(left)), self.rect(main_img(right))
        self.check(rr["y"] >= lr["y"] + lr["h"] - 1, "explorer: côte à côte at 390 px: panes stacked")

    # ------------------------------------------------------------------ every page
    def check_pages(self):
        a = self.args
        pages = ["index.html", "recherche.html?q=" + urllib.parse.quote(a.commune),
                 f"comparer.html?t=commune-{a.commune},departement-{a.departement}&p={a.period}", a.explorer]
        for width in (1280, 390):
            for page in pages:
                self.open(page, width=width)
                time.sleep(0.4)
                wide = self.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                self.check(wide <= 1, f"layout: {page} at {width} px has no horizontal scroll ({wide} px)")
                if width == 1280:
                    off = self.offsite()
                    self.check(not off, f"offline: {page} loads nothing from another site", ", ".join(off[:3]))
                    errs = self.console_errors()
                    self.check(not errs, f"console: {page} without error", "; ".join(errs))

    def check_members(self):
        """An EPCI portrait's member table sorts by a column header (numbers by value, names in
        French order), ascending then descending, with aria-sort."""
        epcis = sorted(os.listdir(os.path.join(self.root, "epci"))) if os.path.isdir(os.path.join(self.root, "epci")) else []
        page = next((f"epci/{e}/{self.args.period}.html" for e in epcis if os.path.exists(os.path.join(self.root, "epci", e, f"{self.args.period}.html"))), None)
        if not page:
            return self.skip("members: sortable table", "no EPCI portrait for the period")
        self.open(page)
        rows = "return [...document.querySelectorAll('table.members tbody tr')].map(r => [r.cells[0].textContent.trim(), r.cells[arguments[0]].getAttribute('data-sort')])"
        before = self.js(rows, 3)
        self.require(len(before) >= 2, f"members: {page} lists {len(before)} members")
        buttons = self.d.find_elements(By.CSS_SELECTOR, "table.members thead th button.sort")
        self.require(len(buttons) >= 6, f"members: every column header is a button ({len(buttons)})")
        def values(col):
            return [float(v) if v else None for _, v in self.js(rows, col)]
        buttons[3].click()
        v = [x for x in values(3) if x is not None]
        self.check(v == sorted(v), "members: « par an » ascending after one click", str(v[:5]))
        self.check(self.js("return document.querySelectorAll('table.members thead th')[3].getAttribute('aria-sort')") == "ascending", "members: aria-sort=ascending")
        buttons[3].click()
        v = [x for x in values(3) if x is not None]
        self.check(v == sorted(v, reverse=True), "members: descending after a second click", str(v[:5]))
        buttons[0].click()
        names = [n for n, _ in self.js(rows, 1)]
        # French order as Intl.Collator("fr") gives it: accents and case ignored, punctuation and
        # spaces before letters.
        key = lambda n: re.sub(r"[-'’ ]", " ", strip_accents(n).lower())
        self.check(names == sorted(names, key=key), "members: names in French order", str(names[:4]))
        self.check(sorted(names) == sorted(n for n, _ in before), "members: the same rows, reordered")

    def check_tooltips(self):
        """Chart hotspots: a tooltip with the exact label and value on hover and on keyboard focus;
        one tab stop per chart, the arrow keys move along its hotspots."""
        page = f"commune/{self.args.commune}/{self.args.period}.html"
        self.open(page)
        hits = self.d.find_elements(By.CSS_SELECTOR, "svg.chart-wide#graphique-stock g.hits > rect")
        self.require(len(hits) >= 2, f"tooltips: the stock chart has hotspots ({len(hits)})")
        tabs = [h.get_attribute("tabindex") for h in hits]
        self.check(tabs[0] == "0" and all(t == "-1" for t in tabs[1:]), "tooltips: one tab stop per chart (roving tabindex)", str(tabs[:4]))
        label = hits[1].get_attribute("aria-label") or ""
        self.check(label.endswith("\u00a0ha") and " : " in label, f"tooltips: hotspot labelled « {label} »")
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", hits[1])
        ActionChains(self.d).move_to_element(hits[1]).perform()
        tip = "const t = document.querySelector('.chart-tip'); return t && !t.hidden ? t.textContent : null"
        self.check(self.js(tip) == label, "tooltips: hovering a bar shows its label and value", str(self.js(tip)))
        self.js("arguments[0].focus()", hits[0])
        first = hits[0].get_attribute("aria-label")
        self.check(self.js(tip) == first, "tooltips: keyboard focus shows the tooltip", str(self.js(tip)))
        ActionChains(self.d).send_keys(Keys.ARROW_RIGHT).perform()
        active = self.js("return document.activeElement.getAttribute('aria-label')")
        self.check(active == label and self.js(tip) == label, "tooltips: → moves to the next hotspot and its tooltip", str(active))
        self.check(hits[1].get_attribute("tabindex") == "0" and hits[0].get_attribute("tabindex") == "-1", "tooltips: the tab stop follows the focus")
        ActionChains(self.d).send_keys(Keys.ESCAPE).perform()
        self.check(self.js(tip) is None, "tooltips: Escape hides the tooltip")
        # The phone layout's hotspots (written without titles) get the desktop layout's labels.
        self.open(page, width=390)
        labels = "return [...document.querySelectorAll(arguments[0] + ' g.hits > rect')].map(r => r.getAttribute('aria-label'))"
        wide, narrow = self.js(labels, "svg#graphique-stock"), self.js(labels, "svg#graphique-stock-etroit")
        self.check(len(narrow) == len(wide) and narrow == wide and all(narrow), "tooltips: the phone layout's hotspots carry the same labels", str(narrow[:2]))
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", self.d.find_element(By.CSS_SELECTOR, "svg#graphique-stock-etroit"))
        self.js("document.querySelector('svg#graphique-stock-etroit g.hits > rect').focus()")
        self.check(self.js(tip) == wide[0], "tooltips: on a phone, a tap or focus shows the tooltip", str(self.js(tip)))

    def check_level_map(self):
        """A level map links each territory to its portrait: a click on its area opens it, also
        inside the zoom frame."""
        page = "epci/index.html"
        if not os.path.exists(os.path.join(self.root, page)):
            return self.skip("level map: links", "no EPCI level")
        self.open(page)
        areas = self.d.find_elements(By.CSS_SELECTOR, ".zoom-frame svg.map-links a")
        self.require(len(areas) >= 1, f"level map: {page} has link areas inside its zoom frame ({len(areas)})")
        # The largest area, clicked at its centre.
        best = self.js("let b = null, m = 0; for (const a of document.querySelectorAll('svg.map-links a')) { const r = a.getBoundingClientRect(); "
                       "if (r.width * r.height > m) { m = r.width * r.height; b = a; } } b.scrollIntoView({block: 'center'}); return b.getAttribute('href')")
        target = self.d.find_element(By.CSS_SELECTOR, f"svg.map-links a[href='{best}']")
        ActionChains(self.d).move_to_element(target).click().perform()
        self.wait(lambda d: d.current_url.endswith(best.replace("../", "")), f"level map: a click opens {best}")
        self.ok(f"level map: a click on a territory opens its portrait ({best})")

    def check_explorer_zoom(self):
        """The explorer's two millésimes zoom and pan in step: its buttons zoom both; side by side,
        a drag on one moves both."""
        page = self.args.explorer
        self.open(page)
        frames = self.d.find_elements(By.CSS_SELECTOR, ".explorer .zoom-frame")
        self.require(len(frames) == 2, f"explorer zoom: two zoomable panes ({len(frames)})")
        views = "return [...document.querySelectorAll('.explorer .zoom-frame')].map(f => { const t = f.firstElementChild; " \
                "return [parseFloat(f.getAttribute('data-zoom')), t.offsetWidth / f.clientWidth, t.offsetLeft / f.clientWidth, t.offsetTop / f.clientHeight]; })"
        self.d.find_element(By.CSS_SELECTOR, ".explorer-zoom button[aria-label='Zoomer']").click()
        v = self.js(views)
        self.check(v[0][0] > 1.4 and v[0] == v[1], "explorer zoom: « Zoomer » zooms both millésimes alike", str(v))
        side = self.d.find_elements(By.CSS_SELECTOR, "input[name=mode][value='cote-a-cote']")
        if side:
            side[0].click()
            frame = self.d.find_elements(By.CSS_SELECTOR, ".explorer .zoom-frame")[0]
            self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", frame)
            ActionChains(self.d).move_to_element(frame).click_and_hold().move_by_offset(-40, -20).move_by_offset(-40, -20).release().perform()
            w = self.js(views)
            self.check(w[0][2] < v[0][2] and w[0][2:] == w[1][2:], "explorer zoom: side by side, a drag moves both maps", str(w))
        self.d.find_element(By.CSS_SELECTOR, ".explorer-zoom button[aria-label='Vue entière']").click()
        self.check(all(x[0] == 1 for x in self.js(views)), "explorer zoom: « Vue entière » resets both")

    def check_zoom(self):
        """The portrait's map zooms and moves: buttons, keyboard, wheel; the image is resized (drawn
        again at the new size), never past its frame."""
        page = f"commune/{self.args.commune}/{self.args.period}.html"
        self.open(page)
        frames = self.d.find_elements(By.CSS_SELECTOR, ".zoom-frame")
        self.require(len(frames) >= 1, f"zoom: {page} has zoomable maps ({len(frames)})")
        frame = frames[0]
        self.d.execute_script("arguments[0].scrollIntoView()", frame)
        # The frame's inner box (inside its border) against the image's box.
        state = "const f = arguments[0], i = f.querySelector('img'), r = f.getBoundingClientRect(), b = i.getBoundingClientRect(); " \
                "const a = {left: r.left + f.clientLeft, top: r.top + f.clientTop, right: r.left + f.clientLeft + f.clientWidth, bottom: r.top + f.clientTop + f.clientHeight}; " \
                "return {zoom: parseFloat(f.getAttribute('data-zoom')), fw: f.clientWidth, iw: b.width, dx: b.left - a.left, dy: b.top - a.top, right: b.right - a.right, bottom: b.bottom - a.bottom}"
        z0 = self.js(state, frame)
        self.check(z0["zoom"] == 1 and abs(z0["iw"] - z0["fw"]) < 2, "zoom: the map starts whole (zoom 1)", str(z0))
        frame.find_element(By.CSS_SELECTOR, "button[aria-label='Zoomer']").click()
        z1 = self.js(state, frame)
        self.check(z1["zoom"] > 1.4 and z1["iw"] > 1.4 * z0["fw"], "zoom: « Zoomer » enlarges the image (resized, not scaled)", str(z1))
        self.check(z1["dx"] <= 0.5 and z1["right"] >= -0.5 and z1["dy"] <= 0.5 and z1["bottom"] >= -0.5, "zoom: the image still covers its frame", str(z1))
        frame.send_keys(Keys.ARROW_RIGHT)
        z2 = self.js(state, frame)
        self.check(z2["dx"] < z1["dx"], "zoom: → moves the map", f"{z1['dx']} → {z2['dx']}")
        frame.send_keys("0")
        self.check(self.js(state, frame)["zoom"] == 1, "zoom: 0 → whole view")
        frame.send_keys("+")
        self.check(self.js(state, frame)["zoom"] > 1, "zoom: + zooms in")
        self.js("arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: 100, clientX: arguments[0].getBoundingClientRect().left + 10, clientY: arguments[0].getBoundingClientRect().top + 10, bubbles: true, cancelable: true}))", frame)
        self.check(self.js(state, frame)["zoom"] < 1.5, "zoom: the wheel zooms out a zoomed map")

    # ------------------------------------------------------------------ map pieces
    def pieces_of(self, folder, tile=None):
        """The object a carte-polygones(-N).js passes to portraitsMapPieces, read as JSON."""
        name = "carte-polygones.js" if tile is None else f"carte-polygones-{tile}.js"
        with open(os.path.join(self.root, folder, name), encoding="utf-8") as f:
            text = f.read().strip()
        if not (text.startswith("portraitsMapPieces(") and text.endswith(");")):
            self.require(False, f"map pieces: {folder}/{name} is one call to portraitsMapPieces")
        return json.loads(text[len("portraitsMapPieces("):-2])

    @staticmethod
    def decode_ring(s):
        values, acc, shift = [], 0, 0
        for ch in s:
            c = ord(ch) - 63
            acc |= (c & 31) << shift
            if c >= 32:
                shift += 5
                continue
            values.append(~(acc >> 1) if acc & 1 else acc >> 1)
            acc, shift = 0, 0
        pts, x, y = [], 0, 0
        for i in range(0, len(values) - 1, 2):
            x += values[i]
            y += values[i + 1]
            pts.append((x, y))
        return pts

    def inside_point(self, rings):
        """A point inside a polygon (even-odd): the middle of the widest span of the horizontal line
        through the middle of its exterior ring's bounds."""
        ys = [p[1] for p in rings[0]]
        y = (min(ys) + max(ys)) / 2 + 0.37
        xs = []
        for r in rings:
            for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
                if (y0 > y) != (y1 > y):
                    xs.append(x0 + (x1 - x0) * (y - y0) / (y1 - y0))
        xs.sort()
        spans = [(xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)]
        return (max(spans)[1], y) if spans else None

    def tap_piece(self, img, data, piece):
        """Clicks `piece` on the map `img`; returns the tip's text."""
        rings = [self.decode_ring(r) for r in piece[3]]
        pt = self.inside_point(rings)
        self.require(pt is not None, "map pieces: a point inside the piece")
        q = data["q"]
        r = self.rect(img)
        dx = (pt[0] / q) / data["w"] * r["w"] - r["w"] / 2
        dy = (pt[1] / q) / data["h"] * r["h"] - r["h"] / 2
        self.js("var t = document.querySelector('.map-tip'); if (t) t.hidden = true;")
        ActionChains(self.d).move_to_element_with_offset(img, round(dx), round(dy)).click().perform()
        try:
            self.wait(lambda d: d.execute_script("var t = document.querySelector('.map-tip'); return !!t && !t.hidden"), "map tip shown", timeout=5)
        except CheckFailed:
            return ""
        return self.js("return document.querySelector('.map-tip').innerText")

    def expected_piece_lines(self, data, piece):
        ha = piece[0] / 10000
        lines = [f"Polygone : {fr_value(ha, 2 if ha < 1 else 1, 'ha')} (sa partie dans la commune)"]
        for m, year in enumerate(data["millesimes"]):
            c = piece[1][m]
            lines.append(f"{year} : " + (f"{data['classes'][c][1]} ({data['classes'][c][0]})" if c >= 0 else "non décrit à ce millésime"))
        return lines

    def check_map_pieces(self):
        """A tap on a portrait's map says the piece's area and its class at each millésime (its land
        cover map) and its change (its change map), as carte-polygones.js records them; Enter on the
        focused map describes its centre; on a map drawn as a PNG, zooming draws the pieces in view."""
        folder = f"commune/{self.args.commune}"
        page = f"{folder}/{self.args.period}.html"
        self.open(page)
        imgs = self.d.find_elements(By.CSS_SELECTOR, "img[data-polygones]")
        self.require(len(imgs) >= 1, f"map pieces: {page} marks its maps as having pieces ({len(imgs)})")
        data = self.pieces_of(folder)
        if data["grid"] == [1, 1]:
            pieces = data["pieces"]
        else:   # a map drawn as a PNG: its pieces are in tiles (a piece in several tiles counted once)
            pieces = list({p[3][0]: p for t in range(data["grid"][0] * data["grid"][1])
                           if os.path.exists(os.path.join(self.root, folder, f"carte-polygones-{t}.js"))
                           for p in self.pieces_of(folder, t)["pieces"]}.values())
        self.require(pieces, "map pieces: the commune's pieces")
        end = int(self.args.period.split("-")[1])
        m = data["millesimes"].index(end)
        land = [p for p in pieces if p[1][m] >= 0]
        piece = max(land, key=lambda p: p[0])
        img = imgs[0]
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", img)
        tip = self.tap_piece(img, data, piece)
        want = self.expected_piece_lines(data, piece)
        self.check(tip.split("\n") == want, "map pieces: a tap on the land-cover map tells the piece's area and its class at each millésime",
                   f"{tip!r} against {want!r}")
        pi = data["periods"].index(self.args.period) if self.args.period in data["periods"] else -1
        changed = [p for p in pieces if pi >= 0 and p[2][pi] > 0]
        change_img = [i for i in imgs if "carte-changements-" in i.get_attribute("src")]
        if changed and change_img:
            piece = max(changed, key=lambda p: p[0])
            self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", change_img[0])
            tip = self.tap_piece(change_img[0], data, piece)
            kind = next(k[1] for k in data["kinds"] if k[0] == piece[2][pi])
            want = self.expected_piece_lines(data, piece) + [f"Changement {data['periodLabels'][pi]} : {kind}"]
            self.check(tip.split("\n") == want, "map pieces: a tap on the change map adds the piece's change over the period", f"{tip!r} against {want!r}")
        else:
            self.skip("map pieces: change map", "no change in this period")
        # The explorer with its curtain (its drag moves the curtain): a tap tells the piece too, the
        # second time as the first (its data then loaded already).
        self.open(self.args.explorer)
        left = self.d.find_elements(By.CSS_SELECTOR, ".explorer-left img[data-polygones]")
        if left:
            self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", left[0])
            piece = max(land, key=lambda p: p[0])
            first, second = self.tap_piece(left[0], data, piece), self.tap_piece(left[0], data, piece)
            want = self.expected_piece_lines(data, piece)
            self.check(first.split("\n") == want and second.split("\n") == want, "map pieces: in the explorer, a tap on the curtain's maps tells the piece, every time",
                       f"{first!r} then {second!r}")
        self.open(page)
        frame = self.d.find_elements(By.CSS_SELECTOR, ".zoom-frame")[0]
        self.js("document.querySelector('.map-tip') && (document.querySelector('.map-tip').hidden = true); arguments[0].focus()", frame)
        frame.send_keys(Keys.ENTER)
        self.wait(lambda d: d.execute_script("var t = document.querySelector('.map-tip'); return !!t && !t.hidden"), "map tip on Enter")
        self.ok("map pieces: Enter on the focused map describes its centre")
        self.check("Entrée" in (frame.get_attribute("aria-label") or ""), "map pieces: the map's label says Enter describes its centre")
        self.console_errors()

        # A map drawn as a picture: the pieces in view drawn over it once zoomed.
        tiled = None
        for level in ("departement", "region", "epci", "commune"):
            base = os.path.join(self.root, level)
            if not os.path.isdir(base):
                continue
            for code in sorted(os.listdir(base)):
                if not os.path.isdir(os.path.join(base, code)):
                    continue
                f = os.path.join(base, code, "carte-polygones.js")
                pngs = [n for n in os.listdir(os.path.join(base, code)) if re.match(r"carte-\d+\.png$", n)]
                if pngs and os.path.exists(f):
                    tiled = (f"{level}/{code}", pngs[0])
                    break
            if tiled:
                break
        if not tiled:
            return self.skip("map pieces: tiles over a PNG map", "no territory has a PNG map with pieces")
        folder, png = tiled
        views = sorted(n for n in os.listdir(os.path.join(self.root, folder)) if re.match(r"\d{4}-\d{4}\.html$", n))
        page = f"{folder}/{views[-1]}"
        self.open(page)
        img = self.d.find_element(By.CSS_SELECTOR, "img.map[data-polygones]")
        self.require(img.get_attribute("src").endswith(".png"), f"map pieces: {page}'s map is a PNG")
        frame = img.find_element(By.XPATH, "./ancestor::div[contains(@class, 'zoom-frame')]")
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", frame)
        self.check(not self.js("return !!document.querySelector('svg.map-pieces:not([hidden])')"), "map pieces: nothing drawn over the PNG at zoom 1")
        # Zoomed about a seam between tiles (the wheel zooms about the pointer), so that pieces two
        # tiles share are in view.
        index = self.pieces_of(folder)
        cols, rows = index["grid"]
        fx, fy = (1 / cols, 0.5) if cols > 1 else (0.5, 1 / rows)
        self.js("var f = arguments[0], r = f.getBoundingClientRect(); f.focus();"
                "for (var k = 0; k < 7; k++) f.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true,"
                " clientX: r.left + r.width * arguments[1], clientY: r.top + r.height * arguments[2]}));", frame, fx, fy)
        self.wait(lambda d: d.execute_script("var s = document.querySelector('svg.map-pieces'); return !!s && !s.hidden && s.querySelectorAll('path').length > 1"),
                  "pieces drawn over the zoomed PNG", timeout=20)
        data = self.pieces_of(folder)
        colors = {c[2] for c in data["classes"]}
        fills = set(self.js("return [...document.querySelectorAll('svg.map-pieces path[fill]')].map(p => p.getAttribute('fill'))"))
        self.check(fills and fills <= colors, f"map pieces: zoomed in, {page} draws its pieces over the PNG in the classes' colours",
                   f"{sorted(fills)[:5]} of {len(colors)} colours")
        tiles = data["grid"][0] * data["grid"][1]
        loaded = self.js("return [...document.scripts].filter(s => /carte-polygones-\\d+\\.js$/.test(s.src)).length")
        # A piece in two tiles is filled once: drawn twice, the even-odd rule would make it a hole.
        view = self.js("var f = arguments[0].getBoundingClientRect(), i = arguments[1].getBoundingClientRect();"
                       "return [(f.left - i.left) / i.width, (f.top - i.top) / i.height, (f.right - i.left) / i.width, (f.bottom - i.top) / i.height]", frame, img)
        year = int(re.search(r"carte-(\d+)\.png", img.get_attribute("src")).group(1))
        m = data["millesimes"].index(year)
        q, w, h = data["q"], data["w"], data["h"]
        seen, shared = {}, []
        for t in range(tiles):
            if not os.path.exists(os.path.join(self.root, folder, f"carte-polygones-{t}.js")):
                continue
            for piece in self.pieces_of(folder, t)["pieces"]:
                seen.setdefault(piece[3][0], []).append(piece)
        for key, copies in seen.items():
            if len(copies) < 2 or copies[0][1][m] < 0:
                continue
            pt = self.inside_point([self.decode_ring(r) for r in copies[0][3]])
            if pt and view[0] * w * q < pt[0] < view[2] * w * q and view[1] * h * q < pt[1] < view[3] * h * q:
                shared.append((pt, data["classes"][copies[0][1][m]][2]))
        filled = self.js("return arguments[0].map(([pt, color]) => [...document.querySelectorAll('svg.map-pieces path')]"
                         ".some(p => p.getAttribute('fill') === color && p.isPointInFill(new DOMPoint(pt[0], pt[1]))))", shared[:40])
        if shared:
            self.check(all(filled), f"map pieces: the {len(filled)} pieces in view that two tiles share are filled, not holes",
                       f"{filled.count(False)} holes")
        else:
            self.skip("map pieces: pieces shared by two tiles", "none in view")
        self.check(tiles == 1 or 0 < loaded < tiles, f"map pieces: only the tiles in view are loaded ({loaded} of {tiles})")
        frame.send_keys(Keys.ENTER)
        self.wait(lambda d: d.execute_script("var t = document.querySelector('.map-tip'); return !!t && !t.hidden"), "map tip over a tiled map")
        tip = self.js("return document.querySelector('.map-tip').innerText")
        self.check(tip.startswith("Polygone : ") or tip.startswith("Hors du territoire"), "map pieces: Enter on a zoomed PNG map describes a piece from its tile", tip)
        self.console_errors()

    def check_phone_header(self):
        """On a phone, the menu is behind a button and the notices are folded; both unfold."""
        page = f"commune/{self.args.commune}/{self.args.period}.html"
        self.open(page, width=390)
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        menu = self.d.find_elements(By.CSS_SELECTOR, ".menu-toggle")
        self.require(len(menu) == 1 and self.visible(menu[0]), "phone: a « Menu » button")
        links = self.d.find_element(By.CSS_SELECTOR, ".site-header nav ul")
        self.check(not self.visible(links) and menu[0].get_attribute("aria-expanded") == "false", "phone: the menu starts folded")
        menu[0].click()
        self.check(self.visible(links) and menu[0].get_attribute("aria-expanded") == "true", "phone: « Menu » unfolds the menu")
        notices = self.d.find_elements(By.CSS_SELECTOR, ".notices")
        if notices:
            more = self.d.find_element(By.CSS_SELECTOR, ".notices-toggle")
            first = notices[0].find_element(By.CSS_SELECTOR, "p")
            h0 = self.rect(first)["h"]
            more.click()
            self.check(self.rect(first)["h"] > h0 or self.js("return arguments[0].scrollWidth <= arguments[0].clientWidth", first),
                       "phone: the notices unfold whole", f"{h0} → {self.rect(first)['h']}")
        self.set_width(1280)
        self.d.get(self.url(page))
        self.check(not self.visible(self.d.find_element(By.CSS_SELECTOR, ".menu-toggle")), "desktop: no « Menu » button, the menu shown")

    def run(self):
        sections = [("index", self.load_index), ("search", self.check_search), ("compare", self.check_compare),
                    ("explorer", self.check_explorer), ("members", self.check_members), ("zoom", self.check_zoom), ("tooltips", self.check_tooltips), ("level map", self.check_level_map), ("explorer zoom", self.check_explorer_zoom),
                    ("map pieces", self.check_map_pieces), ("phone header", self.check_phone_header), ("pages", self.check_pages)]
        for name, fn in sections:
            try:
                fn()
            except CheckFailed as e:
                msg = f"{name}: stopped — {e}"
                if not self.failures or self.failures[-1] != str(e):
                    self.failures.append(msg)
                print(f"FAIL  {msg}")
                if name == "index":
                    break
            except WebDriverException as e:
                msg = f"{name}: browser error — {e.msg if hasattr(e, 'msg') else e}"
                self.failures.append(msg)
                print(f"FAIL  {msg}")
        self.d.quit()
        print(f"js_check: {self.passed} checks passed, {len(self.failures)} failed")
        for f in self.failures:
            print(f"  - {f}")
        return 1 if self.failures else 0


# ---------------------------------------------------------------------- helpers (same rules as portraits.js)
def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def normalize_words(s):
    s = strip_accents(s).lower().replace("œ", "oe").replace("æ", "ae")
    words = [w for w in re.split(r"[^a-z0-9]+", s) if w]
    return [{"st": "saint", "ste": "sainte"}.get(w, w) for w in words]


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def value(data, period, ind):
    p = (data.get("periods") or {}).get(period) or {}
    return (p.get("values") or {}).get(ind)


def fr_number(v, decimals):
    if not is_num(v):
        return "—"
    scale = float(10 ** decimals)
    n = int(Decimal(abs(v) * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    integer, frac = divmod(n, 10 ** decimals)
    s = f"{integer:,}".replace(",", NNBSP)
    if decimals > 0:
        s += "," + str(frac).zfill(decimals)
    return (MINUS if v < 0 and n != 0 else "") + s


def fr_value(v, decimals, unit):
    s = fr_number(v, decimals)
    return s if s == "—" or not unit else s + NBSP + unit


def main():
    parser = argparse.ArgumentParser(description="Checks the behaviour of the site's JavaScript in headless Chromium (file://).")
    parser.add_argument("output", help="the built site (OUTPUT_DIR)")
    parser.add_argument("--commune", default="67482", help="INSEE code of a commune with several postal codes")
    parser.add_argument("--commune-postal", default="67000", help="one of its postal codes")
    parser.add_argument("--other-commune", default="88413", help="a commune named Saint-…/Sainte-… with accents")
    parser.add_argument("--other-postal", default="88100", help="its postal code")
    parser.add_argument("--epci", default="246700488", help="SIREN of an EPCI")
    parser.add_argument("--departement", default="67")
    parser.add_argument("--region", default="44")
    parser.add_argument("--period", default="2019-2021", help="a period other than the default one")
    parser.add_argument("--explorer", default=None, help="explorer page (default: commune/COMMUNE/explorateur.html)")
    args = parser.parse_args()
    if not args.explorer:
        args.explorer = f"commune/{args.commune}/explorateur.html"
    if not os.path.isdir(args.output):
        print(f"js_check: {args.output} is not a folder", file=sys.stderr)
        return 2
    return Checker(args.output, args).run()


if __name__ == "__main__":
    sys.exit(main())
