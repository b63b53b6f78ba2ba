"""The parts of scripts/ that compute: the benchmark report's parsers and report, the link checker,
the page weight. Run by `make test` (python3 -m unittest discover -s scripts/tests)."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


import bench_scale_report as report  # noqa: E402
import check_links  # noqa: E402
import page_weight  # noqa: E402

# Lines as `portraits build` prints them (a demo build of 2026-12-05; the phases' CPU since 2026-12-06).
BUILD_LOG = """[1/7] load          0.2 s  5115 communes, 5326 territories  [cpu 0.2 s, peak rss 92 MB]
  tabulate: read land cover 3.4 s
  tabulate: overlay 41.2 s [cpu 80.3 s]
[2/7] tabulate     48.1 s  135427 land-cover polygons, 3 millésimes, 3 periods  [cpu 90.2 s, peak rss 219 MB]
[4/7] compute       2.3 s  headline indicators of 5326 territories × 3 periods, 15978 portraits  [cpu 2.3 s, peak rss 449 MB]
[5/7] render      140.4 s  15978 portraits, 21341 pages, 111919 files, 4778 MB  [cpu 263.4 s, peak rss 756 MB]
  unit maps made cpu=88.7 files=37282 bytes=1937675146
  unit territory-pages reused cpu=0.0 files=74564 bytes=2795781673
  part portrait-html cpu=61.5 files=15978 bytes=1520000000
"""


class ParserTests(unittest.TestCase):
    def test_stage_lines(self):
        stages = report.parse_stages(BUILD_LOG)
        self.assertEqual(list(stages), ["load", "tabulate", "compute", "render"])
        self.assertEqual(stages["render"][:3], (140.4, 263.4, 756))
        self.assertTrue(stages["compute"][3].endswith("15978 portraits"))

    def test_units_parts_and_phases(self):
        units = report.parse_units(BUILD_LOG)
        self.assertEqual(units["maps"], ("made", 88.7, 37282, 1937675146))
        self.assertEqual(units["territory-pages"][0], "reused")
        self.assertEqual(report.parse_parts(BUILD_LOG)["portrait-html"], (61.5, 15978, 1520000000))
        self.assertEqual(report.parse_phases(BUILD_LOG), [("read land cover", 3.4), ("overlay", 41.2)])

    def test_gnu_time_output(self):
        # `/usr/bin/time -f "%e %U %S %M"`, after whatever the command printed on stderr.
        self.assertEqual(report.parse_timing("Command exited with non-zero status 1\n571.90 980.12 40.50 601088\n"),
                         (571.9, 980.12, 40.5, 587))
        self.assertIsNone(report.parse_timing(""))

    def test_graphics_line(self):
        self.assertEqual(report.parse_graphics("Land-cover maps of 800 to 1 200 polygons: 2146 maps, median 5.200 ms (scene"), (2146, 5.2))
        self.assertIsNone(report.parse_graphics("Land-cover maps of 800 to 1 200 polygons: 0 maps, median 0.000 ms (scene"))

    def test_key_values(self):
        self.assertEqual(report.kv("floor_total=12.5 floor_read=3.1 noise"), {"floor_total": "12.5", "floor_read": "3.1"})


class ReportTests(unittest.TestCase):
    def test_report_states_targets_from_the_logs(self):
        with tempfile.TemporaryDirectory() as logs:
            write(os.path.join(logs, "cold.log"), BUILD_LOG)
            write(os.path.join(logs, "cold.time"), "700.0 1200.0 50.0 800000\n")
            write(os.path.join(logs, "floor.out"), "floor_polygons=1000000 floor_read=5.00 floor_overlay=14.00 floor_total=19.00 floor_whole=900000 "
                  "floor_intersected=100000 floor_intersections=210000 floor_stock_cells=5000 floor_transition_cells=7000 area_ha=1000.0000 communes_ha=1000.0000\n")
            write(os.path.join(logs, "nochange.time"), "0.80 0.5 0.2 90000\n")
            write(os.path.join(logs, "graphics.out"), "Land-cover maps of 800 to 1 200 polygons: 2146 maps, median 5.200 ms (scene + Cairo SVG), floor 0.145 ms.\n")
            write(os.path.join(logs, "pdf.log"), "[6/7] print       100.0 s  210 atlases, 9000 pages  [cpu 190.0 s, peak rss 3000 MB]\n"
                  "  part portrait-pdf cpu=1000.0 files=15978 bytes=1200000000\n")
            lines = report.report(report.Logs(logs), (2, "Test CPU", "23", "2026-12-05"))
        text = "\n".join(lines)
        self.assertIn("on 2026-12-05: 2 cores (Test CPU), 23 GB", text)
        # 48.1 s of tabulation against a 19 s floor: 2.53×, met.
        self.assertIn("| tabulation ≤ 3× the floor (Arrow read + overlay with accumulators, every core) | 48.1 s / 19.0 s = 2.53× | met |", text)
        # The maps' CPU (88.7 s) against 515.6 s; the commune map; the PDFs' rate.
        self.assertIn("| the render stage's maps in half the CPU of 2026-11-26 (515.6 s) | 88.7 s = 0.17× | met |", text)
        self.assertIn("| a commune's land-cover map of about 1 000 polygons < 5 ms (scene + Cairo SVG, median of 2 146) | 5.20 ms = 1.04× the target | **missed** |", text)
        # 15 978 portraits in 1 000 CPU s on 2 cores, then 210 atlases in 100 s: 16 188 in 600 s.
        self.assertIn("| PDFs ≥ 50 per second | 16 188 documents in 600 s = 27.0 per second = 0.54× the target | **missed** |", text)
        self.assertIn("| whole cold build ≤ 15 min excluding PDFs | 700 s = 11 min 40 s | met |", text)
        # The tabulate stage's phases beside the floor's parts.
        self.assertIn("| overlay | 41.2 | 14.0 (overlay and accumulators) |", text)
        self.assertIn("| read land cover | 3.4 | 5.0 (Arrow stream, codes interned; no validity check) |", text)
        self.assertIn("| **the stage** | **48.1** | **19.0** |", text)
        self.assertIn("900 000 polygons added whole", text)
        self.assertIn("per (commune, millésime, class) and (commune, period, class, class) (5 000 and 7 000 figures; land cover 1 000.00 ha, communes 1 000.00 ha)", text)
        self.assertIn("| rebuild with nothing changed ≤ 5 s | 0.80 s, no file written | met |", text)
        self.assertIn("| peak RSS ≤ 6 GB | 781 MB (cold build) | met |", text)

    def test_a_missed_target_says_so(self):
        with tempfile.TemporaryDirectory() as logs:
            write(os.path.join(logs, "cold.time"), "1000.0 1800.0 50.0 800000\n")
            text = "\n".join(report.report(report.Logs(logs), (2, "cpu", "23", "2026-12-05")))
        self.assertIn("| whole cold build ≤ 15 min excluding PDFs | 1000 s = 16 min 40 s | **missed** |", text)


class LinkTests(unittest.TestCase):
    def test_broken_outside_and_good_links(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "commune", "67482"))
            write(os.path.join(root, "index.html"),
                '<a href="commune/67482/2010-2021.html#conso">ok</a> <a href="comparer.html?t=a">missing</a> '
                '<img src="../secret.png"> <a href="https://example.org/">skip</a> <a href="#top">skip</a>')
            write(os.path.join(root, "commune", "67482", "2010-2021.html"), '<a href="../../index.html">up</a>')
            pages, links, broken = check_links.check(root)
        self.assertEqual((pages, links), (2, 4))
        self.assertEqual(sorted((t, why) for _, t, why in broken), [("../secret.png", "outside the site"), ("comparer.html?t=a", "missing")])


class WeightTests(unittest.TestCase):
    def test_a_page_counts_what_it_loads_once(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "assets"))
            write(os.path.join(root, "assets", "portal.css"), "x" * 1000)
            html = ('<link rel="stylesheet" href="assets/portal.css"><link rel="stylesheet" href="assets/portal.css">'
                    '<img src="carte.png"><script src="https://example.org/a.js"></script>')
            write(os.path.join(root, "page.html"), html)
            parts, missing = page_weight.weigh(root, "page.html")
        self.assertEqual(parts, {"page.html": len(html), "assets/portal.css": 1000})
        self.assertEqual(missing, ["carte.png"])

    def test_site_weight_counts_commune_portraits_and_puts_documents_apart(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "commune", "67482"))
            os.makedirs(os.path.join(root, "epci", "1"))
            write(os.path.join(root, "commune", "67482", "2019-2021.html"), "a" * 300)
            write(os.path.join(root, "commune", "67482", "2010-2021.html"), "b" * 100)
            write(os.path.join(root, "commune", "67482", "explorateur.html"), "c" * 50)   # not a portrait
            write(os.path.join(root, "commune", "67482", "index.html"), "d" * 10)         # nor a redirect
            write(os.path.join(root, "epci", "1", "2019-2021.html"), "e" * 70)            # not a commune
            write(os.path.join(root, "commune", "67482", "portrait.pdf"), "f" * 1000)
            write(os.path.join(root, "commune", "67482", "rapport.odt"), "g" * 2000)
            w = page_weight.site_weight(root)
            report = page_weight.site_report(root)
        self.assertEqual(sorted(r for r, _ in w["portraits"]), [100, 300])
        self.assertTrue(all(0 < g < r for r, g in w["portraits"]), "gzipped smaller")
        self.assertEqual((w["site"], w["pdf"], w["odt"]), (300 + 100 + 50 + 10 + 70, 1000, 2000))
        self.assertIn("the council reports (ODT): 0.00 GB", report)
        self.assertIn("| as served | 0.2 | 0.3 | 0.3 |", report)
        self.assertEqual(page_weight.percentile([5, 1, 4, 2, 3], 0.9), 5)
        self.assertEqual(page_weight.percentile(list(range(1, 11)), 0.9), 10)


if __name__ == "__main__":
    unittest.main()
