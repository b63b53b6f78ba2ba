#!/usr/bin/env bash
# Benchmark of a build at full scale: the demo's scale profile (the real Grand Est communes, a
# synthetic land cover at OCS GE density, about 4.2 million polygons with 3 millésimes), beside
# floors measured in the same run on the same machine:
#   - the tabulation floor (`portraits bench-floor`): GDAL's Arrow stream reading the same layer and
#     its code fields, then on every core GEOS adding each polygon whole to the commune that properly
#     contains it or intersecting it with those it meets, areas accumulated per class and transition;
#   - `cp -r` of the produced site;
#   - Hugo (Debian's package) rendering the same number of pages from the same figures
#     (scripts/hugo-floor.sh).
# Steps: a cold build without PDFs (no facts store, no previous output), a rebuild with nothing
# changed, a rebuild after a template change, a rebuild after a documentation change, the commune
# maps alone (`portraits bench-graphics --maps-only --level commune`), then the PDFs (PDF=0 skips
# them: about half an hour more). Writes BENCHMARKS-scale.md, each target with its ratio, met or missed.
# Needs about 45 GB of free disk (the site twice, Hugo's copy) and 6 GB of memory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PDF=${PDF:-1}
make -s build >/dev/null
bin=$root/.build/release/portraits
cfg=demo/scale/portraits.yaml
$bin demo --profile scale --generate-only -q
work=${WORK:-$(mktemp -d "$root/.bench-scale.XXXX")}
logs=$work/logs
mkdir -p "$logs"
cleanup() {
  rm -rf "$root/demo/scale/Templates"
  if [ -f "$work/guide.md.orig" ]; then cp "$work/guide.md.orig" Content/guide.md; fi
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
timed() { # name, command…: wall, user, sys, peak RSS (kB) of the command into $logs/<name>.time
  local name=$1; shift
  /usr/bin/time -o "$logs/$name.time" -f "%e %U %S %M" "$@" > "$logs/$name.out" 2> "$logs/$name.log"
}
site=$work/site
# 1. Floors of the tabulation.
timed floor $bin bench-floor --config $cfg
# 2. Cold build: no facts store, no previous output.
rm -rf demo/scale/.portraits "$site"
# No PDF and no council report (ODT): the targets are the web site's; the demo's benchmark
# (bench-demo.sh) measures the documents.
timed cold $bin build --config $cfg --no-pdf --no-rapport --output "$site"
# 3. Nothing changed.
timed nochange $bin build --config $cfg --no-pdf --no-rapport --output "$site"
# 4. A template changed: the portrait template with one more line.
mkdir -p demo/scale/Templates
sed 's/{{> footer}}/<p class="note">Gabarit modifié pour le banc d’essai.<\/p>\n{{> footer}}/' \
  Templates/portrait.mustache > demo/scale/Templates/portrait.mustache
timed template $bin build --config $cfg --no-pdf --no-rapport --output "$site"
rm -rf demo/scale/Templates
timed template-back $bin build --config $cfg --no-pdf --no-rapport --output "$site"
# 5. A documentation page changed.
cp Content/guide.md "$work/guide.md.orig"
printf '\nPhrase ajoutée pour le banc d’essai.\n' >> Content/guide.md
timed content $bin build --config $cfg --no-pdf --no-rapport --output "$site"
cp "$work/guide.md.orig" Content/guide.md
timed content-back $bin build --config $cfg --no-pdf --no-rapport --output "$site"
# 6. The commune maps alone, map by map (scene and Cairo SVG).
timed graphics $bin bench-graphics --config $cfg --maps-only --level commune --sample-every 1000000
# 7. cp -r of the site.
find "$site" -type f | wc -l > "$logs/files"
du -sb "$site" | cut -f1 > "$logs/bytes"
rm -rf "$work/copy"
timed cp cp -r "$site" "$work/copy"
rm -rf "$work/copy"
# 8. Hugo on the same pages.
bash scripts/hugo-floor.sh "$site" "$work/hugo" > "$logs/hugo.out" 2> "$logs/hugo.log"
rm -rf "$work/hugo"
# 9. The PDFs: the same build with them (pages linking to them and the print stage are made again).
if [ "$PDF" = 1 ]; then
  timed pdf $bin build --config $cfg --output "$site"
fi
ogrinfo -so demo/scale/generated/ocsge_synthetique.gpkg ocsge | awk -F': ' '/Feature Count/ {print $2}' > "$logs/polygons"
# What the land cover is like: share of the area that changes per period, class shares (GDAL's SQL).
changed() { echo "SUM(CASE WHEN CS_$1<>CS_$2 OR US_$1<>US_$2 THEN ST_Area(geom) ELSE 0 END)/SUM(ST_Area(geom))*100 AS changed_$1_$2"; }
share() { echo "SUM(CASE WHEN CS_2021 LIKE '$1' THEN ST_Area(geom) ELSE 0 END)/SUM(ST_Area(geom))*100 AS $2"; }
ogrinfo -q -dialect SQLite -sql "SELECT $(changed 2010 2019), $(changed 2019 2021), $(changed 2010 2021), $(share 'CS1.1%' sealed_built), $(share 'CS2.1.1%' forest), $(share 'CS2.2.1' herbaceous) FROM ocsge" \
  demo/scale/generated/ocsge_synthetique.gpkg | awk -F' = ' '/=/ {split($1, a, " "); print a[1] "=" $2}' > "$logs/landcover"
python3 scripts/bench_scale_report.py "$logs" > BENCHMARKS-scale.md
echo "wrote BENCHMARKS-scale.md (logs in $logs)"
