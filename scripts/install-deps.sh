#!/usr/bin/env bash
# Installs the Debian packages portraits needs, only those missing. Debian 12; run as root (or with sudo).
# With --tests, also those only the tests use (LibreOffice, which opens the council reports).
set -euo pipefail
packages=(
  pkg-config
  libgdal-dev gdal-bin        # GDAL/OGR: reading vector data; ogr2ogr for the independent checks in tests
  libgeos-dev                 # GEOS: overlay, unions, repairs
  libcairo2-dev               # Cairo: charts and maps (SVG, PNG, PDF)
  zlib1g-dev                  # zlib: the streams of everything but the PDFs (pdf_deflate.c forwards to it)
  libdeflate-dev              # libdeflate: the PDFs' streams (pdf_deflate.c)
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # cmark-gfm: Markdown documentation
  libsqlite3-dev              # SQLite
  libxlsxwriter-dev           # XLSX downloads (numeric cells typed, one sheet per theme)
  fonts-dejavu-core           # the font of charts and maps (declared in Typography.swift)
  libjemalloc-dev             # jemalloc: the allocator, linked in place of glibc's malloc (MemoryAllocator.swift)
  libqpdf-dev                 # qpdf's library: the PDFs' links, language and cross-reference table (PDFFinishing.swift)
  qpdf                        # qpdf --check: the tests check every PDF's structure
  poppler-utils               # pdfinfo, pdffonts, pdftotext: the tests open the generated PDFs
  python3                     # the tests of scripts/ (make test) and the site checks
)
if [ "${1:-}" = "--tests" ]; then
  packages+=(libreoffice-writer-nogui)   # the tests convert the council report (ODT) to PDF with it, as a reader's office suite would
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
