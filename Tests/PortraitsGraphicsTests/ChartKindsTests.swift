import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// Every chart kind with empty data, one row, zeros, negative, huge and non-finite values: no NaN,
/// no infinity, no crash, in all three backends; and the inliner that puts them in one page.
final class ChartKindsTests: XCTestCase {
    let red = RGBColor(hex: "#c9191e")!

    var cases: [[BarRow]] {
        [[], [BarRow(label: "Seule", value: 12_000, color: red)], [BarRow(label: "Zéro", value: 0, color: red)],
         [BarRow(label: "Perte", value: -5_000, color: red), BarRow(label: "Gain", value: 3_000, color: red)],
         [BarRow(label: "Énorme", value: 9e15, color: red), BarRow(label: "Petit", value: -1, color: red)],
         [BarRow(label: "NaN", value: .nan, color: red), BarRow(label: "Inf", value: -.infinity, color: red)]]
    }

    func scenes(width: Double = ChartLayout.print) -> [Scene] {
        var out: [Scene] = []
        for rows in cases {
            out.append(DivergingBarChart.scene(rows: rows, width: width))
            out.append(DivergingBarChart.scene(rows: rows, width: width, keepZeros: true))
            out.append(PeriodBarChart.scene(rows: rows, highlighted: rows.isEmpty ? nil : 0, width: min(width, 480)))
            out.append(DotPlot.scene(rows: [DotPlot.Row(label: "Indicateur", values: rows.map { ($0.label, $0.value) }, format: .percent)], width: width))
        }
        for matrix in flowCases {
            let flows = MutationFlows(labels: matrix.indices.map { "Classe \($0)" }, colors: matrix.map { _ in red }, matrix: matrix, beforeLabel: "2019", afterLabel: "2021")
            out.append(SankeyChart.scene(flows, width: width))
            out.append(MutationMatrixChart.scene(flows, width: max(width, ChartLayout.print)))
        }
        let valueCases: [[Double]] = [[], [0, 0, 0], [1, 2, 3], [9e15, .nan, -.infinity], [-5, 10, 0]]
        for values in valueCases {
            out.append(StackedBarChart.scene(rows: [StackedBarRow(label: "2019", values: values), StackedBarRow(label: "2021", values: values.reversed())],
                                             legend: ["a", "b", "c"].map { LegendEntry(label: $0, color: red) }, width: width))
        }
        out.append(StackedBarChart.scene(rows: [], legend: [], width: width))
        for (c, r, a) in [(0.0, 0.0, 0.0), (1_000.0, 2_000.0, 10_000.0), (.nan, .infinity, -5.0), (1e15, 1e15, 1e15), (-3.0, 5.0, 0.0)] {
            out.append(TrajectoryChart.scene(.init(currentPace: c, referencePace: r, allowance: a), width: width))
        }
        return out
    }

    /// Transition matrices: empty, one class, no change, ordinary, huge, non-finite and negative
    /// cells, ragged rows.
    var flowCases: [[[Double]]] {
        [[], [[5]], [[5, 0], [0, 7]], [[100, 20, 0], [5, 300, 1], [0, 0.01, 50]], [[1, 9e15], [1e-9, 1]],
         [[.nan, .infinity], [-3, 2]], [[1, 2, 3], [4]]]
    }

    func testEveryKindRendersFiniteInEveryBackend() throws {
        for scene in scenes() + scenes(width: ChartLayout.narrow) + scenes(width: ChartLayout.wide) {
            for mark in scene.marks {
                switch mark {
                case let .rect(x, y, w, h, _, _): XCTAssertTrue([x, y, w, h].allSatisfy(\.isFinite))
                case let .polyline(points, _): XCTAssertTrue(points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
                case let .text(_, p, _): XCTAssertTrue(p.x.isFinite && p.y.isFinite)
                case let .polygons(polys, _, _): XCTAssertTrue(polys.allSatisfy { $0.rings.allSatisfy { $0.allSatisfy { $0.x.isFinite && $0.y.isFinite } } })
                default: break
                }
            }
            let svg = String(decoding: try CairoRenderer.svg(scene), as: UTF8.self)
            XCTAssertFalse(svg.contains("nan") || svg.contains("inf"))
            XCTAssertFalse(try CairoRenderer.png(scene).isEmpty)
            XCTAssertFalse(try CairoRenderer.pdf(scene).isEmpty)
        }
    }

    /// The SVG backend paints text above the shapes (`SVGTextLayer`), PNG and PDF in order: the two
    /// agree only if no shape is drawn over a text drawn before it. Checked on every chart kind and
    /// on maps, with text boxes estimated as the layout does.
    func testNoShapeCoversAnEarlierText() {
        let square = PolygonRings(rings: [[Point(0, 0), Point(5_000, 0), Point(5_000, 3_000), Point(0, 3_000), Point(0, 0)]])
        let map = LandCoverMap.scene(LandCoverMapInput(pieces: [(0, square), (1, square)], legend: [LegendEntry(label: "Bâti", color: red), LegendEntry(label: "Forêt", color: red)],
                                                       outline: [square], context: [square], parentOutline: [square], source: "Millésime 2021 · Source",
                                                       base: LegendEntry(label: "Sans changement", color: red), legendTitle: "Changements"))
        for (k, scene) in (scenes() + [map]).enumerated() {
            var texts: [BoundingBox] = []
            for mark in scene.marks {
                switch mark {
                case let .text(s, p, style) where style.rotation == 0:
                    let w = Typography.estimatedWidth(s, size: style.size, bold: style.bold)
                    let x0 = style.anchor == .start ? p.x : (style.anchor == .middle ? p.x - w / 2 : p.x - w)
                    texts.append(BoundingBox(minX: x0 + 1, minY: p.y - style.size * 0.7, maxX: x0 + w - 1, maxY: p.y))
                case let .rect(x, y, w, h, _?, _) where w > 0 && h > 0:
                    let box = BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h)
                    XCTAssertFalse(texts.contains { $0.intersects(box) }, "scene \(k): a rectangle covers a text drawn before it")
                case let .polygons(polys, _?, _):
                    for p in polys { XCTAssertFalse(texts.contains { $0.intersects(p.bounds) }, "scene \(k): a polygon covers a text drawn before it") }
                default: break
                }
            }
        }
    }

    /// The charts of a région-sized territory (millions of hectares, the longest class names) laid
    /// out for a phone and for a desktop column: every label at its design size (11 px, never
    /// scaled down on the phone) and inside the chart, by the layout's own estimate of its width.
    func testPhoneAndDesktopLayoutsKeepEveryLabelInsideAtItsSize() {
        let long = "Formations herbacées (pelouses et prairies ; landes)"
        let colours = [red, RGBColor(hex: "#ccf24d")!, RGBColor(hex: "#1f78b4")!]
        let bars = [BarRow(label: long, value: -123_456_789_000, color: red), BarRow(label: "Zones bâties", value: 98_765_432_100, color: red),
                    BarRow(label: "Eau", value: 4_000, color: red)]
        let flows = MutationFlows(labels: [long, "Zones bâties", "Surfaces d’eau"], colors: colours,
                                  matrix: [[5e10, 3e9, 2e8], [1e8, 4e10, 0], [0, 7e7, 9e9]], beforeLabel: "2010", afterLabel: "2021")
        for width in [ChartLayout.narrow, ChartLayout.wide] {
            let scenes: [Scene] = [
                StockComparisonChart.scene(rows: [StockComparisonRow(label: long, color: red, before: 57_490_000_000, after: 57_400_000_000),
                                                  StockComparisonRow(label: "Zones bâties", color: red, before: 2_100_000_000, after: 2_190_000_000)],
                                           beforeLabel: "2010", afterLabel: "2021", width: width),
                DivergingBarChart.scene(rows: bars, width: width),
                PeriodBarChart.scene(rows: bars.map { BarRow(label: "2010–2019", value: abs($0.value), color: red) }, highlighted: 0, width: min(width, 480)),
                SankeyChart.scene(flows, width: width),
                StackedBarChart.scene(rows: [StackedBarRow(label: "2021", values: [1e10, 3e10, 5e11])],
                                      legend: ["Imperméabilisé", "Urbanisé non imperméabilisé", "Autres surfaces"].map { LegendEntry(label: $0, color: red) }, width: width),
                DotPlot.scene(rows: [DotPlot.Row(label: "Consommation NAF par an pour 1 000 ha", values: [("Strasbourg", 0.8), ("Eurométropole de Strasbourg", 1.2), ("Bas-Rhin", 0.9), ("Grand Est", 0.7)], format: .percent)], width: width),
                TrajectoryChart.scene(.init(currentPace: 16_100_000, referencePace: 12_000_000, allowance: 60_000_000), width: width),
            ]
            for (k, scene) in scenes.enumerated() {
                XCTAssertEqual(scene.width, k == 2 ? min(width, 480) : width)
                for case let .text(s, p, style) in scene.marks where style.rotation == 0 {
                    XCTAssertGreaterThanOrEqual(style.size, 11, "chart \(k) at \(width): \(s)")
                    let w = Typography.estimatedWidth(s, size: style.size, bold: style.bold)
                    let x0 = style.anchor == .start ? p.x : (style.anchor == .middle ? p.x - w / 2 : p.x - w)
                    XCTAssertGreaterThanOrEqual(x0, -1, "chart \(k) at \(width): « \(s) » starts left of the chart")
                    XCTAssertLessThanOrEqual(x0 + w, scene.width + 1, "chart \(k) at \(width): « \(s) » passes the chart's right edge")
                    XCTAssertLessThanOrEqual(p.y, scene.height + 1, "chart \(k) at \(width): « \(s) » below the chart")
                }
            }
        }
    }

    /// The sankey never cuts a class name: at both widths every word of every label is written,
    /// each node's area after it, and no two lines of a column overlap.
    func testSankeyWritesWholeClassNamesOnSeveralLines() {
        let names = ["Formations herbacées (pelouses et prairies ; terres arables ; roselières)", "Zones à autres matériaux composites",
                     "Peuplement de conifères", "Zones non bâties (routes ; places ; parkings)"]
        let flows = MutationFlows(labels: names, colors: Array(repeating: red, count: 4),
                                  matrix: [[0, 3e5, 2e5, 4e5], [1e5, 0, 0, 2e5], [0, 7e4, 0, 9e4], [5e4, 0, 0, 0]], beforeLabel: "2010", afterLabel: "2021")
        for width in [ChartLayout.narrow, ChartLayout.wide] {
            let scene = SankeyChart.scene(flows, width: width)
            var texts: [(String, Point, TextStyle)] = []
            for case let .text(s, p, style) in scene.marks { texts.append((s, p, style)) }
            let written = texts.map(\.0).joined(separator: " ")
            XCTAssertFalse(written.contains("…"), "\(width): \(written)")
            for name in names {
                for word in name.split(separator: " ") { XCTAssertTrue(written.contains(word), "\(width): « \(word) » of « \(name) » missing") }
            }
            XCTAssertTrue(written.contains("(69,0"), written)   // Zones non bâties gained 400 000 + 200 000 + 90 000 m²
            for anchor in [TextAnchor.start, .end] {
                let column = texts.filter { $0.2.anchor == anchor && !$0.2.bold }.map(\.1.y).sorted()
                for (a, b) in zip(column, column.dropFirst()) { XCTAssertGreaterThanOrEqual(b - a, 12.9, "\(width): lines \(a) and \(b) overlap") }
            }
        }
    }

    func testNiceTicksStepByOneTwoOrFive() {
        XCTAssertEqual(Scales.niceTicks(upTo: 1_690_000), [0, 500_000, 1_000_000, 1_500_000, 2_000_000])
        XCTAssertEqual(Scales.niceTicks(upTo: 100), [0, 50, 100])
        XCTAssertEqual(Scales.niceTicks(upTo: 7.3), [0, 2, 4, 6, 8])
        for (a, b) in zip(Scales.niceTicks(upTo: 0.031), [0, 0.01, 0.02, 0.03, 0.04]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(Scales.niceTicks(upTo: 0), [0, 1])
        XCTAssertEqual(Scales.niceTicks(upTo: .nan), [0, 1])
        for m in stride(from: 0.7, to: 5e7, by: 1_234.5) {
            let t = Scales.niceTicks(upTo: m)
            XCTAssertGreaterThanOrEqual(t.last!, m)
            XCTAssertLessThanOrEqual(t.count, 6, "\(m): \(t)")
            let step = t[1]
            let mantissa = step / pow(10, floor(log10(step)))
            XCTAssertTrue([1, 2, 5].contains { abs($0 - mantissa) < 1e-9 }, "\(m): step \(step)")
        }
    }

    /// The ZAN chart's axis labels are round hectares (1-2-5 steps), its top a tick.
    func testTrajectoryAxisLabelsAreRound() {
        let scene = TrajectoryChart.scene(.init(currentPace: 161_000, referencePace: 120_000, allowance: 600_000))
        let labels = scene.marks.compactMap { m -> String? in
            if case let .text(s, _, style) = m, style.anchor == .end, s.hasSuffix("ha") { return s }
            return nil
        }
        XCTAssertEqual(labels, [0.0, 50, 100, 150, 200].map { FrenchNumber.hectares($0 * 10_000, decimals: 0) }, "\(labels)")
    }

    func testDivergingBarsPutLossesLeftOfZero() {
        let scene = DivergingBarChart.scene(rows: [BarRow(label: "Perte", value: -100, color: red), BarRow(label: "Gain", value: 50, color: red)])
        let bars = scene.marks.compactMap { m -> (Double, Double)? in if case let .rect(x, _, w, _, _, _) = m { return (x, w) }; return nil }
        XCTAssertEqual(bars.count, 2)
        XCTAssertEqual(bars[0].0 + bars[0].1, bars[1].0, accuracy: 1e-9, "the loss ends where the gain starts: the zero line")
        XCTAssertEqual(bars[0].1, 2 * bars[1].1, accuracy: 1e-9)
    }

    func testInlinerKeepsIdsUnique() throws {
        let inliner = SVGInliner()
        let a = inliner.inline(try CairoRenderer.svg(DivergingBarChart.scene(rows: cases[3]), inline: true), id: "a", title: "Premier <graphique>")
        let b = inliner.inline(try CairoRenderer.svg(DivergingBarChart.scene(rows: cases[3]), inline: true), id: "b", title: "Second")
        XCTAssertEqual(inliner.glyphCount, 0, "chart text is <text>, not outlines")
        for svg in [a, b] {
            XCTAssertTrue(svg.hasPrefix("<svg"))
            XCTAssertFalse(svg.contains("<symbol"))
            XCTAssertFalse(svg.contains("surface"))
            XCTAssertTrue(svg.contains("<text "))
        }
        XCTAssertTrue(a.contains("<title id=\"a-titre\">Premier &lt;graphique&gt;</title>"))
        // Inline in HTML: no namespace declarations, no white background (the page's ground).
        XCTAssertFalse(a.contains("xmlns"))
        // Nor units, nor the font, which the site's stylesheet gives; the hotspots stay transparent
        // whatever the stylesheet.
        XCTAssertTrue(a.hasPrefix("<svg width=\"720\" height=\""), String(a.prefix(60)))
        XCTAssertFalse(a.contains("font-family"))
        XCTAssertTrue(a.contains("<g font-size=\"11\">") && a.contains("<g class=\"hits\" fill=\"transparent\">"), "the text's colour from the stylesheet")
        XCTAssertFalse(a.contains("<rect x=\"0\" y=\"0\""), String(a.prefix(400)))
        // A second layout of the same chart is named by the first one's title.
        let narrow = inliner.inline(try CairoRenderer.svg(DivergingBarChart.scene(rows: cases[3], width: ChartLayout.narrow), inline: true), id: "a-etroit", title: "Premier", titleOf: "a")
        XCTAssertTrue(narrow.contains(" aria-labelledby=\"a-titre\" class=\"chart\" id=\"a-etroit\">"), String(narrow.prefix(300)))
        XCTAssertFalse(narrow.contains("<title id="))
        // A file, opened alone, keeps its ground, its font and its text colour.
        let file = String(decoding: try CairoRenderer.svg(DivergingBarChart.scene(rows: cases[3])), as: UTF8.self)
        XCTAssertTrue(file.contains("<rect x=\"0\" y=\"0\"") && file.contains("font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\" fill=\"#1e1e1e\""))
        // A map with a clip path: the clip id is prefixed.
        let square = PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]])
        let map = LandCoverMap.scene(LandCoverMapInput(pieces: [(0, square)], legend: [LegendEntry(label: "A", color: red)], outline: [square], context: [], source: "s"))
        let m = inliner.inline(try CairoRenderer.svg(map), id: "carte", title: "Carte")
        XCTAssertFalse(m.contains("id=\"clip") || m.contains("url(#clip"), "clip ids are prefixed")
        let raw = String(decoding: try CairoRenderer.svg(map), as: UTF8.self)
        if raw.contains("url(#clip1)") { XCTAssertTrue(m.contains("url(#carte-clip1)")) }
    }
}
