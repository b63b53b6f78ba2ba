#!/usr/bin/env python3
"""Writes BENCHMARKS-scale.md (on standard output) from the logs of scripts/bench-scale.sh."""
import os
import re
import subprocess
import sys

logs = sys.argv[1]


def text(name):
    path = os.path.join(logs, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""


def timing(name):
    """wall, user, sys, peak RSS in MB of a timed step (None when it did not run)."""
    t = text(name + ".time").split()
    if len(t) < 4:
        return None
    return float(t[-4]), float(t[-3]), float(t[-2]), int(t[-1]) // 1024


def stages(name):
    """name -> (wall, cpu, rss MB, detail) from the build's stage lines."""
    out = {}
    for line in text(name + ".log").splitlines():
        m = re.match(r"\[\d+/\d+\] (\S+)\s+([\d.]+) s  (.*)  \[cpu ([\d.]+) s, peak rss (\d+) MB\]", line)
        if m:
            out[m.group(1)] = (float(m.group(2)), float(m.group(4)), int(m.group(5)), m.group(3))
    return out


def units(name):
    """unit -> (made/reused, cpu, files, bytes)."""
    out = {}
    for line in text(name + ".log").splitlines():
        m = re.match(r"  unit (\S+) (made|reused) cpu=([\d.]+) files=(\d+) bytes=(\d+)", line)
        if m:
            out[m.group(1)] = (m.group(2), float(m.group(3)), int(m.group(4)), int(m.group(5)))
    return out


def parts(name):
    """measured part -> (cpu, items, bytes)."""
    out = {}
    for line in text(name + ".log").splitlines():
        m = re.match(r"  part (\S+) cpu=([\d.]+) files=(\d+) bytes=(\d+)", line)
        if m:
            out[m.group(1)] = (float(m.group(2)), int(m.group(3)), int(m.group(4)))
    return out


def phases(name):
    return [(m.group(1), float(m.group(2))) for m in re.finditer(r"  tabulate: (.*) ([\d.]+) s", text(name + ".log"))]


def kv(s):
    return dict(p.split("=", 1) for p in s.split() if "=" in p)


def mb(b):
    return f"{b / 1e6:,.0f}".replace(",", " ")


def n(x):
    return f"{x:,}".replace(",", " ")


cold, cold_t = stages("cold"), timing("cold")
cu = units("cold")
floor = kv(text("floor.out"))
hugo = kv(text("hugo.out"))
cpu_model = subprocess.run("lscpu | awk -F': +' '/Model name/ {print $2; exit}'", shell=True, capture_output=True, text=True).stdout.strip()
mem = subprocess.run("free -g | awk '/Mem:/ {print $2}'", shell=True, capture_output=True, text=True).stdout.strip()
print("# Benchmarks at full scale")
print()
print(f"Produced by `bash scripts/bench-scale.sh` on {subprocess.run(['date', '-u', '+%Y-%m-%d'], capture_output=True, text=True).stdout.strip()}: "
      f"{os.cpu_count()} cores ({cpu_model}), {mem} GB, release build, one run of each step (the whole script takes about an hour).")
print(f"Scale profile of the demo (`portraits demo --profile scale`): the 5 115 real Grand Est communes and "
      f"{n(int(text('polygons').strip() or 0))} synthetic land-cover polygons carrying 3 millésimes (2010, 2019, 2021), "
      "about 73 polygons per km² as in OCS GE; 5 326 territories, 15 978 portraits.")
lc = dict(l.split("=", 1) for l in text("landcover").split() if "=" in l)
if lc:
    print(f"Land cover as generated: {float(lc['changed_2010_2019']):.2f} % of the area changes between 2010 and 2019, "
          f"{float(lc['changed_2019_2021']):.2f} % between 2019 and 2021, {float(lc['changed_2010_2021']):.2f} % between 2010 and 2021; "
          f"in 2021 herbaceous formations {float(lc['herbaceous']):.1f} %, forest {float(lc['forest']):.1f} %, "
          f"built and sealed (CS1.1) {float(lc['sealed_built']):.1f} % (GDAL's SQL on the layer).")
print()
print("## Targets (2 cores, scale profile)")
print()
print("| target | measured | |")
print("|---|---|---|")


def verdict(ok):
    return "met" if ok else "**missed**"


if floor and "tabulate" in cold:
    ratio = cold["tabulate"][0] / float(floor["floor_total"])
    print(f"| tabulation ≤ 3× the floor (GDAL read + GEOS intersection) | {cold['tabulate'][0]:.1f} s / {float(floor['floor_total']):.1f} s = {ratio:.2f}× | {verdict(ratio <= 3)} |")
ours_html = parts("template").get("portrait-html") or parts("cold").get("portrait-html")
if hugo and ours_html:
    hw, hc = float(hugo["hugo_wall"]), float(hugo["hugo_user"]) + float(hugo["hugo_sys"])
    print(f"| HTML+SVG of all portraits faster than Hugo on the same pages | ours {ours_html[0]:.1f} s CPU ({ours_html[0] / os.cpu_count():.1f} s on {os.cpu_count()} cores); "
          f"Hugo {hw:.1f} s wall, {hc:.1f} s CPU | {verdict(ours_html[0] < hc)} ({hc / ours_html[0]:.1f}× less CPU) |")
if cold_t:
    print(f"| whole cold build ≤ 15 min excluding PDFs | {cold_t[0]:.0f} s = {int(cold_t[0] // 60)} min {int(cold_t[0] % 60):02d} s | {verdict(cold_t[0] <= 900)} |")
nc = timing("nochange")
if nc:
    print(f"| rebuild with nothing changed ≤ 5 s | {nc[0]:.2f} s, no file written | {verdict(nc[0] <= 5)} |")
rss = max([t[3] for t in [cold_t, timing("pdf")] if t] or [0])
if rss:
    which = "cold build and the build with PDFs" if timing("pdf") else "cold build"
    print(f"| peak RSS ≤ 6 GB | {rss} MB ({which}) | {verdict(rss <= 6144)} |")
print()
print("## Cold build, stage by stage (no facts store, no previous output, no PDF)")
print()
print("| stage | wall (s) | CPU (s) | peak RSS so far (MB) | files | MB written |")
print("|---|---|---|---|---|---|")
for s in ["load", "tabulate", "aggregate", "compute"]:
    if s in cold:
        w, c, r, _ = cold[s]
        print(f"| {s} | {w:.1f} | {c:.1f} | {r} | | |")
if "render" in cold:
    w, c, r, _ = cold["render"]
    total_cpu = sum(u[1] for u in cu.values()) or 1
    groups = [("render: pages (portraits with their inline charts, explorers, site pages)", ["territory-pages", "site"]),
              ("render: maps (land cover, changes, overlays, level maps)", ["maps", "level-maps"]),
              ("render: downloads (level CSV, XLSX, GeoPackage)", ["downloads"])]
    for label, names in groups:
        cpu = sum(cu[u][1] for u in names if u in cu)
        files = sum(cu[u][2] for u in names if u in cu)
        bytes_ = sum(cu[u][3] for u in names if u in cu)
        print(f"| {label} | {w * cpu / total_cpu:.1f}* | {cpu:.1f} | {r} | {n(files)} | {mb(bytes_)} |")
for s in ["print", "write"]:
    if s in cold:
        w, c, r, _ = cold[s]
        print(f"| {s} | {w:.1f} | {c:.1f} | {r} | | |")
if cold_t:
    print(f"| **whole build** (`/usr/bin/time`) | **{cold_t[0]:.1f}** | {cold_t[1] + cold_t[2]:.1f} | **{cold_t[3]}** | {n(int(text('files').strip() or 0))} | {mb(int(text('bytes').strip() or 0))} |")
print()
print("\\* The render stage runs its parts together on both cores; its wall time is split in proportion to the CPU time "
      "each part used (measured per thread).")
print()
print("Inside the tabulate stage:")
print()
print("| phase | wall (s) |")
print("|---|---|")
for p, s in phases("cold"):
    print(f"| {p} | {s:.1f} |")
print()
print("## Rebuilds")
print()
print("| rebuild of the same output | wall (s) | what was made again |")
print("|---|---|---|")
for name, label in [("nochange", "nothing changed"), ("template", "the portrait template changed"),
                    ("template-back", "the portrait template restored"), ("content", "a documentation page changed"),
                    ("content-back", "the documentation page restored")]:
    t = timing(name)
    if not t:
        continue
    st = stages(name)
    made = [u for u, v in units(name).items() if v[0] == "made" and (v[2] > 0 or v[1] > 0)]
    what = "nothing (no stage ran, no file written)" if not st else ", ".join(made) or "nothing"
    tab = st.get("tabulate", (0, 0, 0, ""))[3]
    if "reused" in tab:
        what += "; facts reused from the store"
    print(f"| {label} | {t[0]:.1f} | {what} |")
print()
print("## Floors, same run, same machine")
print()
print("| floor | wall (s) | beside |")
print("|---|---|---|")
if floor:
    tab = cold.get("tabulate", (0,))[0]
    total = float(floor["floor_total"])
    print(f"| GDAL reading the land cover alone (minimal loop to WKB, {n(int(floor['floor_polygons']))} polygons) | {float(floor['floor_read']):.1f} | |")
    print(f"| GDAL read + GEOS intersection with the communes, on every core (`portraits bench-floor`) | {total:.1f} | "
          f"tabulate stage {tab:.1f} s = **{tab / total:.2f}×** the floor (target ≤ 3×) |")
cp = timing("cp")
if cp:
    print(f"| `cp -r` of the produced site | {cp[0]:.1f} | cold build {cold_t[0]:.1f} s |")
if hugo:
    hugo_cpu = float(hugo['hugo_user']) + float(hugo['hugo_sys'])
    ours = parts("template").get("portrait-html") or parts("cold").get("portrait-html")
    beside = ""
    if ours:
        beside = (f"our portraits, HTML with their inline SVG charts ({n(ours[1])} pages, {mb(ours[2])} MB): CPU {ours[0]:.1f} s, "
                  f"{ours[0] / os.cpu_count():.1f} s on {os.cpu_count()} cores = **{ours[0] / hugo_cpu:.2f}×** Hugo's CPU time")
    print(f"| Hugo rendering {n(int(hugo['hugo_pages']))} pages from the same figures (every core) | "
          f"{float(hugo['hugo_wall']):.1f} (CPU {hugo_cpu:.1f}) | {beside} |")
    tmpl = stages("template").get("render")
    if tmpl:
        print(f"| | | the whole render stage after a template change (territory and site pages, explorers, CSV and workbooks made again and compared, maps linked): {tmpl[0]:.1f} s |")
    print()
    print(f"Hugo's pages: median {n(int(hugo['hugo_median_page_bytes']))} bytes; ours: median {n(int(hugo['our_median_page_bytes']))} bytes "
          "(see scripts/hugo_floor.py for what the Hugo pages hold).")
pdf = stages("pdf")
if pdf:
    w, c, r, d = pdf.get("print", (0, 0, 0, ""))
    print()
    print("## PDFs")
    print()
    print(f"Build with the PDFs after the builds above (the pages that link to them are made again): print stage {w:.1f} s "
          f"(CPU {c:.1f} s, peak RSS {r} MB): {d}. Whole build: {timing('pdf')[0]:.1f} s.")
