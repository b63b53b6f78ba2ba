import Foundation
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

final class ChartTests: XCTestCase {
    let green = RGBColor(hex: "#80ff00")!
    let red = RGBColor(hex: "#ff377a")!

    func svgText(_ scene: Scene) throws -> String { String(decoding: try CairoRenderer.svg(scene), as: UTF8.self) }

    /// Every chart input a portrait can meet renders without NaN or infinities in any backend.
    func testEdgeCasesRenderWithoutNaN() throws {
        let cases: [[StockComparisonRow]] = [
            [],
            [StockComparisonRow(label: "Une seule classe", color: green, before: 0, after: 10)],
            [StockComparisonRow(label: "Zéro", color: green, before: 0, after: 0)],
            [StockComparisonRow(label: "Négatif", color: red, before: -5, after: 3)],
            [StockComparisonRow(label: "Très grand", color: red, before: 1e15, after: 9e15), StockComparisonRow(label: "petit", color: green, before: 1, after: 1)],
            [StockComparisonRow(label: "NaN", color: red, before: .nan, after: .infinity)],
        ]
        for rows in cases {
            for before in [String?.none, "2010"] {
                let scene = StockComparisonChart.scene(rows: rows, beforeLabel: before, afterLabel: "2021")
                for mark in scene.marks {
                    if case let .rect(x, y, w, h, _, _) = mark { XCTAssertTrue([x, y, w, h].allSatisfy(\.isFinite), "\(rows)") }
                }
                let svg = try svgText(scene)
                XCTAssertFalse(svg.contains("nan"), "\(rows)")
                XCTAssertFalse(svg.contains("inf"), "\(rows)")
                XCTAssertFalse(try CairoRenderer.png(scene).isEmpty)
                XCTAssertFalse(try CairoRenderer.pdf(scene).isEmpty)
            }
        }
    }

    func testBarsAreSortedByLaterAreaAndScaledToTheLargest() {
        let scene = StockComparisonChart.scene(rows: [
            StockComparisonRow(label: "Petit", color: green, before: 10, after: 50),
            StockComparisonRow(label: "Grand", color: red, before: 80, after: 100),
        ], beforeLabel: "2010", afterLabel: "2021", width: 720)
        let labels = scene.marks.compactMap { m -> String? in if case let .text(s, _, st) = m, st.anchor == .end { return s }; return nil }
        XCTAssertEqual(labels, ["Grand", "Petit"])
        let widths = scene.marks.compactMap { m -> Double? in if case let .rect(_, y, w, _, _, _) = m, y > 30 { return w }; return nil }
        XCTAssertEqual(widths.count, 4)
        XCTAssertEqual(widths[1], widths.max())
        XCTAssertEqual(widths[3] / widths[1], 0.5, accuracy: 1e-9)
    }

    func testOutputIsDeterministic() throws {
        let scene = StockComparisonChart.scene(rows: [StockComparisonRow(label: "A", color: green, before: 1, after: 2)], beforeLabel: "2010", afterLabel: "2021")
        XCTAssertTrue(try CairoRenderer.svg(scene) == CairoRenderer.svg(scene), "SVG differs between two renderings")
        XCTAssertTrue(try CairoRenderer.pdf(scene) == CairoRenderer.pdf(scene), "PDF differs between two renderings")
        XCTAssertTrue(try CairoRenderer.png(scene) == CairoRenderer.png(scene), "PNG differs between two renderings")
    }

    /// Golden file: the SVG of a small chart. Regenerate with PORTRAITS_UPDATE_GOLDEN=1 after a
    /// deliberate change, and look at the new file before committing it.
    func testStockChartMatchesGoldenSVG() throws {
        let scene = StockComparisonChart.scene(rows: [
            StockComparisonRow(label: "Formations herbacées", color: RGBColor(hex: "#ccf24d")!, before: 3_120_000, after: 3_004_500),
            StockComparisonRow(label: "Zones bâties", color: red, before: 910_000, after: 1_023_400),
        ], beforeLabel: "2010", afterLabel: "2021")
        let svg = try CairoRenderer.svg(scene)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/stock-chart.svg")
        if ProcessInfo.processInfo.environment["PORTRAITS_UPDATE_GOLDEN"] == "1" {
            try Data(svg).write(to: golden)
        }
        let expected = try Data(contentsOf: golden)
        XCTAssertTrue(Data(svg) == expected, "SVG differs from \(golden.path); run with PORTRAITS_UPDATE_GOLDEN=1 and look at the diff")
        let text = String(decoding: svg, as: UTF8.self)
        XCTAssertTrue(text.contains("width=\"720px\""))
    }

    func testMapProjectsNorthUpAndKeepsTheShape() {
        let square = PolygonRings(rings: [[Point(0, 0), Point(1000, 0), Point(1000, 2000), Point(0, 2000), Point(0, 0)]])
        let p = MapProjection(fitting: square.bounds, x: 0, y: 0, maxWidth: 400, maxHeight: 400)
        let a = p.project(Point(0, 0)), b = p.project(Point(0, 2000)), c = p.project(Point(1000, 0))
        XCTAssertLessThan(b.y, a.y, "north is up")
        XCTAssertEqual((a.y - b.y) / (c.x - a.x), 2, accuracy: 1e-9, "uniform scale")
    }

    func testMapSceneHasLegendScaleBarAndSource() throws {
        let square = PolygonRings(rings: [[Point(0, 0), Point(3000, 0), Point(3000, 3000), Point(0, 3000), Point(0, 0)]])
        let input = LandCoverMapInput(pieces: [(0, square)], legend: [LegendEntry(label: "Zones bâties", color: red)], outline: [square],
                                      context: [], source: "Millésime 2021 · Source test")
        let scene = LandCoverMap.scene(input)
        let texts = scene.marks.compactMap { m -> String? in if case let .text(s, _, _) = m { return s }; return nil }
        XCTAssertTrue(texts.contains("Légende"))
        XCTAssertTrue(texts.contains("Zones bâties"))
        XCTAssertTrue(texts.contains("N"))
        XCTAssertTrue(texts.contains { $0.hasSuffix("km") || $0.hasSuffix("\u{00A0}m") }, "\(texts)")
        XCTAssertTrue(texts.contains("Millésime 2021 · Source test"))
        XCTAssertFalse(try svgText(scene).contains("nan"))
        // The north arrow and its « N » on a white ground drawn before them (a border under them
        // would cross them otherwise).
        let n = try XCTUnwrap(scene.marks.firstIndex { if case .text("N", _, _) = $0 { return true }; return false })
        guard case let .text(_, at, _) = scene.marks[n] else { return }
        let ground = scene.marks[..<n].last { m in
            if case let .rect(x, y, w, h, fill, _) = m, fill == Palette.white { return x < at.x && x + w > at.x && y < at.y - 30 && y + h > at.y }
            return false
        }
        XCTAssertNotNil(ground, "a white ground under the arrow and its letter")
    }

    /// Cairo's styles without the declarations SVG implies, colours back to the exact bytes.
    func testSVGStylesDropDefaultsAndKeepWhatDraws() {
        XCTAssertEqual(SVGStyles.shorten("fill-rule:nonzero;fill:rgb(80.392157%,80.392157%,80.392157%);fill-opacity:1;stroke-width:1;stroke-linecap:butt;stroke-linejoin:round;stroke:rgb(8.627451%,8.627451%,8.627451%);stroke-opacity:1;stroke-miterlimit:10;"),
                       "fill:#cdcdcd;stroke-linejoin:round;stroke:#161616")
        XCTAssertEqual(SVGStyles.shorten(" stroke:none;fill-rule:evenodd;fill:rgb(0%,0%,56.862745%);fill-opacity:0.5;"), "fill-rule:evenodd;fill:#000091;fill-opacity:0.5")
        // A stroke's width, dashes and a miter join's limit stay; nothing of a stroke without one.
        XCTAssertEqual(SVGStyles.shorten("fill:none;stroke-width:2.5;stroke-linecap:round;stroke-linejoin:miter;stroke:rgb(100%,0%,0%);stroke-dasharray:8,4;stroke-miterlimit:10;"),
                       "fill:none;stroke-width:2.5;stroke-linecap:round;stroke:#ff0000;stroke-dasharray:8,4;stroke-miterlimit:10")
        XCTAssertEqual(SVGStyles.shorten("fill:rgb(100%,100%,100%);stroke:none;stroke-width:3;stroke-dasharray:1,2;"), "fill:#ffffff")
        // Every 8-bit channel survives Cairo's six-decimal percentage.
        for b in 0...255 {
            let pct = String(format: "%.6f%%", Double(b) / 255 * 100)
            XCTAssertEqual(SVGStyles.hexColors("rgb(\(pct),0%,100%)"), String(format: "#%02x00ff", b))
        }
        let svg = String(decoding: SVGStyles.compact(Array("<rect style=\"stroke:none;fill-opacity:1;\" x=\"1\"/><path style=\"fill:rgb(0%,0%,0%);\"/>".utf8)), as: UTF8.self)
        XCTAssertEqual(svg, "<rect x=\"1\"/><path style=\"fill:#000000\"/>", "an empty style goes")
    }

    func testPathDataLosesOnlyUselessSpacesAndTheLastMove() {
        let input = Array("<path style=\"fill:#000\" d=\"M 148 34 L 616 34 L 616 46 Z M 148 34 \"/><path d=\"M 1 2 C 3 4 5 6 7 8 Z M 9 9 L 10 10 \"/>".utf8)
        XCTAssertEqual(String(decoding: SVGCompactor.pathData(input), as: UTF8.self),
                       "<path style=\"fill:#000\" d=\"M148 34L616 34L616 46Z\"/><path d=\"M1 2C3 4 5 6 7 8ZM9 9L10 10\"/>")
    }

    func testSVGCompactorRoundsNumbersButNotNames() {
        let input = Array("<?xml version=\"1.0\"?><path id=\"glyph0-1\" d=\"M 2.296875 -7.906250 L 9.999 0.04 L -0.001 1.95\" fill=\"rgb(21.568627%,0%,9.5%)\"/>".utf8)
        let out = String(decoding: SVGCompactor.compact(input, decimals: 2), as: UTF8.self)
        XCTAssertEqual(out, "<?xml version=\"1.0\"?><path id=\"glyph0-1\" d=\"M2.3 -7.91L10 0.04L0 1.95\" fill=\"rgb(21.57%,0%,9.5%)\"/>")
    }
}
