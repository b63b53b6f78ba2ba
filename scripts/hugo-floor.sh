#!/usr/bin/env bash
# Benchmark floor: time Hugo rendering the same portrait pages, from the same figures, as a site
# built by portraits (see hugo_floor.py for what the Hugo site contains).
#
# Usage: hugo-floor.sh SITE_DIR WORK_DIR
# Writes WORK_DIR/site (the Hugo site) and WORK_DIR/public (Hugo's output), then prints one line:
#   hugo_pages=<n> hugo_wall=<s> hugo_user=<s> hugo_sys=<s> hugo_rss_kb=<k>
#   hugo_median_page_bytes=<b> our_median_page_bytes=<b>
# Hugo renders pages in parallel on all cores by default (GOMAXPROCS = number of CPUs); it is left
# so, as our generator also uses all cores.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SITE_DIR WORK_DIR" >&2; exit 2; }
site=$1
mkdir -p "$2"
work=$(cd "$2" && pwd)   # absolute: Hugo resolves a relative --destination against --source

if ! command -v hugo >/dev/null; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y hugo >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y hugo >&2; }
fi

gen=$(python3 "$(dirname "$0")/hugo_floor.py" "$site" "$work/site")
our_median=$(sed -n 's/.*our_pages_median_bytes=\([0-9]*\).*/\1/p' <<< "$gen")

rm -rf "$work/public"
timing=(NA NA NA NA)
start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
    hugo --quiet --source "$work/site" --destination "$work/public"
  read -r -a timing < "$work/time.txt"
else
  hugo --quiet --source "$work/site" --destination "$work/public"
fi
end=$(date +%s.%N)
wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')

# Generated pages that correspond to portraits: <level>/<code>/<period>.html
sizes=$(find "$work/public"/{region,departement,epci,scot,commune} -mindepth 2 -maxdepth 2 \
          -regextype posix-extended -regex '.*/[0-9]{4}(-[0-9]{4})?\.html' -printf '%s\n' 2>/dev/null \
        | sort -n)
pages=$(grep -c . <<< "$sizes" || true)
median=$(awk '{a[NR]=$1} END {print NR ? ((NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)) : 0}' <<< "$sizes")

echo "hugo_pages=$pages hugo_wall=$wall hugo_user=${timing[1]} hugo_sys=${timing[2]}" \
     "hugo_rss_kb=${timing[3]} hugo_median_page_bytes=$median our_median_page_bytes=$our_median"
