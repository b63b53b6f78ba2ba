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

    func scenes() -> [Scene] {
        var out: [Scene] = []
        for rows in cases {
            out.append(DivergingBarChart.scene(rows: rows))
            out.append(DivergingBarChart.scene(rows: rows, keepZeros: true))
            out.append(PeriodBarChart.scene(rows: rows, highlighted: rows.isEmpty ? nil : 0))
            out.append(DotPlot.scene(rows: [DotPlot.Row(label: "Indicateur", values: rows.map { ($0.label, $0.value) }, format: .percent)]))
        }
        for (c, r, a) in [(0.0, 0.0, 0.0), (1_000.0, 2_000.0, 10_000.0), (.nan, .infinity, -5.0), (1e15, 1e15, 1e15), (-3.0, 5.0, 0.0)] {
            out.append(TrajectoryChart.scene(.init(currentPace: c, referencePace: r, allowance: a)))
        }
        return out
    }

    func testEveryKindRendersFiniteInEveryBackend() throws {
        for scene in scenes() {
            for mark in scene.marks {
                switch mark {
                case let .rect(x, y, w, h, _, _): XCTAssertTrue([x, y, w, h].allSatisfy(\.isFinite))
                case let .polyline(points, _): XCTAssertTrue(points.allSatisfy { $0.x.isFinite && $0.y.isFinite })
                case let .text(_, p, _): XCTAssertTrue(p.x.isFinite && p.y.isFinite)
                default: break
                }
            }
            let svg = String(decoding: try CairoRenderer.svg(scene), as: UTF8.self)
            XCTAssertFalse(svg.contains("nan") || svg.contains("inf"))
            XCTAssertFalse(try CairoRenderer.png(scene).isEmpty)
            XCTAssertFalse(try CairoRenderer.pdf(scene).isEmpty)
        }
    }

    func testDivergingBarsPutLossesLeftOfZero() {
        let scene = DivergingBarChart.scene(rows: [BarRow(label: "Perte", value: -100, color: red), BarRow(label: "Gain", value: 50, color: red)])
        let bars = scene.marks.compactMap { m -> (Double, Double)? in if case let .rect(x, _, w, _, _, _) = m { return (x, w) }; return nil }
        XCTAssertEqual(bars.count, 2)
        XCTAssertEqual(bars[0].0 + bars[0].1, bars[1].0, accuracy: 1e-9, "the loss ends where the gain starts: the zero line")
        XCTAssertEqual(bars[0].1, 2 * bars[1].1, accuracy: 1e-9)
    }

    func testInlinerSharesGlyphsAndKeepsIdsUnique() throws {
        let inliner = SVGInliner()
        let a = inliner.inline(try CairoRenderer.svg(DivergingBarChart.scene(rows: cases[3])), id: "a", title: "Premier <graphique>")
        let before = inliner.glyphCount
        let b = inliner.inline(try CairoRenderer.svg(DivergingBarChart.scene(rows: cases[3])), id: "b", title: "Second")
        XCTAssertEqual(inliner.glyphCount, before, "the same letters are not stored twice")
        for svg in [a, b] {
            XCTAssertTrue(svg.hasPrefix("<svg"))
            XCTAssertFalse(svg.contains("<symbol"))
            XCTAssertFalse(svg.contains("surface"))
            XCTAssertTrue(svg.contains("href=\"#g"))
        }
        XCTAssertTrue(a.contains("<title id=\"a-titre\">Premier &lt;graphique&gt;</title>"))
        XCTAssertTrue(inliner.sharedDefinitions.contains("<symbol overflow=\"visible\" id=\"g0\">"))
        // A map with a clip path: the clip id is prefixed.
        let square = PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)]])
        let map = LandCoverMap.scene(LandCoverMapInput(pieces: [(0, square)], legend: [LegendEntry(label: "A", color: red)], outline: [square], context: [], source: "s"))
        let m = inliner.inline(try CairoRenderer.svg(map), id: "carte", title: "Carte")
        XCTAssertFalse(m.contains("id=\"clip") || m.contains("url(#clip"), "clip ids are prefixed")
        let raw = String(decoding: try CairoRenderer.svg(map), as: UTF8.self)
        if raw.contains("url(#clip1)") { XCTAssertTrue(m.contains("url(#carte-clip1)")) }
    }
}
