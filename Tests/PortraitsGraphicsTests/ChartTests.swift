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
    }

    func testSVGCompactorRoundsNumbersButNotNames() {
        let input = Array("<?xml version=\"1.0\"?><path id=\"glyph0-1\" d=\"M 2.296875 -7.906250 L 9.999 0.04 L -0.001 1.95\" fill=\"rgb(21.568627%,0%,9.5%)\"/>".utf8)
        let out = String(decoding: SVGCompactor.compact(input, decimals: 2), as: UTF8.self)
        XCTAssertEqual(out, "<?xml version=\"1.0\"?><path id=\"glyph0-1\" d=\"M 2.3 -7.91 L 10 0.04 L 0 1.95\" fill=\"rgb(21.57%,0%,9.5%)\"/>")
    }
}
