#!/usr/bin/env bash
# Regenerates the site's web font: DejaVu Sans (regular and bold, from Debian's fonts-dejavu-core)
# subset to the characters French pages and charts use, as WOFF2, with fontTools (PyPI `fonttools`
# and `brotli`, installed into .venv-checks/ by scripts/site-check.sh's set-up or here).
# The output is committed (Templates/assets/), so that a clone
# builds without Python; run this only to change the character set. The charts' text is laid out by
# Cairo with the same font files, so the browser draws it with the metrics Cairo measured.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-checks
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import fontTools, brotli' 2>/dev/null || "$venv/bin/pip" install -q fonttools==4.68.0 brotli==1.2.1
out=Templates/assets
src=/usr/share/fonts/truetype/dejavu
mkdir -p "$out"
# Basic Latin, Latin-1, Latin Extended-A (œ, names of places), typographic punctuation (’ « » – — …,
# thin and narrow no-break spaces), ‰, €, arrows, minus, ≤ ≥ ≈ and ×.
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+02BC,U+02C6,U+02DA,U+02DC,U+2009-200B,U+2010-2027,U+202F,U+2030,U+2039-203A,U+20AC,U+2190-2193,U+2212,U+2248,U+2264-2265,U+25B2,U+25BC"
for face in DejaVuSans DejaVuSans-Bold; do
  lower=$(echo "$face" | tr 'A-Z' 'a-z')
  "$venv/bin/pyftsubset" "$src/$face.ttf" --unicodes="$unicodes" --flavor=woff2 \
    --layout-features='kern,liga' --no-hinting --desubroutinize --name-IDs='*' --name-legacy \
    --output-file="$out/$lower.woff2"
done
cp /usr/share/doc/fonts-dejavu-core/copyright "$out/dejavu-licence.txt" 2>/dev/null || true
ls -l "$out"
