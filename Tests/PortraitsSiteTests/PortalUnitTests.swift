import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import PortraitsCore
@testable import PortraitsGraphics
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

final class PortalUnitTests: XCTestCase {
    func testJSONTextEscapesWhatWouldBreakAScriptElement() throws {
        let s = JSONText.string("a\"b\\c</script><!--\n\u{2028}é")
        XCTAssertFalse(s.contains("</script>"))
        XCTAssertFalse(s.contains("<!--"))
        let back = try JSONSerialization.jsonObject(with: Data("[\(s)]".utf8)) as! [String]
        XCTAssertEqual(back, ["a\"b\\c</script><!--\n\u{2028}é"])
        XCTAssertEqual(JSONText.number(12.5), "12.5")
        XCTAssertEqual(JSONText.number(3.0), "3")
        XCTAssertEqual(JSONText.number(-0.001), "0")
        XCTAssertEqual(JSONText.number(.nan), "null")
        XCTAssertEqual(JSONText.number(1234.5678, decimals: 2), "1234.57")
    }

    /// The map pieces' rings survive their encoding to a sixteenth of a pixel, negative steps and
    /// long jumps included, and a ring whose text holds a backslash stays one JavaScript string.
    func testMapPieceRingsRoundTripThroughTheirEncoding() {
        let ring = [Point(0, 0), Point(459.97, 0.03), Point(12.5, 381.25), Point(-3.1, 200), Point(0.0625, 0.0625)]
        let text = MapPiecesScript.encode(ring)
        XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.value >= 63 && $0.value <= 126 })
        for (a, b) in zip(MapPiecesScript.decode(text), ring) {
            XCTAssertEqual(a.x, b.x, accuracy: 0.5 / MapPiecesScript.quantum)
            XCTAssertEqual(a.y, b.y, accuracy: 0.5 / MapPiecesScript.quantum)
        }
        XCTAssertEqual(MapPiecesScript.decode(text).count, ring.count)
        // A step of −15 units (zigzag 29) is the character 92, a backslash: escaped in the script.
        let slash = [Point(-15 / 16, 0)]
        XCTAssertTrue(MapPiecesScript.encode(slash).contains("\\"))
        let piece = MapPieces.Piece(area: 1234.4, classes: [0, -1], kinds: [1], rings: [slash + [Point(1, 1), Point(2, 0)]], bounds: .empty)
        let list = MapPiecesScript.list([piece])
        XCTAssertTrue(list.contains("[1234,[0,-1],[1],[\""), list)
        XCTAssertTrue(list.contains("\\\\"), "the backslash is escaped: \(list)")
        // Read back as JSON, the ring is its encoding, character for character.
        let parsed = try? JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[Any]]
        XCTAssertEqual((parsed?.first?[3] as? [String])?.first, MapPiecesScript.encode(slash + [Point(1, 1), Point(2, 0)]))
    }

    func testHeadingAnchorsAreUniqueFoldedAndListed() {
        let html = "<h1>Titre</h1>\n<h2>Consommation d’espaces</h2>\n<p>x</p>\n<h3>Détail &amp; cas</h3>\n<h2>Consommation d’espaces</h2>\n<h4>Not listed</h4>"
        let (out, toc) = HeadingAnchors.apply(html)
        XCTAssertTrue(out.contains("<h2 id=\"consommation-d-espaces\">Consommation d’espaces</h2>"), out)
        XCTAssertTrue(out.contains("<h3 id=\"detail-cas\">Détail &amp; cas</h3>"), out)
        XCTAssertTrue(out.contains("<h2 id=\"consommation-d-espaces-2\">"), out)
        XCTAssertTrue(out.contains("<h1>Titre</h1>") && out.contains("<h4>Not listed</h4>"))
        XCTAssertEqual(toc.map(\.id), ["consommation-d-espaces", "detail-cas", "consommation-d-espaces-2"])
        XCTAssertEqual(toc[1].text, "Détail & cas")
        XCTAssertEqual(toc.map(\.level), [2, 3, 2])
    }

    func testChoroplethClassesAtQuintilesWithFrenchLabels() {
        let values = (1...100).map(Double.init)
        let c = ChoroplethClasses(values: values, unit: "ha/an")
        XCTAssertEqual(c.breaks, [21, 41, 61, 81])
        XCTAssertEqual(c.colors.count, 5)
        XCTAssertEqual(c.labels.first, "moins de 21,0 ha/an")
        XCTAssertEqual(c.labels.last, "81,0 ha/an et plus")
        XCTAssertEqual(c.index(of: 1), 0)
        XCTAssertEqual(c.index(of: 21), 1)
        XCTAssertEqual(c.index(of: 100), 4)
        // All equal: one class, no break.
        let flat = ChoroplethClasses(values: [2, 2, 2], unit: "%")
        XCTAssertEqual(flat.breaks, [])
        XCTAssertEqual(flat.labels, ["2,0 %"])
        XCTAssertEqual(flat.index(of: 2), 0)
        // Few distinct values: fewer classes, increasing breaks.
        let few = ChoroplethClasses(values: [0, 0, 0, 0, 5, 5, 9], unit: "ha")
        XCTAssertEqual(few.breaks, few.breaks.sorted())
        XCTAssertEqual(Set(few.breaks).count, few.breaks.count)
    }

    func testAssetFingerprintsFollowTheContent() throws {
        let dir = try temporaryFolder(self)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        for f in [a, b] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        try "body{}".write(to: a.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        try "x=1".write(to: a.appendingPathComponent("portraits.js"), atomically: true, encoding: .utf8)
        try "logo".write(to: a.appendingPathComponent("logo.png"), atomically: true, encoding: .utf8)
        let one = try SiteAssets(folders: [a.path])
        XCTAssertEqual(one.stylesheets, ["assets/style.\(SiteAssets.fingerprint(Array("body{}".utf8))).css"])
        XCTAssertEqual(one.script, "assets/portraits.\(SiteAssets.fingerprint(Array("x=1".utf8))).js")
        XCTAssertTrue(one.files.contains { $0.path == "assets/logo.png" }, "other files keep their names")
        // A project's file replaces the built-in one of the same name: a new fingerprint.
        try "body{color:red}".write(to: b.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        let two = try SiteAssets(folders: [a.path, b.path])
        XCTAssertNotEqual(one.stylesheets, two.stylesheets)
        XCTAssertEqual(two.files.filter { $0.path.hasPrefix("assets/style.") }.count, 1)
        XCTAssertEqual(SiteAssets.fingerprint([1, 2, 3]).count, 8)
    }

    func testSitemapNeedsABaseURLAndEscapes() {
        XCTAssertNil(Publishing.sitemap(pages: ["index.html"], baseURL: nil, lastModified: "2026-11-26"))
        let s = Publishing.sitemap(pages: ["b.html", "a&b.html"], baseURL: "https://x.org", lastModified: "2026-11-26")!
        XCTAssertTrue(s.contains("<loc>https://x.org/a&amp;b.html</loc><lastmod>2026-11-26</lastmod>"))
        XCTAssertLessThan(s.range(of: "a&amp;b")!.lowerBound, s.range(of: "b.html</loc>")!.lowerBound)
        XCTAssertEqual(Publishing.robots(baseURL: nil), "User-agent: *\nAllow: /\n")
    }

    func testIndicatorIdsAreUniqueSnakeCaseASCII() {
        XCTAssertEqual(IndicatorSummary.definitions.count, Set(IndicatorSummary.definitions.map(\.id)).count, "unique ids")
        for d in IndicatorSummary.definitions {
            XCTAssertTrue(d.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }, d.id)
        }
    }
}

final class ChoroplethZeroTests: XCTestCase {
    func testManyZerosMakeAClassOfTheirOwn() {
        let values = Array(repeating: 0.0, count: 50) + (1...50).map(Double.init)
        let c = ChoroplethClasses(values: values, unit: "ha/an")
        XCTAssertEqual(c.labels.first, "0 (aucune)")
        XCTAssertEqual(c.index(of: 0), 0)
        XCTAssertEqual(c.index(of: 0.001), 1, "any consumption is out of the zero class")
        XCTAssertEqual(c.labels.count, 5)
        XCTAssertEqual(c.index(of: 50), 4)
        XCTAssertEqual(c.labels[1], "plus de 0 à 13,0 ha/an")
    }

    func testSheetNamesReadWhole() {
        XCTAssertEqual(XLSXWorkbook.sheetName("Artificialisation (loi Climat et résilience)"), "Artificialisation")
        XCTAssertEqual(XLSXWorkbook.sheetName("Consommation d’espaces NAF"), "Consommation d’espaces NAF")
        let long = XLSXWorkbook.sheetName("Surface de chaque classe à chaque millésime du territoire")
        XCTAssertLessThanOrEqual(long.count, 31)
        XCTAssertEqual(long, "Surface de chaque classe à")
        XCTAssertEqual(XLSXWorkbook.sheetName("a/b:c"), "a-b-c")
        var used = Set<String>()
        XCTAssertEqual(XLSXWorkbook.uniqueName("Mutations", &used), "Mutations")
        XCTAssertEqual(XLSXWorkbook.uniqueName("mutations", &used), "mutations 2")
    }

    func testDefaultStyleBreaksAreQuintilesWithoutRepeatsAndFilterTheMainPeriod() {
        XCTAssertEqual(DefaultStyle.breaks((1...10).map(Double.init)), [3, 5, 7, 9])
        XCTAssertEqual(DefaultStyle.breaks([0, 0, 0, 0, 0, 0, 0, 0, 1, 2]), [0, 1], "repeated limits merged")
        XCTAssertEqual(DefaultStyle.breaks([]), [])
        let qml = DefaultStyle.qml(period: Period(2010, 2021), values: (1...10).map(Double.init))
        XCTAssertEqual(qml.components(separatedBy: "<rule ").count - 1, 5)
        XCTAssertTrue(qml.contains("filter=\"&quot;periode&quot; = '2010-2021' AND &quot;consommation_intensite&quot; &lt; 3.0\""), qml)
        XCTAssertTrue(qml.contains("label=\"9,00 et plus\""))
        // Well-formed XML, as QGIS parses it.
        XCTAssertNoThrow(try XMLDocument(xmlString: qml.replacingOccurrences(of: "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>", with: "")))
    }
}
