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

/// A small valid project written into a temporary folder, that each bad-input test breaks in one way:
/// two communes of 1 km² (99001, 99002) in one EPCI, and a multi-date land cover (2019, 2021).
struct BadInputFixture {
    let dir: URL
    let ctx = GEOSContext()

    var config: URL { dir.appendingPathComponent("portraits.yaml") }
    var communes: URL { dir.appendingPathComponent("communes.gpkg") }
    var landCover: URL { dir.appendingPathComponent("ocs.gpkg") }
    var membership: URL { dir.appendingPathComponent("membership.csv") }

    init(_ test: XCTestCase) throws {
        dir = try temporaryFolder(test)
        try writeCommunes([("99001", "Aval", try rect(0, 0, 1000, 1000)), ("99002", "Amont", try rect(1000, 0, 2000, 1000))])
        try writeLandCover([(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], try rect(0, 0, 2000, 500)),
                            (["CS2.1.1.1", "US1.2", "CS2.1.1.1", "US1.2"], try rect(0, 500, 2000, 1000))])
        try writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n99002,Amont,200000001,CC Test,99,Testdép,98,Testrégion\n")
        try writeConfig()
    }

    func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) throws -> [UInt8] {
        try ctx.polygon(PolygonRings(rings: [[Point(900_000 + a, 6_800_000 + b), Point(900_000 + c, 6_800_000 + b), Point(900_000 + c, 6_800_000 + d), Point(900_000 + a, 6_800_000 + d)]])).wkb
    }

    func writeCommunes(_ rows: [(String, String, [UInt8])]) throws {
        try? FileManager.default.removeItem(at: communes)
        let w = try VectorWriter(path: communes.path, layer: "communes", fields: [("insee_com", .string), ("nom_com", .string)])
        for r in rows { try w.add([r.0, r.1], wkb: r.2) }
        try w.close()
    }

    func writeLandCover(_ rows: [([String], [UInt8])]) throws {
        try? FileManager.default.removeItem(at: landCover)
        let w = try VectorWriter(path: landCover.path, layer: "ocs", fields: ["CS_2019", "US_2019", "CS_2021", "US_2021"].map { ($0, .string) })
        for r in rows { try w.add(r.0, wkb: r.1) }
        try w.close()
    }

    func writeMembership(_ text: String) throws { try text.write(to: membership, atomically: true, encoding: .utf8) }

    /// Writes the project file; `extra` lines are appended, `replace` substitutions applied.
    func writeConfig(extra: String = "", replace: [(String, String)] = []) throws {
        var text = fixtureProject(landCover: """
        multi_date:
          file: ocs.gpkg
          layer: ocs
          millesimes:
            2019: {couverture: CS_2019, usage: US_2019}
            2021: {couverture: CS_2021, usage: US_2021}
        """) + (extra.isEmpty ? "" : "\n" + extra)
        for (a, b) in replace { text = text.replacingOccurrences(of: a, with: b) }
        try text.write(to: config, atomically: true, encoding: .utf8)
    }

    /// `portraits check`: its report, or the error message.
    enum Outcome { case success(String), failure(String) }

    func check() -> Outcome {
        do { return .success(try ProjectCheck.run(configPath: config.path)) } catch { return .failure("\(error)") }
    }

    func build(output: URL? = nil) throws -> SiteBuilder.Summary {
        try SiteBuilder.build(configPath: config.path, output: output?.path, quiet: true)
    }
}

/// Asserts that `check()` fails with a message containing every fragment.
func XCTAssertCheckFails(_ fixture: BadInputFixture, _ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
    switch fixture.check() {
    case .success(let report):
        XCTFail("check succeeded where it should fail:\n\(report)", file: file, line: line)
    case .failure(let message):
        for f in fragments { XCTAssertTrue(plainSpaces(message).contains(plainSpaces(f)), "missing «\(f)» in:\n\(message)", file: file, line: line) }
    }
}

/// French numbers use no-break spaces ("200,00 ha"): fragments are matched with plain spaces.
func plainSpaces(_ s: String) -> String {
    s.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
}

func XCTAssertCheckSucceeds(_ fixture: BadInputFixture, _ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
    switch fixture.check() {
    case .failure(let message):
        XCTFail("check failed: \(message)", file: file, line: line)
    case .success(let report):
        for f in fragments { XCTAssertTrue(plainSpaces(report).contains(plainSpaces(f)), "missing «\(f)» in:\n\(report)", file: file, line: line) }
    }
}
