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

/// Inputs that used to give wrong figures with a normal exit now stop the build with a message that
/// names the file, layer, feature or line (docs/bad-input.md, 38–49).
final class FigureTrustTests: XCTestCase {
    /// A GeoJSON feature collection written through ogr2ogr into a GeoPackage layer `ocs`, with
    /// `srs` assigned (the coordinates are written as given).
    func writeLayer(_ f: BadInputFixture, _ name: String, features: [(properties: [String: String], geometry: String)], srs: String = "EPSG:2154") throws -> URL {
        let json = f.dir.appendingPathComponent(name + ".geojson")
        let body = features.map { ft in
            let props = ft.properties.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
            return "{\"type\": \"Feature\", \"properties\": {\(props)}, \"geometry\": \(ft.geometry)}"
        }
        try "{\"type\": \"FeatureCollection\", \"features\": [\(body.joined(separator: ", "))]}".write(to: json, atomically: true, encoding: .utf8)
        let out = f.dir.appendingPathComponent(name + ".gpkg")
        _ = try runTool("/usr/bin/ogr2ogr", ["-f", "GPKG", "-a_srs", srs, "-nln", "ocs", out.path, json.path])
        return out
    }

    func square(_ x0: Double, _ y0: Double, _ size: Double) -> String {
        let x1 = x0 + size, y1 = y0 + size
        return "{\"type\": \"Polygon\", \"coordinates\": [[[\(x0), \(y0)], [\(x1), \(y0)], [\(x1), \(y1)], [\(x0), \(y1)], [\(x0), \(y0)]]]}"
    }

    /// The fixture's two communes read from one layer per millésime.
    func perMillesimeConfig(_ f: BadInputFixture, _ layers: [(Int, String)], fields: String = "{couverture: CODE_CS, usage: CODE_US}") throws {
        let list = layers.map { "    - {millesime: \($0.0), file: \($0.1), layer: ocs, fields: \(fields)}" }.joined(separator: "\n")
        let text = try read(f.config)
        let start = text.range(of: "land_cover:")!.lowerBound, end = text.range(of: "nomenclature:")!.lowerBound
        try (text[..<start] + "land_cover:\n  layers:\n" + list + "\n" + text[end...]).write(to: f.config, atomically: true, encoding: .utf8)
    }

    /// Periods written as ranks in a project of one set of years are those years; a rank the land
    /// cover does not have, or ranks mixed with years, are refused.
    func testPeriodsWrittenAsRanks() throws {
        let f = try BadInputFixture(self)
        try f.writeConfig(extra: "periods: [[1, 2]]")
        XCTAssertCheckSucceeds(f, "Millésimes: 2019, 2021", "Periods: 2019–2021")
        try f.writeConfig(extra: "periods: [[1, 2], [2019, 2021]]")
        XCTAssertCheckFails(f, "periods[1] must be two millésimes of the land cover", "do not mix the two")
        try f.writeConfig(extra: "periods: [[1, 3]]")
        XCTAssertCheckFails(f, "periods[0] must be two millésimes of the land cover")
    }

    func testAMillesimeReadWithoutItsUsageIsRefused() throws {
        let f = try BadInputFixture(self)
        try f.writeConfig(replace: [("2021: {couverture: CS_2021, usage: US_2021}", "2021: {couverture: CS_2021}")])
        XCTAssertCheckFails(f, "portraits.yaml", "millésime 2019 is read with couverture and usage, millésime 2021 with couverture",
                            "would mix two descriptions")
        // Without usage at both dates, both ends are described alike (the rules then judge on couverture alone).
        try f.writeConfig(replace: [("2021: {couverture: CS_2021, usage: US_2021}", "2021: {couverture: CS_2021}"),
                                    ("2019: {couverture: CS_2019, usage: US_2019}", "2019: {couverture: CS_2019}")])
        XCTAssertCheckSucceeds(f, "ENAF consumption 100,00 ha")
    }

    /// Départements photographed in different years are reported by rank; periods written in years
    /// cannot say which years go together, and are refused with the ranks to write instead.
    func testMillesimesThatDifferBetweenDepartementsAreReportedByRank() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,67,Bas-Rhin,44,Grand Est\n99002,Amont,200000001,CC Test,68,Haut-Rhin,44,Grand Est\n")
        let x = 900_000.0, y = 6_800_000.0
        let a = try writeLayer(f, "ocs_67_2019", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1"], square(x, y, 1000))])
        let b = try writeLayer(f, "ocs_68_2021", features: [(["CODE_CS": "CS1.1.1.1", "CODE_US": "US5"], square(x + 1000, y, 1000))])
        try perMillesimeConfig(f, [(2019, a.lastPathComponent), (2021, b.lastPathComponent)])
        XCTAssertCheckSucceeds(f, "Millésimes differ between départements: figures are by rank", "67 Bas-Rhin: 2019 (1 commune)", "68 Haut-Rhin: 2021 (1 commune)",
                               "territories whose communes have different years (each figure says both): Région Grand Est, EPCI CC Test", "1er millésime (2019 ou 2021)")
        let text = try String(contentsOf: f.config, encoding: .utf8)
        try (text + "\nperiods: [[2019, 2021]]\n").write(to: f.config, atomically: true, encoding: .utf8)
        XCTAssertCheckFails(f, "the départements have different millésimes (67: 2019; 68: 2021): write `periods` as ranks")
    }

    func testAnEmptyLayerOrALayerOfLinesIsRefused() throws {
        let f = try BadInputFixture(self)
        let x = 900_000.0, y = 6_800_000.0
        let full = try writeLayer(f, "ocs_2019", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1"], square(x, y, 2000))])
        let empty = f.dir.appendingPathComponent("ocs_2021.gpkg")
        try VectorWriter(path: empty.path, layer: "ocs", fields: [("CODE_CS", .string), ("CODE_US", .string)]).close()
        try perMillesimeConfig(f, [(2019, full.lastPathComponent), (2021, empty.lastPathComponent)])
        XCTAssertCheckFails(f, "ocs_2021.gpkg, layer ocs", "no land-cover polygon for millésime 2021: the layer is empty")
        let lines = try writeLayer(f, "ocs_2021", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1"],
                                                              "{\"type\": \"LineString\", \"coordinates\": [[\(x), \(y)], [\(x + 500), \(y + 500)]]}")])
        try perMillesimeConfig(f, [(2019, full.lastPathComponent), (2021, lines.lastPathComponent)])
        XCTAssertCheckFails(f, "ocs_2021.gpkg, layer ocs", "none of its 1 features is a polygon")
    }

    func testCoordinatesInAnotherCRSThanDeclaredAreRefused() throws {
        let f = try BadInputFixture(self)
        // Degrees declared as Lambert-93.
        let degrees = try writeLayer(f, "ocs_deg", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1"], square(7.5, 48.5, 0.01))])
        try perMillesimeConfig(f, [(2019, degrees.lastPathComponent), (2021, degrees.lastPathComponent)])
        XCTAssertCheckFails(f, "ocs_deg.gpkg, layer ocs, feature 1", "lie outside metropolitan France", "CRS is probably wrong")
        // Lambert-93 metres declared as degrees.
        let metres = try writeLayer(f, "ocs_m", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1"], square(900_000, 6_800_000, 2000))], srs: "EPSG:4326")
        try perMillesimeConfig(f, [(2019, metres.lastPathComponent), (2021, metres.lastPathComponent)])
        XCTAssertCheckFails(f, "ocs_m.gpkg, layer ocs, feature 1", "EPSG:4326")
    }

    func testALayerOutsideTheCommunesIsRefused() throws {
        let f = try BadInputFixture(self)
        // In France, in the right CRS, but 100 km away from the communes.
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], try f.rect(100_000, 0, 102_000, 1000))])
        XCTAssertCheckFails(f, "ocs.gpkg, layer ocs", "millésime 2019 covers 0,00 ha", "lie outside the communes")
    }

    func testAMillesimeFieldThatContradictsTheProjectFileIsRefused() throws {
        let f = try BadInputFixture(self)
        let x = 900_000.0, y = 6_800_000.0
        let a = try writeLayer(f, "ocs_a", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1", "MILLESIME": "2021"], square(x, y, 2000))])
        let b = try writeLayer(f, "ocs_b", features: [(["CODE_CS": "CS2.2.1", "CODE_US": "US1.1", "MILLESIME": "2019"], square(x, y, 2000))])
        try perMillesimeConfig(f, [(2019, a.lastPathComponent), (2021, b.lastPathComponent)])
        XCTAssertCheckFails(f, "ocs_a.gpkg, layer ocs", "field MILLESIME says \"2021\" (feature 1, and 1 polygons in all)", "reads this layer as millésime 2019", "swapped")
        try perMillesimeConfig(f, [(2019, b.lastPathComponent), (2021, a.lastPathComponent)])
        XCTAssertCheckSucceeds(f)
    }

    func testADeliveryAppendedToItselfIsRefused() throws {
        let f = try BadInputFixture(self)
        let rows = [(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], try f.rect(0, 0, 2000, 500)),
                    (["CS2.1.1.1", "US1.2", "CS2.1.1.1", "US1.2"], try f.rect(0, 500, 2000, 1000))]
        try f.writeLandCover(rows + rows)
        XCTAssertCheckFails(f, "ocs.gpkg, layer ocs", "millésime 2019: polygons overlap on 200,00 ha, 100,0 %", "read twice")
        // A user who means it says so; the overlap is then stated (check, portraits).
        try f.writeConfig(replace: [("land_cover:\n", "land_cover:\n  max_overlap_percent: 100\n")])
        XCTAssertCheckSucceeds(f, "overlaps 200,00 ha")
    }

    func testOverlappingCommunesAreRefused() throws {
        let f = try BadInputFixture(self)
        try f.writeCommunes([("99001", "Aval", try f.rect(0, 0, 1200, 1000)), ("99002", "Amont", try f.rect(1000, 0, 2000, 1000))])
        XCTAssertCheckFails(f, "communes.gpkg, features 1 and 2", "communes 99001 (Aval) and 99002 (Amont) overlap on 20,00 ha")
    }

    func testCodesThatAreNotINSEECodesAreRefused() throws {
        let f = try BadInputFixture(self)
        try f.writeCommunes([("1002", "Aval", try f.rect(0, 0, 1000, 1000)), ("99002", "Amont", try f.rect(1000, 0, 2000, 1000))])
        XCTAssertCheckFails(f, "communes.gpkg, layer communes, feature 1", "\"1002\" is not an INSEE commune code", "01002 becomes 1002")
        try f.writeCommunes([("99001", "Aval", try f.rect(0, 0, 1000, 1000)), ("99002", "Amont", try f.rect(1000, 0, 2000, 1000))])
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,9,Testdép,98,Testrégion\n99002,Amont,200000001,CC Test,9,Testdép,98,Testrégion\n")
        XCTAssertCheckFails(f, "commune 99001: département code \"9\" is not a valid code", "09 becomes 9")
        XCTAssertTrue(TerritoryCodes.isCommune("2A004") && TerritoryCodes.isCommune("2B033") && TerritoryCodes.isCommune("01002"))
        XCTAssertFalse(TerritoryCodes.isCommune("2C004") || TerritoryCodes.isCommune("1002") || TerritoryCodes.isCommune("010020"))
        XCTAssertTrue(TerritoryCodes.isDepartement("2A") && TerritoryCodes.isDepartement("974") && !TerritoryCodes.isDepartement("2"))
    }

    func testACommuneInNoEPCIIsInItsDepartementOnly() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n99002,Amont,NC,,99,Testdép,98,Testrégion\n")
        XCTAssertCheckSucceeds(f, "1 epci", "Communes in no EPCI: 1")
        let summary = try f.build()
        XCTAssertGreaterThan(summary.portraits, 0)
        let site = f.dir.appendingPathComponent("site")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("epci/NC").path), "no EPCI named NC")
        let pages = BuildState.files(under: site.path).filter { $0.hasPrefix("departement/") && $0.hasSuffix(".html") }
        XCTAssertFalse(pages.isEmpty)
        let dep = try pages.map { try read(site.appendingPathComponent($0)) }.joined()
        XCTAssertTrue(dep.contains("EPCI et communes hors EPCI du territoire (2)"), "the département lists its EPCI and its commune in none")
        // NULL, empty and INSEE's ZZZZZZZZZ mean the same.
        XCTAssertTrue(TerritoryCodes.meansNoEPCI("") && TerritoryCodes.meansNoEPCI("ZZZZZZZZZ") && TerritoryCodes.meansNoEPCI("nc"))
    }
}
