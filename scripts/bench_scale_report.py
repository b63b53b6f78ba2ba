#!/usr/bin/env python3
"""Writes BENCHMARKS-scale.md (on standard output) from the logs of scripts/bench-scale.sh.

Usage: bench_scale_report.py LOG_DIR. The parsers read the lines the build prints (stage lines,
unit and part costs) and GNU time's output; scripts/tests/test_reports.py checks them on real lines.
"""
import os
import re
import subprocess
import sys
from collections import namedtuple

STAGE = re.compile(r"\[\d+/\d+\] (\S+)\s+([\d.]+) s  (.*)  \[cpu ([\d.]+) s, peak rss (\d+) MB\]")
UNIT = re.compile(r"  unit (\S+) (made|reused) cpu=([\d.]+) files=(\d+) bytes=(\d+)")
PART = re.compile(r"  part (\S+) cpu=([\d.]+) files=(\d+) bytes=(\d+)")
PHASE = re.compile(r"^  tabulate: (.*?) ([\d.]+) s(?: \[cpu [\d.]+ s\])?$", re.M)
GRAPHICS = re.compile(r"Land-cover maps of 800 to 1 200 polygons: (\d+) maps, median ([\d.]+) ms")

# The render stage's maps before the work of the maps' speed (BENCHMARKS-scale.md of 2026-11-26:
# "render: maps", CPU seconds on the same machine and profile): the target is half of it.
MAPS_CPU_BEFORE = 515.6
# PDFs per second on the scale profile: the target of the printed portraits' issue.
PDF_RATE_TARGET = 50


def parse_timing(text):
    """wall, user, sys, peak RSS in MB from `/usr/bin/time -f '%e %U %S %M'` (None when it did not run)."""
    t = text.split()
    if len(t) < 4:
        return None
    return float(t[-4]), float(t[-3]), float(t[-2]), int(t[-1]) // 1024


def parse_stages(text):
    """stage name -> (wall, cpu, rss MB, detail) from the build's stage lines."""
    out = {}
    for line in text.splitlines():
        m = STAGE.match(line)
        if m:
            out[m.group(1)] = (float(m.group(2)), float(m.group(4)), int(m.group(5)), m.group(3))
    return out


def parse_units(text):
    """unit -> (made/reused, cpu, files, bytes)."""
    out = {}
    for line in text.splitlines():
        m = UNIT.match(line)
        if m:
            out[m.group(1)] = (m.group(2), float(m.group(3)), int(m.group(4)), int(m.group(5)))
    return out


def parse_parts(text):
    """measured part -> (cpu, items, bytes)."""
    out = {}
    for line in text.splitlines():
        m = PART.match(line)
        if m:
            out[m.group(1)] = (float(m.group(2)), int(m.group(3)), int(m.group(4)))
    return out


def parse_phases(text):
    """[(phase, wall seconds)] of the tabulate stage, in order."""
    return [(m.group(1), float(m.group(2))) for m in PHASE.finditer(text)]


def parse_graphics(text):
    """(maps, median ms) of the land-cover maps of about 1 000 polygons, from `portraits bench-graphics`."""
    m = GRAPHICS.search(text)
    # No map of that size (a level without communes): nothing was measured.
    return (int(m.group(1)), float(m.group(2))) if m and int(m.group(1)) > 0 else None


def pdf_rate(logs, cores):
    """(documents, seconds, per second) of the build with PDFs: the portrait PDFs' CPU spread on the
    cores (they are drawn inside the render stage) plus the print stage's wall time (the atlases)."""
    portraits = logs.parts("pdf").get("portrait-pdf")
    stage = logs.stages("pdf").get("print")
    if not portraits or not stage:
        return None
    m = re.search(r"(\d+) (?:atlases|documents)", stage[3])
    documents = portraits[1] + (int(m.group(1)) if m else 0)
    seconds = portraits[0] / cores + stage[0]
    return documents, seconds, documents / seconds


def kv(s):
    """'a=1 b=2' -> {'a': '1', 'b': '2'}."""
    return dict(p.split("=", 1) for p in s.split() if "=" in p)


# What the sections of the report read: the cold build's stages, timing and units, the floor's and
# Hugo's runs, and the machine.
Run = namedtuple("Run", "cold cold_t cu floor hugo cores cpu_model mem day")


class Logs:
    """The files scripts/bench-scale.sh leaves in its log folder, read by step name."""

    def __init__(self, folder):
        self.folder = folder

    def text(self, name):
        path = os.path.join(self.folder, name)
        return open(path, encoding="utf-8").read() if os.path.exists(path) else ""

    def timing(self, name):
        return parse_timing(self.text(name + ".time"))

    def stages(self, name):
        return parse_stages(self.text(name + ".log"))

    def units(self, name):
        return parse_units(self.text(name + ".log"))

    def parts(self, name):
        return parse_parts(self.text(name + ".log"))

    def phases(self, name):
        return parse_phases(self.text(name + ".log"))


def mb(b):
    return f"{b / 1e6:,.0f}".replace(",", " ")


def n(x):
    return f"{x:,}".replace(",", " ")


def hectares(text):
    """'5770529.6695' -> '5 770 529.67'."""
    return f"{float(text):,.2f}".replace(",", " ")


def machine():
    """(cores, CPU model, memory GB, date) of this machine."""
    def sh(cmd):
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    return (os.cpu_count(), sh("lscpu | awk -F': +' '/Model name/ {print $2; exit}'"), sh("free -g | awk '/Mem:/ {print $2}'"), sh("date -u +%Y-%m-%d"))


def header(logs, run, out):
    """The title and the machine."""
    cores, cpu_model, mem, day = run.cores, run.cpu_model, run.mem, run.day
    out("# Benchmarks at full scale")
    out("")
    out(f"Produced by `bash scripts/bench-scale.sh` on {day}: "
          f"{cores} cores ({cpu_model}), {mem} GB, release build, one run of each step (the whole script takes about an hour).")
    out(f"Scale profile of the demo (`portraits demo --profile scale`): the 5 115 real Grand Est communes and "
          f"{n(int(logs.text('polygons').strip() or 0))} synthetic land-cover polygons carrying 3 millésimes (2010, 2019, 2021), "
          "about 73 polygons per km² as in OCS GE; 5 326 territories, 15 978 portraits.")
    lc = dict(l.split("=", 1) for l in logs.text("landcover").split() if "=" in l)
    if lc:
        out(f"Land cover as generated: {float(lc['changed_2010_2019']):.2f} % of the area changes between 2010 and 2019, "
              f"{float(lc['changed_2019_2021']):.2f} % between 2019 and 2021, {float(lc['changed_2010_2021']):.2f} % between 2010 and 2021; "
              f"in 2021 herbaceous formations {float(lc['herbaceous']):.1f} %, forest {float(lc['forest']):.1f} %, "
              f"built and sealed (CS1.1) {float(lc['sealed_built']):.1f} % (GDAL's SQL on the layer).")
    out("")


def targets(logs, run, out):
    """The targets of the scale issue, met or missed."""
    cold, cold_t, floor, hugo, cores = run.cold, run.cold_t, run.floor, run.hugo, run.cores
    out("## Targets (2 cores, scale profile)")
    out("")
    out("| target | measured | |")
    out("|---|---|---|")


    def verdict(ok):
        return "met" if ok else "**missed**"


    if floor and "tabulate" in cold:
        ratio = cold["tabulate"][0] / float(floor["floor_total"])
        out(f"| tabulation ≤ 3× the floor (Arrow read + overlay with accumulators, every core) | {cold['tabulate'][0]:.1f} s / {float(floor['floor_total']):.1f} s = {ratio:.2f}× | {verdict(ratio <= 3)} |")
    maps_cpu = sum(run.cu[u][1] for u in ("maps", "level-maps") if u in run.cu)
    if maps_cpu:
        ratio = maps_cpu / MAPS_CPU_BEFORE
        out(f"| the render stage's maps in half the CPU of 2026-11-26 ({MAPS_CPU_BEFORE} s) | {maps_cpu:.1f} s = {ratio:.2f}× | {verdict(ratio <= 0.5)} |")
    graphics = parse_graphics(logs.text("graphics.out"))
    if graphics:
        count, median = graphics
        out(f"| a commune's land-cover map of about 1 000 polygons < 5 ms (scene + Cairo SVG, median of {n(count)}) | {median:.2f} ms = {median / 5:.2f}× the target | {verdict(median < 5)} |")
    rate = pdf_rate(logs, cores)
    if rate:
        documents, seconds, per_second = rate
        out(f"| PDFs ≥ {PDF_RATE_TARGET} per second | {n(documents)} documents in {seconds:.0f} s = {per_second:.1f} per second = {per_second / PDF_RATE_TARGET:.2f}× the target | {verdict(per_second >= PDF_RATE_TARGET)} |")
    ours_html = logs.parts("template").get("portrait-html") or logs.parts("cold").get("portrait-html")
    if hugo and ours_html:
        hw, hc = float(hugo["hugo_wall"]), float(hugo["hugo_user"]) + float(hugo["hugo_sys"])
        out(f"| HTML+SVG of all portraits faster than Hugo on the same pages | ours {ours_html[0]:.1f} s CPU ({ours_html[0] / cores:.1f} s on {cores} cores); "
              f"Hugo {hw:.1f} s wall, {hc:.1f} s CPU | {verdict(ours_html[0] < hc)} ({hc / ours_html[0]:.1f}× less CPU) |")
    if cold_t:
        out(f"| whole cold build ≤ 15 min excluding PDFs | {cold_t[0]:.0f} s = {int(cold_t[0] // 60)} min {int(cold_t[0] % 60):02d} s | {verdict(cold_t[0] <= 900)} |")
    nc = logs.timing("nochange")
    if nc:
        out(f"| rebuild with nothing changed ≤ 5 s | {nc[0]:.2f} s, no file written | {verdict(nc[0] <= 5)} |")
    rss = max([t[3] for t in [cold_t, logs.timing("pdf")] if t] or [0])
    if rss:
        which = "cold build and the build with PDFs" if logs.timing("pdf") else "cold build"
        out(f"| peak RSS ≤ 6 GB | {rss} MB ({which}) | {verdict(rss <= 6144)} |")
    out("")


def cold_build(logs, run, out):
    """The cold build, stage by stage."""
    cold, cold_t, cu = run.cold, run.cold_t, run.cu
    out("## Cold build, stage by stage (no facts store, no previous output, no PDF)")
    out("")
    out("| stage | wall (s) | CPU (s) | peak RSS so far (MB) | files | MB written |")
    out("|---|---|---|---|---|---|")
    for s in ["load", "tabulate", "aggregate", "compute"]:
        if s in cold:
            w, c, r, _ = cold[s]
            out(f"| {s} | {w:.1f} | {c:.1f} | {r} | | |")
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
            out(f"| {label} | {w * cpu / total_cpu:.1f}* | {cpu:.1f} | {r} | {n(files)} | {mb(bytes_)} |")
    for s in ["print", "write"]:
        if s in cold:
            w, c, r, _ = cold[s]
            out(f"| {s} | {w:.1f} | {c:.1f} | {r} | | |")
    if cold_t:
        out(f"| **whole build** (`/usr/bin/time`) | **{cold_t[0]:.1f}** | {cold_t[1] + cold_t[2]:.1f} | **{cold_t[3]}** | {n(int(logs.text('files').strip() or 0))} | {mb(int(logs.text('bytes').strip() or 0))} |")
    out("")
    out("\\* The render stage runs its parts together on both cores; its wall time is split in proportion to the CPU time "
          "each part used (measured per thread).")
    out("")
    out("Inside the tabulate stage, beside the floor's own parts (`portraits bench-floor`, same run):")
    out("")
    out("| phase | wall (s) | the floor's part (s) |")
    out("|---|---|---|")
    floor = run.floor
    for p, s in logs.phases("cold"):
        part = ""
        if floor and p.startswith("read"):
            part = f"{float(floor['floor_read']):.1f} (Arrow stream, codes interned; no validity check)"
        elif floor and p.startswith("overlay") and "floor_overlay" in floor:
            part = f"{float(floor['floor_overlay']):.1f} (overlay and accumulators)"
        elif floor:
            part = "none (the floor has no thresholds, coverage or map pieces)"
        out(f"| {p} | {s:.1f} | {part} |")
    if floor:
        out(f"| **the stage** | **{cold.get('tabulate', (0,))[0]:.1f}** | **{float(floor['floor_total']):.1f}** |")
    out("")


def rebuilds(logs, run, out):
    """Rebuilds of the same output."""
    out("## Rebuilds")
    out("")
    out("| rebuild of the same output | wall (s) | what was made again |")
    out("|---|---|---|")
    for name, label in [("nochange", "nothing changed"), ("template", "the portrait template changed"),
                        ("template-back", "the portrait template restored"), ("content", "a documentation page changed"),
                        ("content-back", "the documentation page restored")]:
        t = logs.timing(name)
        if not t:
            continue
        st = logs.stages(name)
        made = [u for u, v in logs.units(name).items() if v[0] == "made" and (v[2] > 0 or v[1] > 0)]
        what = "nothing (no stage ran, no file written)" if not st else ", ".join(made) or "nothing"
        tab = st.get("tabulate", (0, 0, 0, ""))[3]
        if "reused" in tab:
            what += "; facts reused from the store"
        out(f"| {label} | {t[0]:.1f} | {what} |")
    out("")


def floors(logs, run, out):
    """Floors measured in the same run, then the PDFs."""
    cold, cold_t, floor, hugo, cores = run.cold, run.cold_t, run.floor, run.hugo, run.cores
    out("## Floors, same run, same machine")
    out("")
    out("| floor | wall (s) | beside |")
    out("|---|---|---|")
    if floor:
        tab = cold.get("tabulate", (0,))[0]
        total = float(floor["floor_total"])
        out(f"| GDAL's Arrow stream reading the land cover, its WKB and code fields ({n(int(floor['floor_polygons']))} polygons) | {float(floor['floor_read']):.1f} | |")
        if "floor_whole" in floor:
            out(f"| the tabulation's floor (`portraits bench-floor`): that read, then on every core an STRtree of the communes with prepared geometries, "
                f"{n(int(floor['floor_whole']))} polygons added whole to the commune that properly contains them, {n(int(floor['floor_intersected']))} intersected "
                f"({n(int(floor['floor_intersections']))} GEOS intersections), areas accumulated per (commune, millésime, class) and (commune, period, class, class) "
                f"({n(int(floor['floor_stock_cells']))} and {n(int(floor['floor_transition_cells']))} figures; land cover {hectares(floor['area_ha'])} ha, "
                f"communes {hectares(floor['communes_ha'])} ha) | {total:.1f} | tabulate stage {tab:.1f} s = **{tab / total:.2f}×** the floor (target ≤ 3×) |")
        else:
            out(f"| GDAL read + GEOS intersection with the communes, on every core (`portraits bench-floor`) | {total:.1f} | "
                f"tabulate stage {tab:.1f} s = **{tab / total:.2f}×** the floor (target ≤ 3×) |")
    cp = logs.timing("cp")
    if cp:
        beside = f"cold build {cold_t[0]:.1f} s" if cold_t else ""
        out(f"| `cp -r` of the produced site | {cp[0]:.1f} | {beside} |")
    if hugo:
        hugo_cpu = float(hugo['hugo_user']) + float(hugo['hugo_sys'])
        ours = logs.parts("template").get("portrait-html") or logs.parts("cold").get("portrait-html")
        beside = ""
        if ours:
            beside = (f"our portraits, HTML with their inline SVG charts ({n(ours[1])} pages, {mb(ours[2])} MB): CPU {ours[0]:.1f} s, "
                      f"{ours[0] / cores:.1f} s on {cores} cores = **{ours[0] / hugo_cpu:.2f}×** Hugo's CPU time")
        out(f"| Hugo rendering {n(int(hugo['hugo_pages']))} pages from the same figures (every core) | "
              f"{float(hugo['hugo_wall']):.1f} (CPU {hugo_cpu:.1f}) | {beside} |")
        tmpl = logs.stages("template").get("render")
        if tmpl:
            out(f"| | | the whole render stage after a template change (territory and site pages, explorers, CSV and workbooks made again and compared, maps linked): {tmpl[0]:.1f} s |")
        out("")
        out(f"Hugo's pages: median {n(int(hugo['hugo_median_page_bytes']))} bytes; ours: median {n(int(hugo['our_median_page_bytes']))} bytes "
              "(see scripts/hugo_floor.py for what the Hugo pages hold).")
    pdf = logs.stages("pdf")
    if pdf:
        w, c, r, d = pdf.get("print", (0, 0, 0, ""))
        out("")
        out("## PDFs")
        out("")
        out("Build with the PDFs after the builds above (the pages that link to them are made again)."
            + (f" Whole build: {logs.timing('pdf')[0]:.1f} s." if logs.timing("pdf") else ""))
        portraits = logs.parts("pdf").get("portrait-pdf")
        if portraits:
            cpu, count, size = portraits
            out(f"The portrait PDFs, drawn by the render stage from the map scenes of their territory's web maps: {n(count)} files, "
                f"{mb(size)} MB, CPU {cpu:.1f} s = **{count / (cpu / run.cores):.0f} per second** on {run.cores} cores.")
        out(f"The print stage (the atlases): {w:.1f} s (CPU {c:.1f} s, peak RSS {r} MB): {d}.")


def report(logs, machine_info):
    """The report's Markdown lines."""
    cores, cpu_model, mem, day = machine_info
    cold, cold_t = logs.stages("cold"), logs.timing("cold")
    run = Run(cold, cold_t, logs.units("cold"), kv(logs.text("floor.out")), kv(logs.text("hugo.out")), cores, cpu_model, mem, day)
    lines = []
    for section in (header, targets, cold_build, rebuilds, floors):
        section(logs, run, lines.append)
    return lines



def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print("\n".join(report(Logs(sys.argv[1]), machine())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
