#!/usr/bin/env bash
# Page weight of a built site, as readers download it (scripts/page_weight.py --site):
#   - commune portraits: median, 90th percentile and largest HTML file (bytes as served, and gzipped
#     at level 6 as a host would compress them), over every commune portrait page;
#   - the whole site without its PDFs, and the PDFs apart.
# Usage: scripts/bench-weight.sh OUTPUT_DIR        prints a Markdown section on stdout
# (scripts/bench-demo.sh appends it to BENCHMARKS.md for the demo site it built).
set -euo pipefail
out=$(cd "${1:?usage: bench-weight.sh OUTPUT_DIR}" && pwd)
python3 "$(dirname "$0")/page_weight.py" --site "$out"
