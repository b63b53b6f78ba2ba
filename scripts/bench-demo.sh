#!/usr/bin/env bash
# Benchmark of the demo build (release), beside floors measured in the same run on the same machine:
#   - GDAL alone reading the same input layers (ogrinfo -al over communes and land cover),
#   - cp -r of the produced Output/ tree.
# Runs each measurement RUNS times (default 3) and reports medians (cold builds: --no-cache). Writes BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
make -s build >/dev/null
bin=.build/release/portraits
$bin demo --generate-only -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
declare -A stage
for i in $(seq "$RUNS"); do
  start=$(now)
  $bin build --config demo/portraits.yaml --no-cache --output "$tmp/out" 2> "$tmp/log-$i" >/dev/null
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >> "$tmp/total"
  for s in load tabulate aggregate compute render print write; do
    awk -v s="$s" '$2==s {print $3}' "$tmp/log-$i" >> "$tmp/stage-$s"
  done
  start=$(now)
  ogrinfo -al -q data/grand-est/communes_l93.gpkg communes > /dev/null
  ogrinfo -al -q demo/generated/ocsge_synthetique.gpkg ocsge > /dev/null
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >> "$tmp/gdal"
  rm -rf "$tmp/copy"
  start=$(now)
  cp -r "$tmp/out" "$tmp/copy"
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >> "$tmp/cp"
done
files=$(find "$tmp/out" -type f | wc -l)
bytes=$(du -sb "$tmp/out" | cut -f1)
portraits=$(awk '$2=="render" {print $5}' "$tmp/log-1")
pdfs=$(awk '$2=="print" {print $5}' "$tmp/log-1")
atlases=$(awk '$2=="print" {print $8}' "$tmp/log-1")
pdfpages=$(awk '$2=="print" {print $10}' "$tmp/log-1")
polygons=$(ogrinfo -so demo/generated/ocsge_synthetique.gpkg ocsge | awk -F': ' '/Feature Count/ {print $2}')
rss=0; if [ -x /usr/bin/time ]; then rss=$( { /usr/bin/time -f "%M" $bin build --config demo/portraits.yaml --no-cache --output "$tmp/out2" -q; } 2>&1 | tail -1); fi
cpu=$(lscpu | awk -F': +' '/Model name/ {print $2; exit}')
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`scripts/bench-demo.sh\` (release build, RUNS=$RUNS, medians) on $(date -u +%Y-%m-%d):"
  echo "$(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB, $(. /etc/os-release; echo "$PRETTY_NAME")."
  echo
  echo "Demo: 5 115 real Grand Est communes, $polygons synthetic land-cover polygons, 3 millésimes, 3 periods;"
  echo "$portraits portraits, $files files, $((bytes / 1000000)) MB written."
  echo
  echo "| stage | median (s) |"
  echo "|---|---|"
  for s in load tabulate aggregate compute render print write; do
    echo "| $s | $(median < "$tmp/stage-$s") |"
  done
  echo "| **whole build** | **$(median < "$tmp/total" | xargs printf '%.1f')** |"
  echo
  echo "| floor, same run | median (s) |"
  echo "|---|---|"
  echo "| GDAL alone reading the same layers (\`ogrinfo -al\`) | $(median < "$tmp/gdal" | xargs printf '%.2f') |"
  echo "| \`cp -r\` of the produced Output/ tree | $(median < "$tmp/cp" | xargs printf '%.2f') |"
  echo
  echo "Peak resident memory of one build: $((rss / 1024)) MB."
  echo
  echo "## Printable PDFs"
  echo
  printsec=$(median < "$tmp/stage-print")
  pdfcpu=$(awk '$1=="part" && $2=="portrait-pdf" {sub("cpu=", "", $3); print $3}' "$tmp/log-1")
  echo "The render stage drew the $pdfs portrait PDFs with their territory's web maps, from the same map scenes:"
  echo "$pdfcpu s of CPU (run 1, measured per thread), $(awk -v n="$pdfs" -v c="$pdfcpu" -v k="$(nproc)" 'BEGIN {printf "%.0f", n / (c / k)}') portraits per second on $(nproc) cores."
  echo "The print stage then drew the $atlases atlases (cover, summary, the group's portrait, a two-page fiche per"
  echo "member; $pdfpages A4 pages in all the PDFs) in $printsec s."
  echo "Mon Diagnostic Artificialisation prints one report at a time through a headless browser that waits at"
  echo "least 5 s per report: $pdfs reports would take at least $(awk -v n="$pdfs" 'BEGIN {printf "%.1f", n * 5 / 3600}') hours that way."
  echo
  echo "## Council reports (rapport triennal)"
  echo
  part() { awk -v p="$1" -v f="$2" '$1=="part" && $2==p { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$tmp/log-1"; }
  echo "The render stage wrote $(part rapport-odt files) reports as ODT ($(part rapport-odt bytes | awk '{printf "%.1f", $1 / 1e6}') MB, $(part rapport-odt cpu) s of CPU:"
  echo "charts drawn as PNG, the package zipped) and $(part rapport-pdf files) as PDF ($(part rapport-pdf bytes | awk '{printf "%.1f", $1 / 1e6}') MB, $(part rapport-pdf cpu) s of CPU), run 1,"
  echo "measured per thread."
  echo
  echo "## Charts and maps, kind by kind"
  echo
  echo "Produced by \`portraits bench-graphics --config demo/portraits.yaml\` in the same run: every chart and map"
  echo "the build draws, timed per item (medians) on $(nproc) threads. *Scene*: the layout of a chart's data"
  echo "from the portrait model (made before the clock starts, as the compute stage makes it) or of a map's input."
  echo "*Cairo SVG*: Cairo's SVG surface for the shapes, the text layer (\`<text>\` elements),"
  echo "number compaction. *Floor*: the same scene's paths"
  echo "written with integer coordinates into a byte buffer (\`FloorSVGWriter\`), text as \`<text>\`."
  echo
  $bin bench-graphics --config demo/portraits.yaml
  echo
  bash scripts/bench-weight.sh "$tmp/out"
} > BENCHMARKS.md
cat BENCHMARKS.md
