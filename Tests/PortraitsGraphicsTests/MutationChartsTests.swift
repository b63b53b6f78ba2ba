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
        XCTAssertFalse(refs.isEmpty)
        for r in refs { XCTAssertTrue(ids.contains(r), "unresolved reference #\(r)") }
        XCTAssertEqual(matches(page, #"<title id="c0-titre">([^<]+)</title>"#), ["Graphique 0 &amp; &lt;test&gt;"])
    }

    func matches(_ s: String, _ pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { Range($0.range(at: 1), in: s).map { String(s[$0]) } }
    }
}

/// The SVG backend's text layer against Cairo's own SVG text: the same glyphs at the same places
/// with the same outlines.
final class SVGTextTests: XCTestCase {
    struct PlacedGlyph: Equatable {
        var x: String
        var y: String
        var outline: String
    }

    /// Each `<use>` of a Cairo-style SVG with the outline of the symbol it points at, in document order.
    func placedGlyphs(_ svg: [UInt8]) -> [PlacedGlyph] {
        let s = String(decoding: svg, as: UTF8.self)
        var outlines: [String: String] = [:]
        let symbol = try! NSRegularExpression(pattern: #"<symbol overflow="visible" id="([^"]+)">\s*<path style="stroke:none;" d="([^"]*)"/>"#)
        for m in symbol.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            outlines[String(s[Range(m.range(at: 1), in: s)!])] = String(s[Range(m.range(at: 2), in: s)!]).trimmingCharacters(in: .whitespaces)
        }
        let use = try! NSRegularExpression(pattern: ##"<use xlink:href="#([^"]+)" x="([^"]+)" y="([^"]+)"/>"##)
        return use.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { m in
            let id = String(s[Range(m.range(at: 1), in: s)!])
            return PlacedGlyph(x: String(s[Range(m.range(at: 2), in: s)!]), y: String(s[Range(m.range(at: 3), in: s)!]), outline: outlines[id] ?? "?")
        }
    }

    func testTextLayerPlacesTheGlyphsCairoWould() throws {
        let scene = StockComparisonChart.scene(rows: [
            StockComparisonRow(label: "Formations herbacées", color: RGBColor(hex: "#ccf24d")!, before: 3_120_000, after: 3_004_500),
            StockComparisonRow(label: "Zones bâties — œuvre", color: RGBColor(hex: "#ff377a")!, before: 910_000, after: 1_023_400),
        ], beforeLabel: "2010", afterLabel: "2021")
        let ours = placedGlyphs(try CairoRenderer.svg(scene))
        let cairo = placedGlyphs(try CairoRenderer.svg(scene, nativeText: true))
        XCTAssertGreaterThan(ours.count, 50)
        XCTAssertEqual(ours.count, cairo.count)
        // Cairo orders glyph groups as drawn; the text layer too (all above the shapes).
        for (a, b) in zip(ours, cairo) {
            XCTAssertEqual(Double(a.x)!, Double(b.x)!, accuracy: 0.051)
            XCTAssertEqual(Double(a.y)!, Double(b.y)!, accuracy: 0.051)
            let na = a.outline.split(separator: " ").compactMap { Double($0) }, nb = b.outline.split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(na.count, nb.count, "\(a.outline) vs \(b.outline)")
            for (u, v) in zip(na, nb) { XCTAssertEqual(u, v, accuracy: 0.051) }
        }
    }

    func testRotatedAndAnchoredTextKeepsItsAnchor() throws {
        var scene = Scene(width: 200, height: 200)
        scene.add(.text("Forêts", at: Point(100, 100), style: TextStyle(size: 11, anchor: .end, rotation: -45)))
        scene.add(.text("Eau", at: Point(50, 50), style: TextStyle(size: 11, bold: true, anchor: .middle)))
        let ours = placedGlyphs(try CairoRenderer.svg(scene)), cairo = placedGlyphs(try CairoRenderer.svg(scene, nativeText: true))
        XCTAssertEqual(ours.count, 9)
        // Cairo writes rotated glyphs in device space; the layer writes them unrotated under a
        // rotate() about the anchor: compare the unrotated "Eau" exactly, and the anchor of the rotation.
        XCTAssertEqual(Array(ours.suffix(3)).map(\.x), Array(cairo.suffix(3)).map(\.x))
        let svg = String(decoding: try CairoRenderer.svg(scene), as: UTF8.self)
        XCTAssertTrue(svg.contains("transform=\"rotate(-45 100 100)\""), svg)
    }
}

final class SVGTitleTests: XCTestCase {
    func testStandaloneMapGetsAnEscapedTitleFirst() throws {
        let svg = try CairoRenderer.svg(Scene(width: 10, height: 10))
        let titled = String(decoding: SVGTitle.titled(svg, "Occupation du sol de « A & B » <2021>"), as: UTF8.self)
        let root = titled.range(of: "<svg")!
        let afterRoot = titled[titled[root.lowerBound...].firstIndex(of: ">")!...].dropFirst()
        XCTAssertTrue(afterRoot.hasPrefix("\n<title>Occupation du sol de « A &amp; B » &lt;2021&gt;</title>"), String(afterRoot.prefix(120)))
        XCTAssertTrue(XMLParser(data: Data(titled.utf8)).parse())
    }
}
