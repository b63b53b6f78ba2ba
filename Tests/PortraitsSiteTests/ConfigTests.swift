import XCTest
@testable import PortraitsCore
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

final class ConfigTests: XCTestCase {
    let valid = """
    site:
      title: Test
    communes:
      file: communes.gpkg
    land_cover:
      layers:
        - millesime: 2018
          file: ocs.gpkg
          fields: {couverture: CODE_CS}
        - millesime: 2021
          file: ocs2021.gpkg
          fields: {couverture: CODE_CS}
    nomenclature: nomenclature.yaml
    """

    func parse(_ text: String) throws -> ProjectConfig { try ProjectConfig.parse(text: text, source: "p.yaml", root: "/proj") }

    func testDefaultsAndRelativePaths() throws {
        let c = try parse(valid)
        XCTAssertEqual(c.communes.path, "/proj/communes.gpkg")
        XCTAssertEqual(c.communeCode, "insee_com")
        XCTAssertEqual(c.landCover.millesimes, [2018, 2021])
        XCTAssertEqual(c.periods, [Period(2018, 2021)])
        XCTAssertNil(c.templates, "no Templates/ beside the project: the built-in templates alone")
        XCTAssertEqual(c.output, "/proj/Output")
        XCTAssertNil(c.scot)
    }

    func testUnknownKeyIsNamedWithItsPathAndLine() {
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "  title: Test", with: "  title: Test\n  titel: Oops"))) { e in
            XCTAssertEqual("\(e)", "p.yaml, line 3: site.titel: unknown key (expected one of: title, base_url, notices, attribution, map_credit)")
        }
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "fields: {couverture: CODE_CS}\n    - millesime: 2021", with: "fields: {couverture: CODE_CS}\n      colour: red\n    - millesime: 2021"))) { e in
            XCTAssertTrue("\(e)".contains("land_cover.layers[0].colour: unknown key"), "\(e)")
        }
    }

    func testWrongTypesAndMissingKeysAreNamed() {
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "millesime: 2018", with: "millesime: deux-mille"))) { e in
            XCTAssertTrue("\(e)".contains("land_cover.layers[0].millesime must be a whole number"), "\(e)")
        }
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "nomenclature: nomenclature.yaml", with: ""))) { e in
            XCTAssertEqual("\(e)", "p.yaml: nomenclature is required")
        }
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "  title: Test", with: "  title: [a, b]"))) { e in
            XCTAssertTrue("\(e)".contains("site.title must be text"), "\(e)")
        }
    }

    func testPeriodsMustBeMillesimesOfTheData() {
        XCTAssertThrowsError(try parse(valid + "\nperiods: [[2018, 2020]]")) { e in
            XCTAssertTrue("\(e)".contains("periods[0] must be two millésimes of the land cover"), "\(e)")
        }
        XCTAssertEqual(try parse(valid + "\nperiods: [[2018, 2021]]").periods, [Period(2018, 2021)])
    }

    func testMillesimeDescribedTwice() throws {
        // Two entries of one millésime with the same fields: one source of two files (IGN's
        // départements); with other fields, or the same file twice, an error.
        let merged = try parse(valid.replacingOccurrences(of: "millesime: 2021", with: "millesime: 2018"))
        XCTAssertEqual(merged.landCover.sources.map { $0.layers.map { ($0.path as NSString).lastPathComponent } }, [["ocs.gpkg", "ocs2021.gpkg"]])
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "millesime: 2021", with: "millesime: 2018")
            .replacingOccurrences(of: "file: ocs2021.gpkg\n      fields: {couverture: CODE_CS}", with: "file: ocs2021.gpkg\n      fields: {couverture: CS}"))) { e in
            XCTAssertTrue("\(e)".contains("millésime 2018 is read with other fields in land_cover.layers[0] than in land_cover.layers[1]"), "\(e)")
        }
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "millesime: 2021", with: "millesime: 2018").replacingOccurrences(of: "ocs2021.gpkg", with: "ocs.gpkg"))) { e in
            XCTAssertTrue("\(e)".contains("ocs.gpkg is named twice for millésime 2018"), "\(e)")
        }
        XCTAssertThrowsError(try parse(valid.replacingOccurrences(of: "land_cover:\n", with: "land_cover:\n  multi_date:\n    file: md.gpkg\n    millesimes:\n      2018: {couverture: CS_2018}\n"))) { e in
            XCTAssertTrue("\(e)".contains("millésime 2018 is described twice"), "\(e)")
        }
    }

    func testNotYAMLIsAnErrorNamingTheFile() {
        XCTAssertThrowsError(try parse("site: [unclosed")) { e in XCTAssertTrue("\(e)".hasPrefix("p.yaml"), "\(e)") }
    }

    func testShippedNomenclatureLoads() throws {
        let n = try NomenclatureLoader.load(path: repositoryRoot.appendingPathComponent("Content/nomenclatures/cnig/nomenclature.yaml").path)
        XCTAssertEqual(n.dimensions.map(\.id), ["couverture", "usage"])
        XCTAssertEqual(n.primary.leaves.count, 14)
        XCTAssertEqual(n.dimensions[1].leaves.count, 20)
        XCTAssertEqual(n.primary.class(code: "CS1.1.1.1")?.color.hex, "#ff377a")
        XCTAssertEqual(n.primary.ancestor(of: "CS2.2.1", atLevel: 1)?.code, "CS2")
    }
}
