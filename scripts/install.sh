#!/usr/bin/env bash
# Installs a built portraits (called by `make install`): the binary with what it needs at run time,
# so that it runs from any folder on a machine without the repository or the Swift toolchain:
#   PREFIX/lib/portraits/portraits                                  the binary (its RUNPATH has $ORIGIN)
#   PREFIX/lib/portraits/portraits_PortraitsResources.resources/    built-in Templates/ and Content/ (nomenclatures)
#   PREFIX/lib/portraits/lib*.so                                    the Swift runtime libraries it links
#   PREFIX/bin/portraits                                            a link to the binary
# System libraries (GDAL, GEOS, Cairo, qpdf, cmark-gfm, SQLite, fonts) come from Debian's packages,
# which `make install` installs first (scripts/install-deps.sh).
# Usage: scripts/install.sh BUILD_DIR DESTDIR PREFIX
set -euo pipefail
build=${1:?build folder, e.g. .build/release}
destdir=${2-}
prefix=${3:-/usr/local}
lib="$destdir$prefix/lib/portraits"
bin="$destdir$prefix/bin"
[ -x "$build/portraits" ] || { echo "error: $build/portraits: not built (run make build)" >&2; exit 1; }
[ -d "$build/portraits_PortraitsResources.resources" ] || { echo "error: $build/portraits_PortraitsResources.resources: missing" >&2; exit 1; }
install -d "$lib" "$bin"
install -m 755 "$build/portraits" "$lib/portraits"
rm -rf "$lib/portraits_PortraitsResources.resources"
cp -R "$build/portraits_PortraitsResources.resources" "$lib/"
# The Swift runtime: the libraries of the toolchain the binary loads (Swift's own, Foundation,
# dispatch), nothing of the system's.
core=$(ldd "$build/portraits" | awk '$1 == "libswiftCore.so" {print $3}')
case "$core" in
  /*) ;;
  *) echo "error: $build/portraits: libswiftCore.so not found by ldd (is the Swift toolchain installed?)" >&2; exit 1 ;;
esac
swiftlib=$(dirname "$core")
ldd "$build/portraits" | awk -v d="$swiftlib/" 'index($3, d) == 1 {print $1 " " $3}' | while read -r name so; do
  case "$name" in
    libswift*|libFoundation*|lib_Foundation*|libdispatch*|libBlocksRuntime*) install -m 644 "$so" "$lib/" ;;
  esac
done
ln -sfn ../lib/portraits/portraits "$bin/portraits"
echo "installed $prefix/bin/portraits$([ -n "$destdir" ] && echo " under $destdir")"
