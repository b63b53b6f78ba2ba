import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// Inputs that used to crash the tool or make it run for minutes: absurd coordinates, YAML nested
/// thousands deep or full of aliases, a nomenclature of 100 000 classes (docs/bad-input.md, 50–54).
final class HostileInputTests: XCTestCase {
    func polygon(_ f: BadInputFixture, _ points: [(Double, Double)]) throws -> [UInt8] {
        try f.ctx.polygon(PolygonRings(rings: [points.map { Point($0.0, $0.1) } + [Point(points[0].0, points[0].1)]])).wkb
    }

    func testAbsurdCoordinatesAreAnErrorNamingTheFeature() throws {
        for huge in [1e13, 1e300, -1e300] {
            let f = try BadInputFixture(self)
            try f.writeLandCover([(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], try f.rect(0, 0, 2000, 500)),
                                  (["CS2.1.1.1", "US1.2", "CS2.1.1.1", "US1.2"], try f.rect(0, 500, 2000, 1000)),
                                  (["CS2.1.1.1", "US1.2", "CS2.1.1.1", "US1.2"], try polygon(f, [(900_000, 6_800_000), (huge, 6_800_000), (900_000, 6_800_010)]))])
            XCTAssertCheckFails(f, "ocs.gpkg, layer ocs, feature 3", "lie outside metropolitan France")
            // The communes layer likewise.
            try f.writeCommunes([("99001", "Aval", try polygon(f, [(900_000, 6_800_000), (901_000, 6_800_000), (901_000, huge), (900_000, 6_801_000)])),
                                 ("99002", "Amont", try f.rect(1000, 0, 2000, 1000))])
            XCTAssertCheckFails(f, "communes.gpkg, layer communes, feature 1", "lie outside metropolitan France")
        }
        // The envelope grid of the decree's thresholds keeps absurd envelopes apart instead of trapping.
        let grid = EnvelopeGrid([BoundingBox(minX: 0, minY: 0, maxX: 1e300, maxY: 10), BoundingBox(minX: 0, minY: 0, maxX: 10, maxY: 10)], cell: 250)
        XCTAssertEqual(grid.query(BoundingBox(minX: 5, minY: 5, maxX: 6, maxY: 6)), [0, 1])
    }

    func testDeeplyNestedYAMLIsRefusedBeforeTheParser() throws {
        let f = try BadInputFixture(self)
        let flow = "site:\n  title: x\n  notices: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        try flow.write(to: f.config, atomically: true, encoding: .utf8)
        XCTAssertCheckFails(f, "portraits.yaml, line 3", "nested more than 40 levels deep")
        var block = "site:\n"
        for depth in 1...1_000 { block += String(repeating: " ", count: depth) + "k:\n" }
        try block.write(to: f.config, atomically: true, encoding: .utf8)
        XCTAssertCheckFails(f, "portraits.yaml", "nested more than 40 levels deep")
        let dashes = "site:\n  notices:\n    " + String(repeating: "- ", count: 10_000) + "x\n"
        try dashes.write(to: f.config, atomically: true, encoding: .utf8)
        XCTAssertCheckFails(f, "portraits.yaml, line 3", "nested more than 40 levels deep")
        // The nomenclature manifest goes through the same reader.
        let nom = f.dir.appendingPathComponent("nom.yaml")
        try ("name: x\ndimensions: " + String(repeating: "{a: ", count: 5_000)).write(to: nom, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try NomenclatureLoader.load(path: nom.path)) { e in XCTAssertTrue("\(e)".contains("nested more than 40 levels deep"), "\(e)") }
    }

    func testAliasBombsAndHugeTextsAreRefused() throws {
        let f = try BadInputFixture(self)
        let long = String(repeating: "très long ", count: 10_000)
        let bomb = "site:\n  title: &t \"\(long)\"\n  notices: [" + Array(repeating: "*t", count: 100_000).joined(separator: ", ") + "]\n"
        try bomb.write(to: f.config, atomically: true, encoding: .utf8)
        let start = Date()
        XCTAssertCheckFails(f, "portraits.yaml, line 3", "more than 100 aliases")
        XCTAssertLessThan(Date().timeIntervalSince(start), 60, "refused without expanding the aliases")
        try f.writeConfig(replace: [("  title: Test", "  title: Test\n  notices: [\"\(long)\"]")])
        XCTAssertCheckFails(f, "site.notices[0] is 100000 characters long: at most 2000")
        // A few aliases are fine, and stars inside quoted or plain text are not aliases.
        try f.writeConfig(replace: [("  title: Test", "  title: &t \"Test * étoile\"\n  notices: [*t, \"*gras*\", a*b]")])
        XCTAssertCheckSucceeds(f)
        // Valid texts that look like nesting or aliases are not refused: half-open intervals, block
        // scalars holding Markdown lists and brackets, URLs with stars, comments.
        let intervals = Array(repeating: "[0, 5[", count: 60).joined(separator: " ")
        let listy = (0..<60).map { "      * point \($0) [[ {{ *x" }.joined(separator: "\n")
        try f.writeConfig(replace: [("  title: Test", "  title: Test\n  notices:\n    - Classes \(intervals)\n    - |-\n\(listy)\n    - https://ex.org/*/a # [[[ *b")])
        XCTAssertCheckSucceeds(f)
        try Data(repeating: 0x20, count: 2_000_000).write(to: f.config)
        XCTAssertCheckFails(f, "portraits.yaml", "at most 1000 kB")
    }

    func testAHugeNomenclatureIsRefusedAndALargeOneBuildsInLinearTime() throws {
        let f = try BadInputFixture(self)
        let cnig = repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig")
        let nom = f.dir.appendingPathComponent("nomenclature")
        try FileManager.default.copyItem(at: cnig, to: nom)
        func write(classes n: Int) throws {
            var text = try read(cnig.appendingPathComponent("couverture.csv"))
            text += "CS9,1,,Extra,Extra,#123456\nCS9.1,2,CS9,Extra 1,Extra 1,#123456\nCS9.1.1,3,CS9.1,Extra 11,Extra 11,#123456\n"
            for i in 0..<n { text += "CS9.1.1.\(i),4,CS9.1.1,Classe \(i),Classe \(i),#12\(String(format: "%02x", i % 256))56\n" }
            try text.write(to: nom.appendingPathComponent("couverture.csv"), atomically: true, encoding: .utf8)
        }
        let root = repositoryRoot.path
        try write(classes: 100_000)
        try f.writeConfig(replace: [("\(root)/Content/nomenclatures/cnig/nomenclature.yaml", nom.appendingPathComponent("nomenclature.yaml").path)])
        XCTAssertCheckFails(f, "couverture.csv", "100026 classes: a dimension has at most 5000")
        // 4 000 extra classes: the data uses some of them; every page and download is made (the
        // mutation matrices, correspondence rules and class lists no longer cost classes²).
        try write(classes: 4_000)
        try f.writeLandCover([(["CS9.1.1.17", "US1.1", "CS9.1.1.3999", "US5"], try f.rect(0, 0, 2000, 500)),
                              (["CS2.1.1.1", "US1.2", "CS9.1.1.0", "US1.2"], try f.rect(0, 500, 2000, 1000))])
        let s = try SiteBuilder.build(configPath: f.config.path, quiet: true, pdf: false, cache: false)
        XCTAssertGreaterThan(s.portraits, 0)
    }

    func testSparseMutationMatrixKeepsThePresentClassesOnly() throws {
        let nomenclature = try NomenclatureLoader.load(path: repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig/nomenclature.yaml").path)
        let cs = nomenclature.primary
        var facts = AreaFacts(millesimeCount: 2, periodCount: 1, area: 100)
        let a = ClassKey(cs.leafNumber(of: "CS2.2.1")!, -1), b = ClassKey(cs.leafNumber(of: "CS1.1.1.1")!, -1)
        facts.transitions[0][Transition(a, b)] = 30
        facts.transitions[0][Transition(a, a)] = 70
        let m = Mutations.matrix(facts, period: 0, nomenclature: nomenclature, level: cs.depth)
        XCTAssertEqual(m.classes.map(\.code), ["CS1.1.1.1", "CS2.2.1"])
        XCTAssertEqual(m.matrix, [[0, 0], [30, 70]])
        XCTAssertEqual(m.grossChange, 30)
    }
}
