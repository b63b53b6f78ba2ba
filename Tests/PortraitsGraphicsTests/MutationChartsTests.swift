import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import PortraitsCairo
@testable import PortraitsCore
@testable import PortraitsGraphics

/// The flow diagram and the heat-map matrix of mutations, the stacked bars of imperméabilisation.
final class MutationChartsTests: XCTestCase {
    let colors = [RGBColor(hex: "#e6004d")!, RGBColor(hex: "#ffff99")!, RGBColor(hex: "#80be00")!]
    // Area in m²: 2019 rows → 2021 columns.
    let matrix: [[Double]] = [[500_000, 0, 0], [30_000, 2_000_000, 10_000], [0, 60_000, 900_000]]
    var flows: MutationFlows {
        MutationFlows(labels: ["Bâti", "Culture", "Forêt"], colors: colors, matrix: matrix, beforeLabel: "2019", afterLabel: "2021")
    }

    func bands(_ scene: Scene) -> [PolygonRings] {
        scene.marks.flatMap { m -> [PolygonRings] in if case let .polygons(p, _, _) = m { return p }; return [] }
    }

    /// One band per change of class, none for land that kept its class, each as thick as its area.
    func testSankeyDrawsOnlyChangesWithProportionalBands() {
        let scene = SankeyChart.scene(flows)
        let b = bands(scene)
        XCTAssertEqual(b.count, 3, "Culture→Bâti, Culture→Forêt, Forêt→Culture")
        // Thickness at the left end of each band: the first point of the upper edge and the last of the lower one.
        let thickness = b.map { ring -> Double in let r = ring.rings[0]; return r[r.count - 2].y - r[0].y }
        XCTAssertEqual(thickness[0] / thickness[1], 3, accuracy: 1e-9)   // 30 000 / 10 000
        XCTAssertEqual(thickness[2] / thickness[1], 6, accuracy: 1e-9)   // 60 000 / 10 000
        let texts = scene.marks.compactMap { m -> String? in if case let .text(s, _, _) = m { return s }; return nil }
        XCTAssertTrue(texts.contains("Culture (4,0\u{00A0}ha)"), "\(texts)")   // left: 3 + 1 ha lost
        XCTAssertTrue(texts.contains("Bâti (3,0\u{00A0}ha)"), "\(texts)")      // right: 3 ha gained
    }

    func testSankeyWithoutChangeSaysSo() {
        let still = MutationFlows(labels: ["A", "B"], colors: Array(colors.prefix(2)), matrix: [[5, 0], [0, 7]], beforeLabel: "2019", afterLabel: "2021")
        let texts = SankeyChart.scene(still).marks.compactMap { m -> String? in if case let .text(s, _, _) = m { return s }; return nil }
        XCTAssertEqual(texts, ["Aucune mutation entre 2019 et 2021"])
    }

    /// The largest change is the darkest cell, an empty cell is white, the diagonal is grey
    /// whatever its area; column labels are turned.
    func testHeatMapShadesChangesAndGreysTheDiagonal() {
        let scene = MutationMatrixChart.scene(flows)
        let cells = scene.marks.compactMap { m -> (Double, Double, RGBColor)? in
            if case let .rect(x, y, w, h, fill?, _) = m, w == h, w >= 14 { return (x, y, fill) }
            return nil
        }
        XCTAssertEqual(cells.count, 9, "the 3 × 3 cells are the only filled squares")
        let grid = Array(cells.prefix(9))
        func cell(_ i: Int, _ j: Int) -> RGBColor { grid[i * 3 + j].2 }
        XCTAssertEqual(cell(0, 0), cell(1, 1))
        XCTAssertEqual(cell(0, 1), Palette.white)
        XCTAssertLessThan(cell(2, 1).luminance, cell(1, 0).luminance, "60 000 m² darker than 30 000 m²")
        XCTAssertLessThan(cell(1, 0).luminance, cell(1, 2).luminance, "30 000 m² darker than 10 000 m²")
        XCTAssertTrue(scene.marks.contains { if case let .text(_, _, st) = $0 { return st.rotation == -45 }; return false })
    }

    func testStackedBarsShareOneScale() {
        let legend = ["Imperméabilisés", "Urbanisés", "Autres"].enumerated().map { LegendEntry(label: $1, color: colors[$0]) }
        let scene = StackedBarChart.scene(rows: [StackedBarRow(label: "2019", values: [10, 30, 60]), StackedBarRow(label: "2021", values: [20, 30, 0])], legend: legend)
        let bars = scene.marks.compactMap { m -> (Double, Double)? in if case let .rect(_, y, w, h, _, _) = m, h == 22 { return (y, w) }; return nil }
        XCTAssertEqual(bars.count, 5, "zero parts are not drawn")
        let first = bars.filter { $0.0 == bars[0].0 }.reduce(0) { $0 + $1.1 }
        let second = bars.filter { $0.0 != bars[0].0 }.reduce(0) { $0 + $1.1 }
        XCTAssertEqual(second / first, 0.5, accuracy: 1e-9)
        let texts = scene.marks.compactMap { m -> String? in if case let .text(s, _, _) = m { return s }; return nil }
        XCTAssertTrue(texts.contains("60,0\u{00A0}%"), "\(texts)")
    }

    /// Several charts inlined in one page form well-formed XML in which every glyph reference
    /// points at a shared symbol and every clip reference at a clip path of the page.
    func testInlinedChartsAreWellFormedAndResolve() throws {
        let inliner = SVGInliner()
        let square = PolygonRings(rings: [[Point(0, 0), Point(1000, 0), Point(1000, 1000), Point(0, 1000), Point(0, 0)]])
        let map = LandCoverMap.scene(LandCoverMapInput(pieces: [(0, square)], legend: [LegendEntry(label: "Bâti", color: colors[0])],
                                                       outline: [square], context: [], parentOutline: [square], source: "Source",
                                                       base: LegendEntry(label: "Sans changement", color: colors[1])))
        var body = ""
        for (k, scene) in [SankeyChart.scene(flows), MutationMatrixChart.scene(flows), map].enumerated() {
            body += inliner.inline(try CairoRenderer.svg(scene), id: "c\(k)", title: "Graphique \(k) & <test>")
        }
        let page = "<div xmlns:xlink=\"http://www.w3.org/1999/xlink\">" + inliner.sharedDefinitions + body + "</div>"
        let parser = XMLParser(data: Data(page.utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let ids = Set(matches(page, #"id="([^"]+)""#))
        let refs = matches(page, ##"href="#([^"]+)""##) + matches(page, ##"url\(#([^)]+)\)"##)
        XCTAssertTrue(page.contains("<text "), "chart text is text")
        for r in refs { XCTAssertTrue(ids.contains(r), "unresolved reference #\(r)") }
        XCTAssertEqual(matches(page, #"<title id="c0-titre">([^<]+)</title>"#), ["Graphique 0 &amp; &lt;test&gt;"])
    }

    func matches(_ s: String, _ pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { Range($0.range(at: 1), in: s).map { String(s[$0]) } }
    }
}

/// The SVG backend's text: `<text>` elements in the site's font, above the shapes.
final class SVGTextTests: XCTestCase {
    func texts(_ svg: [UInt8]) -> [String] {
        let s = String(decoding: svg, as: UTF8.self)
        let re = try! NSRegularExpression(pattern: #"<text [^>]*>([^<]*)</text>"#)
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range(at: 1), in: s)!]) }
    }

    func testChartTextIsRealTextInTheSiteFont() throws {
        let scene = StockComparisonChart.scene(rows: [
            StockComparisonRow(label: "Formations herbacées", color: RGBColor(hex: "#ccf24d")!, before: 3_120_000, after: 3_004_500),
            StockComparisonRow(label: "Zones bâties — œuvre & <co>", color: RGBColor(hex: "#ff377a")!, before: 910_000, after: 1_023_400),
        ], beforeLabel: "2010", afterLabel: "2021")
        let bytes = try CairoRenderer.svg(scene)
        let svg = String(decoding: bytes, as: UTF8.self)
        XCTAssertFalse(svg.contains("<symbol"), "no glyph outlines")
        XCTAssertFalse(svg.contains("<use"))
        XCTAssertTrue(svg.contains("<g font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\" fill=\"#1e1e1e\">"), svg)
        let written = texts(bytes)
        XCTAssertTrue(written.contains("Formations herbacées"), "\(written)")
        XCTAssertTrue(written.contains { $0.hasPrefix("Zones bâties — œuvre &amp; &lt;co&gt;") }, "\(written)")
        // Every text mark of the scene is written, once.
        let marks = scene.marks.filter { if case .text = $0 { return true }; return false }.count
        XCTAssertEqual(written.count, marks)
        XCTAssertTrue(XMLParser(data: Data(bytes)).parse())
    }

    func testRotatedAnchoredBoldAndColouredText() throws {
        var scene = Scene(width: 200, height: 200)
        scene.add(.text("Forêts", at: Point(100, 100), style: TextStyle(size: 11, anchor: .end, rotation: -45)))
        scene.add(.text("Eau", at: Point(50, 50.04), style: TextStyle(size: 13.5, bold: true, color: RGBColor(r: 0x59, g: 0x59, b: 0x59), anchor: .middle)))
        let svg = String(decoding: try CairoRenderer.svg(scene), as: UTF8.self)
        XCTAssertTrue(svg.contains("<text x=\"100\" y=\"100\" text-anchor=\"end\" transform=\"rotate(-45 100 100)\">Forêts</text>"), svg)
        XCTAssertTrue(svg.contains("<text x=\"50\" y=\"50\" font-size=\"13.5\" font-weight=\"bold\" fill=\"#595959\" text-anchor=\"middle\">Eau</text>"), svg)
    }

    /// Every bar, part, dot, cell or node says its label and exact value (a hotspot); the SVG writes
    /// them as invisible rectangles with a title, above everything; print draws nothing for them;
    /// the inliner keeps a chart with hotspots a graphics document (its parts are focusable).
    func testHotspotsSayEachValueInSVGOnly() throws {
        let stock = StockComparisonChart.scene(rows: [
            StockComparisonRow(label: "Forêts", color: RGBColor(hex: "#1f78b4")!, before: 3_120_000, after: 3_004_500),
            StockComparisonRow(label: "Zones bâties", color: RGBColor(hex: "#ff377a")!, before: 910_000, after: 1_023_400),
        ], beforeLabel: "2010", afterLabel: "2021")
        let labels = stock.marks.compactMap { m -> String? in if case let .hotspot(_, _, _, _, l) = m { return l }; return nil }
        XCTAssertEqual(labels, ["Forêts, 2010 : 312,0\u{00A0}ha", "Forêts, 2021 : 300,5\u{00A0}ha", "Zones bâties, 2010 : 91,0\u{00A0}ha", "Zones bâties, 2021 : 102,3\u{00A0}ha"])
        let svg = String(decoding: try CairoRenderer.svg(stock), as: UTF8.self)
        XCTAssertTrue(svg.contains("<g class=\"hits\" fill=\"transparent\">"))
        XCTAssertEqual(svg.components(separatedBy: "<rect x=").count - 1 - 1, 4, "four hotspots and the background")
        XCTAssertTrue(svg.contains("><title>Zones bâties, 2021 : 102,3\u{00A0}ha</title></rect>"))
        XCTAssertTrue(svg.range(of: "class=\"hits\"")!.lowerBound > svg.range(of: "<text")!.lowerBound, "above the text")
        XCTAssertTrue(try CairoRenderer.pdf(stock).count > 0)
        // The phone layout's copy: the same hotspots without their titles; the chart's own title stays.
        let bare = String(decoding: SVGHotspots.withoutTitles(Array(svg.utf8)), as: UTF8.self)
        XCTAssertEqual(bare.components(separatedBy: "<rect x=").count, svg.components(separatedBy: "<rect x=").count)
        XCTAssertFalse(bare.contains("<title>"))
        XCTAssertTrue(SVGInliner().inline(Array(bare.utf8), id: "c", title: "Graphique C").contains("<title id=\"c-titre\">Graphique C</title>"))
        let inliner = SVGInliner()
        let inlined = inliner.inline(try CairoRenderer.svg(stock), id: "a", title: "A")
        XCTAssertTrue(inlined.contains(" aria-labelledby=\"a-titre\"") && !inlined.contains(" role="), "a graphics document, not an image")
        var plain = Scene(width: 10, height: 10)
        plain.add(.rect(x: 0, y: 0, width: 5, height: 5, fill: RGBColor(hex: "#000000")!, stroke: nil))
        XCTAssertTrue(inliner.inline(try CairoRenderer.svg(plain), id: "b", title: "B").contains(" role=\"img\" aria-labelledby=\"b-titre\""))
        // The matrix: one per non-empty cell; the sankey: one per node.
        let cells: [[Double]] = [[500_000, 0, 0], [30_000, 2_000_000, 10_000], [0, 60_000, 900_000]]
        let grey = RGBColor(hex: "#777777")!
        let flows = MutationFlows(labels: ["Bâti", "Culture", "Forêt"], colors: [grey, grey, grey], matrix: cells, beforeLabel: "2019", afterLabel: "2021")
        func hotspots(_ scene: Scene) -> Int { scene.marks.filter { if case .hotspot = $0 { return true }; return false }.count }
        XCTAssertEqual(hotspots(MutationMatrixChart.scene(flows)), 6)
        XCTAssertEqual(hotspots(SankeyChart.scene(flows)), 2 + 3, "two classes lost land, three gained it")
    }

    /// Text inside a clip stays Cairo's (outlines), so that the clip applies to it; the inliner shares
    /// those outlines between the charts of a page.
    func testTextInsideAClipIsClippedOutlinesSharedByThePage() throws {
        var scene = Scene(width: 100, height: 40)
        scene.add(.clipBegin(x: 0, y: 0, width: 30, height: 40))
        scene.add(.text("Coupé", at: Point(10, 20), style: TextStyle(size: 11)))
        scene.add(.clipEnd)
        let svg = try CairoRenderer.svg(scene)
        XCTAssertTrue(texts(svg).isEmpty)
        XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains("<symbol"))
        let inliner = SVGInliner()
        let a = inliner.inline(svg, id: "a", title: "A"), count = inliner.glyphCount
        let b = inliner.inline(svg, id: "b", title: "B")
        XCTAssertGreaterThan(count, 0)
        XCTAssertEqual(inliner.glyphCount, count, "the same letters are not stored twice")
        for s in [a, b] { XCTAssertFalse(s.contains("<symbol")); XCTAssertTrue(s.contains("href=\"#g")) }
    }
}
