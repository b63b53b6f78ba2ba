#!/usr/bin/env python3
"""Checks built pages in headless Chromium as readers on phones see them.

Usage: browser_check.py OUTPUT_DIR PAGE [PAGE ...]   (pages relative to OUTPUT_DIR, as
       scripts/site-check.sh lists them: home, level indexes, a portrait per level, explorers,
       doc pages, recherche.html, comparer.html, donnees/index.html, 404.html)

Every page is loaded twice: from disk (mode "file", file:// URLs) and from a local HTTP server that
the script starts itself (mode "http", stdlib http.server on 127.0.0.1, a free port). That server
serves OUTPUT_DIR under the sub-path /sous/chemin/ (anything outside it is a 404), serves a folder's
index.html for a folder path, and answers a missing file with the content of OUTPUT_DIR/404.html
and status 404, as a static host does: the site must work from a sub-path, not only at a domain's
root.

Chromium is given no network: any host but 127.0.0.1 fails to resolve at once (a page that asks
for something on another site gets nothing, as offline, instead of waiting for a DNS timeout).

Phone widths are emulated with the DevTools command Emulation.setDeviceMetricsOverride (mobile,
device scale factor 1), which also applies the page's <meta name="viewport">: the viewport's layout
width (document.documentElement.clientWidth) is then exactly the width wanted. 1280 px is a desktop
(not mobile) window.

Checks, at 390 and 360 px (both modes, every page):
  1. overflow: no horizontal scrolling (document scrollWidth <= the viewport's layout width
     clientWidth; window.innerWidth is not used as the reference because mobile emulation widens
     it to the content when the content overflows), and no visible element or text whose box
     goes past the right edge (+1 px) or the left edge (-1 px). Ignored: what is inside an
     ancestor whose overflow-x is auto/scroll/hidden/clip (tables scroll inside .table-wrap),
     what is hidden on purpose (display:none, visibility:hidden, zero size, 1 px "visually
     hidden" boxes, boxes moved entirely off-screen to the left such as the .skip link).
     Table captions must be whole on the screen (a scrolling table's caption is read first).
     Only the outermost offenders are listed (5 of them, with tag, id, class and size); their
     overflowing descendants are counted only.
  2. labels: chart and map text at least 10 CSS px as drawn.
     - inline <svg>: every rendered <text> (and <tspan> with its own size): computed font-size
       × the SVG's user-unit to CSS px factor (from getScreenCTM(), sqrt(a² + b²) so rotated text
       counts right). Text with no layout box (inside display:none, <defs>...) is skipped.
     - <img src="….svg">: the SVG file is read from OUTPUT_DIR and the smallest <text> size found
       in it (its font-size attribute or style, else the one inherited from its ancestors, else
       16) is multiplied by the drawn width of the <img> / the SVG's width attribute (viewBox width
       when there is none). Not checked, only counted: raster images (PNG...) and SVG images
       without <text> (overlay layers; text drawn as glyph outlines by older builds).
     A 0.05 px tolerance is allowed.
  3. portraits (<level>/<code>/<yyyy>-<yyyy>.html, checked at 390 px only, the DOM being the same
     at every width): a section.key-message exists, inside <main>, before every other <section>
     of <main>, and its text mentions consommation ("consomm"), artificialisation
     ("artificialis") and ZAN ("zan"); its heading and first lines (its top + 120 px) are on the
     first screen (800 px high).
  5. touch targets: the navigation a thumb uses (header menu, breadcrumb, period choice, contents
     of a portrait, its tools, footer links, the search box and button, the phone's menu and notices buttons) at least 44 × 44 CSS px
     (0.5 px tolerance). Links inside sentences are exempt, as WCAG's target-size rule allows.
At 1280 px (both modes, every page): check 1, and check 2 for inline SVG text only (desktop
charts: no label under 10 px either).
Once, in http mode only:
  4. the 404 page from another base, at 390 and 1280 px: /sous/chemin/commune/99999/inexistant.html
     (answered with 404.html) must be styled (.site-header has a solid bottom border, the body's
     font is not the browser's default Times) and every link of the header and of <main> (and the
     header's search form) must point, once resolved by the browser, to a URL under /sous/chemin/
     that the server answers with 200 (fetched with urllib).
     And for every territory folder of a checked page (<level>/<code>/...), /sous/chemin/<level>/
     <code>/ must answer 200 with a redirect page (<meta http-equiv="refresh">) whose target
     answers 200 too.

Prints one line per page, width and mode, every failure (page, width, mode, what), a summary;
exits 1 when anything failed, 0 otherwise.
Needs: chromium, chromium-driver (Debian) and the PyPI package selenium (as a11y_check.py).
"""
import html
import http.server
import mimetypes
import os
import posixpath
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

PREFIX = "/sous/chemin/"          # the sub-path the HTTP server serves OUTPUT_DIR under
PHONE_WIDTHS = (390, 360)         # emulated as phones (mobile viewport, meta viewport applied)
DESKTOP_WIDTH = 1280              # a desktop window
MIN_LABEL_PX = 10.0               # smallest chart / map label size, CSS px
TOLERANCE = 0.05
PORTRAIT_RE = re.compile(r"^[^/]+/[^/]+/\d{4}-\d{4}\.html$")
FOLDER_RE = re.compile(r"^([^/]+/[^/]+)/[^/]+$")     # <level>/<code>/<file>
MISSING_PAGE = "commune/99999/inexistant.html"       # the address the 404 check asks for
CHECK_NAMES = {1: "overflow", 2: "labels", 3: "key message", 4: "404 / folders", 5: "touch targets", 0: "page"}


# ---------------------------------------------------------------------- local HTTP server
def make_handler(root):
    """A request handler serving ROOT under PREFIX, like a static host."""
    page_404 = os.path.join(root, "404.html")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):          # quiet
            pass

        def send_body(self, status, body, ctype):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def not_found(self, inside_site):
            # Inside the sub-path: the site's own 404 page, as a static host answers.
            if inside_site and os.path.isfile(page_404):
                with open(page_404, "rb") as f:
                    self.send_body(404, f.read(), "text/html; charset=utf-8")
            else:
                self.send_body(404, b"404 - not under " + PREFIX.encode() + b"\n", "text/plain; charset=utf-8")

        def do_GET(self):
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if path + "/" == PREFIX:                   # /sous/chemin -> /sous/chemin/
                return self.redirect(PREFIX)
            if not path.startswith(PREFIX):
                return self.not_found(False)
            rel = path[len(PREFIX):]
            norm = posixpath.normpath("/" + rel).lstrip("/")   # no way out of ROOT with ../
            full = os.path.join(root, norm) if norm not in ("", ".") else root
            if os.path.isdir(full):
                if not path.endswith("/"):
                    return self.redirect(urllib.parse.quote(path) + "/")
                full = os.path.join(full, "index.html")   # a folder: its index.html, no listing
            if not os.path.isfile(full):
                return self.not_found(True)
            ctype = mimetypes.guess_type(full)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "image/svg+xml", "application/json"):
                ctype += "; charset=utf-8"
            with open(full, "rb") as f:
                self.send_body(200, f.read(), ctype)

        do_HEAD = do_GET

        def redirect(self, location):
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


class SiteServer:
    def __init__(self, root):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(root))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}{PREFIX}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def fetch(url):
    """(status, body text) of a GET, redirects followed; status None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except OSError as e:
        return None, str(e)


# ---------------------------------------------------------------------- in-page scripts
# Check 1. Returns the viewport and document widths and the outermost overflowing boxes.
OVERFLOW_JS = r"""
var de = document.documentElement, W = de.clientWidth, cache = new Map();
function cs(el) { var s = cache.get(el); if (!s) { s = getComputedStyle(el); cache.set(el, s); } return s; }
// An ancestor (from START up, body and html excluded: what they cut off is lost for the reader)
// that scrolls or clips horizontally contains the overflow.
function contained(start) {
  for (var a = start; a && a !== document.body && a !== de; a = a.parentElement) {
    var o = cs(a).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
  }
  return false;
}
function hiddenOnPurpose(el, r) {
  var s = cs(el);
  if (s.display === 'none' || s.visibility !== 'visible') return true;
  if (r.width === 0 || r.height === 0) return true;          // zero size
  if (r.width <= 1 && r.height <= 1) return true;            // .visually-hidden (1 x 1 px, clipped)
  if (r.right <= 0) return true;                             // moved off-screen left (.skip link)
  if (el.classList && el.classList.contains('skip') && el !== document.activeElement) return true;
  return false;
}
function out(r) { return r.right > W + 1 || r.left < -1; }
function describe(el) {
  var s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  var c = el.getAttribute('class');
  if (c && c.trim()) s += '.' + c.trim().split(/\s+/).join('.');
  return s;
}
var bad = new Set(), items = [];
document.querySelectorAll('body *').forEach(function (el) {
  var r = el.getBoundingClientRect();
  if (!out(r) || hiddenOnPurpose(el, r) || contained(el.parentElement)) return;
  bad.add(el);
  items.push({el: el, what: describe(el), left: r.left, right: r.right, width: r.width});
});
// Text wider than its box (a long word, a URL) overflows without its element doing so.
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node, range = document.createRange();
while ((node = walker.nextNode())) {
  var p = node.parentElement;
  if (!p || !node.nodeValue.trim() || bad.has(p) || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TITLE)$/.test(p.tagName)) continue;
  range.selectNodeContents(node);
  var r = range.getBoundingClientRect();
  if (!out(r) || hiddenOnPurpose(p, r) || contained(p)) continue;
  items.push({el: null, parent: p, what: 'text «' + node.nodeValue.trim().slice(0, 30) + '» in ' + describe(p),
              left: r.left, right: r.right, width: r.width});
}
// Outermost offenders only: an element whose parent overflows too is counted, not listed.
var outer = items.filter(function (it) { return !(it.el && bad.has(it.el.parentElement)); });
return {W: W, inner: innerWidth, scrollWidth: de.scrollWidth, total: items.length, outer: outer.length,
        list: outer.slice(0, 5).map(function (it) {
          return {what: it.what, left: Math.round(it.left), right: Math.round(it.right), width: Math.round(it.width)}; })};
"""

# Check 2. Inline SVG text sizes as drawn, and the <img> elements drawn on the page.
LABELS_JS = r"""
var limit = arguments[0], texts = [], small = [], svgImgs = [], raster = 0;
document.querySelectorAll('svg text, svg tspan').forEach(function (t) {
  if (!t.getClientRects().length) return;                    // not rendered (display:none, defs)
  var s = getComputedStyle(t);
  if (s.visibility !== 'visible' || s.display === 'none') return;
  var label = t.textContent.replace(/\s+/g, ' ').trim();
  if (!label) return;
  // a tspan only counts when it has a size of its own
  if (t.tagName.toLowerCase() === 'tspan' && t.parentElement && getComputedStyle(t.parentElement).fontSize === s.fontSize) return;
  var m = t.getScreenCTM();
  if (!m) return;
  var scale = Math.sqrt(m.a * m.a + m.b * m.b);
  var size = parseFloat(s.fontSize) * scale;
  texts.push(size);
  if (size < limit) {
    var svg = t.ownerSVGElement, id = '';
    while (svg && svg.ownerSVGElement) svg = svg.ownerSVGElement;
    if (svg) id = (svg.id ? '#' + svg.id : '') + (svg.getAttribute('class') ? '.' + svg.getAttribute('class').trim().split(/\s+/).join('.') : '');
    small.push({text: label.slice(0, 30), size: size, css: parseFloat(s.fontSize), scale: scale, svg: id});
  }
});
document.querySelectorAll('img').forEach(function (img) {
  var r = img.getBoundingClientRect(), s = getComputedStyle(img);
  if (!img.getClientRects().length || r.width === 0 || r.height === 0 || s.visibility !== 'visible') return;
  var src = img.currentSrc || img.src;
  if (/\.svg$/i.test(src.split(/[?#]/)[0])) svgImgs.push({src: src, attr: img.getAttribute('src'), width: r.width});
  else raster++;
});
return {texts: texts.length, smallest: texts.length ? Math.min.apply(null, texts) : null, small: small, imgs: svgImgs, raster: raster};
"""

# Check 3.
KEY_MESSAGE_JS = r"""
var km = document.querySelector('section.key-message'), main = document.querySelector('main');
if (!km) return {missing: true};
var before = [];
if (main) main.querySelectorAll('section').forEach(function (s) {
  if (s !== km && !(km.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING))
    before.push((s.getAttribute('aria-labelledby') || s.id || s.className || 'section'));
});
window.scrollTo(0, 0);
return {missing: false, inMain: !!main && main.contains(km), before: before, text: (km.innerText || km.textContent).toLowerCase(),
        top: km.getBoundingClientRect().top + window.scrollY, screen: window.innerHeight};
"""

# Check 4.
# Navigation a thumb uses: header menu, breadcrumb, period choice, contents, tools, footer links,
# the search box. Links inside sentences are exempt (WCAG's target-size rule allows it).
TOUCH_SELECTORS = (".site-header nav a, .breadcrumb a, .periods a, .toc a, .tools a, .footer-links a, "
                   ".search button, .search input, .menu-toggle, .notices-toggle")
TOUCH_JS = r"""
const small = [];
let n = 0;
for (const el of document.querySelectorAll(arguments[0])) {
  const r = el.getBoundingClientRect();
  const st = getComputedStyle(el);
  if (r.width === 0 || r.height === 0 || st.visibility === 'hidden') continue;
  n++;
  if (r.width < 43.5 || r.height < 43.5)
    small.push(`${el.tagName.toLowerCase()} « ${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)} » ${r.width.toFixed(0)}×${r.height.toFixed(0)} px`);
}
return {n: n, small: small};
"""

STYLE_404_JS = r"""
var h = document.querySelector('.site-header');
var links = [];
document.querySelectorAll('.site-header a[href], main a[href]').forEach(function (a) { links.push({text: a.textContent.trim().slice(0, 30), url: a.href}); });
document.querySelectorAll('.site-header form[action]').forEach(function (f) { links.push({text: 'form ' + (f.getAttribute('role') || ''), url: f.action}); });
return {header: !!h, border: h ? getComputedStyle(h).borderBottomStyle : '', font: getComputedStyle(document.body).fontFamily, links: links};
"""


# ---------------------------------------------------------------------- SVG files (check 2, images)
def parse_length(value, inherited):
    """A font-size value in CSS px (px, pt, em, rem, %, or unitless user units); None if unknown."""
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*(px|pt|em|rem|%)?\s*", value or "", re.I)
    if not m:
        return None
    n, unit = float(m.group(1)), (m.group(2) or "").lower()
    return {"": n, "px": n, "pt": n * 4 / 3, "em": n * inherited, "rem": n * 16, "%": n / 100 * inherited}[unit]


def own_font_size(el, inherited):
    style = el.get("style") or ""
    m = re.search(r"(?:^|;)\s*font-size\s*:\s*([^;]+)", style)
    for value in ((m.group(1) if m else None), el.get("font-size")):   # style wins over the attribute
        size = parse_length(value, inherited) if value else None
        if size is not None:
            return size
    return inherited


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class SvgFiles:
    """Smallest text size and drawing width of SVG files, parsed once each."""

    def __init__(self):
        self.cache = {}

    def info(self, path):
        if path not in self.cache:
            self.cache[path] = self._read(path)
        return self.cache[path]

    @staticmethod
    def _read(path):
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            return {"error": f"cannot read {path}: {e}"}
        width = parse_length((root.get("width") or "").replace("px", ""), 16) if "%" not in (root.get("width") or "") else None
        if not width:
            vb = (root.get("viewBox") or "").replace(",", " ").split()
            width = float(vb[2]) if len(vb) == 4 else None
        smallest = None

        def walk(el, inherited, in_defs):
            nonlocal smallest
            size = own_font_size(el, inherited)
            name = local(el.tag)
            in_defs = in_defs or name in ("defs", "symbol", "clipPath", "mask", "pattern", "marker")
            if name in ("text", "tspan", "textPath") and not in_defs:
                label = " ".join("".join(el.itertext()).split())
                # a tspan only counts when it has a size of its own
                if label and (name == "text" or size != inherited) and (smallest is None or size < smallest[0]):
                    smallest = (size, label[:30])
            for child in el:
                walk(child, size, in_defs)

        walk(root, 16.0, False)
        return {"width": width, "smallest": smallest}


# ---------------------------------------------------------------------- the checker
class Checker:
    def __init__(self, root, pages):
        self.root = os.path.abspath(root)
        self.pages = pages
        self.failures = []            # (check, page, width, mode, message)
        self.svgs = SvgFiles()
        self.raster = 0               # <img> not in SVG, at phone widths: not checked
        self.textless = 0             # SVG <img> without <text>: not checked
        self.server = SiteServer(self.root)
        options = Options()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                    "--window-size=1280,900", "--lang=fr-FR",
                    # no network: a host other than the local server fails at once instead of
                    # waiting for a DNS timeout (the site must work offline anyway)
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
            options.add_argument(arg)
        options.binary_location = "/usr/bin/chromium"
        self.d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.d.set_page_load_timeout(30)
        self.d.set_script_timeout(30)

    # -------------------------------------------------------------- plumbing
    def fail(self, check, page, width, mode, message, out):
        self.failures.append((check, page, width, mode, message))
        out.append(f"  FAIL  check {check} ({CHECK_NAMES[check]}) {page} @ {width} px, {mode}: {message}")

    def url(self, page, mode):
        if mode == "file":
            return "file://" + urllib.parse.quote(os.path.join(self.root, page))
        return self.server.base + urllib.parse.quote(page)

    def file_of(self, url):
        """The file of OUTPUT_DIR a page URL points to (query and fragment dropped), or None."""
        parts = urllib.parse.urlsplit(url)
        path = urllib.parse.unquote(parts.path)
        if parts.scheme == "file":
            full = os.path.normpath(path)
        elif url.startswith(self.server.base.rsplit(PREFIX, 1)[0]) and path.startswith(PREFIX):
            full = os.path.normpath(os.path.join(self.root, path[len(PREFIX):]))
        else:
            return None
        return full if full == self.root or full.startswith(self.root + os.sep) else None

    def set_width(self, width):
        mobile = width in PHONE_WIDTHS
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 800 if mobile else 900, "deviceScaleFactor": 1, "mobile": mobile})

    def load(self, url, width):
        self.set_width(width)
        self.d.get(url)
        # layout is final once the web fonts are in (the text's width depends on them)
        self.d.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "(document.fonts ? document.fonts.ready : Promise.resolve()).then(function () {"
            "  requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); }); });")

    # -------------------------------------------------------------- checks
    def check_overflow(self, page, width, mode, out):
        r = self.d.execute_script(OVERFLOW_JS)
        if width in PHONE_WIDTHS and r["W"] != width:
            self.fail(1, page, width, mode, f"the viewport is {r['W']} px wide, not {width} "
                      "(no <meta name=viewport content=\"width=device-width\">?)", out)
        if r["scrollWidth"] > r["W"]:
            self.fail(1, page, width, mode, f"the page scrolls sideways: document {r['scrollWidth']} px wide "
                      f"for a {r['W']} px viewport", out)
        # A scrolling table's caption is read before scrolling: it must be whole on the screen.
        cut = self.d.execute_script("const W = document.documentElement.clientWidth; return [...document.querySelectorAll('caption')]"
                                    ".filter(c => c.getClientRects().length && c.getBoundingClientRect().right > W + 1)"
                                    ".map(c => c.textContent.trim().slice(0, 40) + ' (to ' + Math.round(c.getBoundingClientRect().right) + ' px)')")
        for c in cut[:3]:
            self.fail(1, page, width, mode, f"table caption cut at the screen's edge: « {c} »", out)
        if r["outer"]:
            listed = "; ".join(f"{x['what']} (width {x['width']} px, from {x['left']} to {x['right']} px)" for x in r["list"])
            more = f" (+{r['outer'] - len(r['list'])} more)" if r["outer"] > len(r["list"]) else ""
            self.fail(1, page, width, mode, f"{r['outer']} boxes past the viewport's edges "
                      f"({r['total']} with their descendants): {listed}{more}", out)
        return r

    def check_labels(self, page, width, mode, images, out):
        r = self.d.execute_script(LABELS_JS, MIN_LABEL_PX - TOLERANCE)
        for s in r["small"]:
            self.fail(2, page, width, mode, f"svg{s['svg']} text «{s['text']}» drawn at {s['size']:.2f} px "
                      f"({s['css']:g} px × scale {s['scale']:.3f})", out)
        n_imgs = n_textless = 0
        if images:
            self.raster += r["raster"]
            for img in r["imgs"]:
                path = self.file_of(img["src"])
                if not path or not os.path.isfile(path):
                    self.fail(2, page, width, mode, f"img {img['attr']}: SVG file not found in the site ({img['src']})", out)
                    continue
                info = self.svgs.info(path)
                if "error" in info:
                    self.fail(2, page, width, mode, f"img {img['attr']}: {info['error']}", out)
                    continue
                if not info["smallest"]:
                    # no <text> in it: an overlay layer, or text drawn as glyph outlines (older
                    # builds), whose size cannot be read; counted, not checked
                    n_textless += 1
                    continue
                n_imgs += 1
                if not info["width"]:
                    self.fail(2, page, width, mode, f"img {img['attr']}: SVG without width nor viewBox", out)
                    continue
                size, label = info["smallest"]
                drawn = size * img["width"] / info["width"]
                if drawn < MIN_LABEL_PX - TOLERANCE:
                    self.fail(2, page, width, mode, f"img {img['attr']}: text «{label}» drawn at {drawn:.2f} px "
                              f"({size:g} px in a {info['width']:g} px wide SVG shown {img['width']:.0f} px wide)", out)
        self.textless += n_textless
        return r["texts"], r["smallest"], n_imgs, n_textless, (r["raster"] if images else 0)

    def check_key_message(self, page, width, mode, out):
        r = self.d.execute_script(KEY_MESSAGE_JS)
        if r["missing"]:
            return self.fail(3, page, width, mode, "no section.key-message on this portrait", out)
        if not r["inMain"]:
            self.fail(3, page, width, mode, "section.key-message is not inside <main>", out)
        if r["before"]:
            self.fail(3, page, width, mode, f"section.key-message comes after {len(r['before'])} other section(s) of main: "
                      + ", ".join(r["before"][:3]), out)
        # Its heading and its first lines on the first screen (the phone's 800 px).
        if r["top"] + 120 > r["screen"]:
            self.fail(3, page, width, mode, f"the key message starts {r['top']:.0f} px down: its first lines are below the "
                      f"first screen ({r['screen']} px)", out)
        lacking = [w for w in ("consomm", "artificialis", "zan") if w not in r["text"]]
        if lacking:
            self.fail(3, page, width, mode, "the key message does not mention " + ", ".join(f"«{w}…»" for w in lacking), out)

    def check_touch_targets(self, page, width, mode, out):
        """Check 5: navigation targets at least 44 × 44 CSS px on a phone."""
        r = self.d.execute_script(TOUCH_JS, TOUCH_SELECTORS)
        for item in r["small"][:5]:
            self.fail(5, page, width, mode, f"touch target below 44 × 44 px: {item}", out)
        if len(r["small"]) > 5:
            self.fail(5, page, width, mode, f"... and {len(r['small']) - 5} more touch targets below 44 px", out)
        return r["n"]

    def check_404(self):
        """Check 4: the 404 page asked for from inside a folder that does not exist."""
        url = self.server.base + MISSING_PAGE
        status, body = fetch(url)
        out = []
        if status != 404:
            self.fail(4, MISSING_PAGE, "-", "http", f"the server answers {status}, not 404", out)
        answers = {}
        for width in (PHONE_WIDTHS[0], DESKTOP_WIDTH):
            self.load(url, width)
            r = self.d.execute_script(STYLE_404_JS)
            if r["border"] != "solid":
                self.fail(4, MISSING_PAGE, width, "http", "the 404 page is not styled: .site-header "
                          + ("is missing" if not r["header"] else f"has border-bottom-style {r['border']!r}, not solid"), out)
            if r["font"].strip().strip("\"'").lower().startswith("times"):
                self.fail(4, MISSING_PAGE, width, "http", f"the 404 page is not styled: body font is {r['font']}", out)
            if not r["links"]:
                self.fail(4, MISSING_PAGE, width, "http", "no link in the header nor in main", out)
            for link in r["links"]:
                target = urllib.parse.urldefrag(link["url"])[0]
                if not target.startswith(self.server.base):
                    self.fail(4, MISSING_PAGE, width, "http", f"link «{link['text']}» leaves {PREFIX}: {link['url']}", out)
                    continue
                if target not in answers:
                    answers[target] = fetch(target)[0]
                if answers[target] != 200:
                    self.fail(4, MISSING_PAGE, width, "http", f"link «{link['text']}» → {target[len(self.server.base) - len(PREFIX):]} "
                              f"answers {answers[target]}", out)
            print(f"{'FAIL' if out else 'ok  '}  {MISSING_PAGE} (404 page) @ {width} px, http: "
                  f"{len(r['links'])} links, header border {r['border'] or 'none'}, font {r['font'][:40]}")
            for line in out:
                print(line)
            out = []

        folders = sorted({m.group(1) for p in self.pages for m in [FOLDER_RE.match(p)] if m})
        for folder in folders:
            url = self.server.base + urllib.parse.quote(folder) + "/"
            status, body = fetch(url)
            meta = re.search(r"<meta\s[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", body or "", re.I)
            if status != 200:
                self.fail(4, folder + "/", "-", "http", f"the folder answers {status}, not 200 (no index.html?)", out)
            elif not meta:
                self.fail(4, folder + "/", "-", "http", "the folder's index.html has no <meta http-equiv=\"refresh\">", out)
            else:
                content = re.search(r"content\s*=\s*[\"']([^\"']*)[\"']", meta.group(0), re.I)
                target = re.search(r"url\s*=\s*(.+)$", html.unescape(content.group(1)), re.I) if content else None
                if not target:
                    self.fail(4, folder + "/", "-", "http", f"no url in {meta.group(0)}", out)
                else:
                    to = urllib.parse.urljoin(url, target.group(1).strip().strip("'\""))
                    st = fetch(to)[0]
                    if st != 200:
                        self.fail(4, folder + "/", "-", "http", f"redirects to {to} which answers {st}", out)
            print(f"{'FAIL' if out else 'ok  '}  {folder}/ (folder index) http: {status}"
                  + (", redirect page" if meta else ""))
            for line in out:
                print(line)
            out = []

    # -------------------------------------------------------------- run
    def run(self):
        start = time.time()
        try:
            for mode in ("file", "http"):
                for page in self.pages:
                    if not os.path.isfile(os.path.join(self.root, page)):
                        out = []
                        self.fail(0, page, "-", mode, "missing page", out)
                        print("\n".join(out))
                        continue
                    for width in PHONE_WIDTHS + (DESKTOP_WIDTH,):
                        self.check_page(page, width, mode)
            self.check_404()
        finally:
            self.d.quit()
            self.server.stop()
        return self.summary(time.time() - start)

    def check_page(self, page, width, mode):
        out = []
        phone = width in PHONE_WIDTHS
        try:
            self.load(self.url(page, mode), width)
            ov = self.check_overflow(page, width, mode, out)
            texts, smallest, imgs, textless, raster = self.check_labels(page, width, mode, phone, out)
            portrait = bool(PORTRAIT_RE.match(page))
            if portrait and width == PHONE_WIDTHS[0]:
                self.check_key_message(page, width, mode, out)
            targets = self.check_touch_targets(page, width, mode, out) if phone else 0
            detail = f"document {ov['scrollWidth']} px, {texts} svg texts"
            if texts:
                detail += f" (smallest {smallest:.2f} px)"
            if phone:
                detail += f", {imgs} svg images with text, {textless} without, {raster} raster images skipped, {targets} touch targets"
            if portrait and width == PHONE_WIDTHS[0]:
                detail += ", key message checked"
        except WebDriverException as e:
            self.fail(0, page, width, mode, f"browser error: {getattr(e, 'msg', None) or e}", out)
            detail = "browser error"
        print(f"{'FAIL' if out else 'ok  '}  {page} @ {width} px, {mode}: {detail}")
        for line in out:
            print(line)

    def summary(self, seconds):
        counts = {}
        for f in self.failures:
            counts[f[0]] = counts.get(f[0], 0) + 1
        print(f"not checked for label size (counted at every phone width and mode): {self.raster} raster images (PNG...), "
              f"{self.textless} SVG images without <text> (overlay layers, or text drawn as outlines)")
        per = ", ".join(f"check {c} ({CHECK_NAMES[c]}): {n}" for c, n in sorted(counts.items())) or "none"
        print(f"browser_check: {len(self.pages)} pages × {len(PHONE_WIDTHS) + 1} widths × 2 modes in {seconds:.0f} s, "
              f"{len(self.failures)} failures ({per})")
        return 1 if self.failures else 0


def main():
    if len(sys.argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    root, pages = sys.argv[1], sys.argv[2:]
    if not os.path.isdir(root):
        print(f"browser_check: {root} is not a folder", file=sys.stderr)
        return 2
    return Checker(root, pages).run()


if __name__ == "__main__":
    sys.exit(main())
