import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo
@testable import PortraitsProject
@testable import PortraitsSite

/// Land cover as IGN delivers it: one GeoPackage per département and millésime, deep in folders
/// named after both, with IGN's field names (`CODE_CS`, `CODE_US`, `MILLESIME`), read through a
/// glob with the millésime taken from the files.
final class DeliveryFilesTests: XCTestCase {
    /// Two communes of 100 ha (99001 west, 99002 east), each delivered by its own "département"
    /// file; the strip x 900–1100 m astride their border is in both files, alike.
    struct Deliveries {
        let dir: URL
        let ctx = GEOSContext()

        init(_ test: XCTestCase) throws {
            dir = try temporaryFolder(test)
            let cw = try VectorWriter(path: dir.appendingPathComponent("communes.gpkg").path, layer: "communes", fields: [("insee_com", .string), ("nom_com", .string)])
            try cw.add(["99001", "Aval"], wkb: try rect(0, 0, 1000, 1000))
            try cw.add(["99002", "Amont"], wkb: try rect(1000, 0, 2000, 1000))
            try cw.close()
            try "insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n99002,Amont,200000001,CC Test,99,Testdép,98,Testrégion\n"
                .write(to: dir.appendingPathComponent("membership.csv"), atomically: true, encoding: .utf8)
        }

        func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) throws -> [UInt8] {
            try ctx.polygon(PolygonRings(rings: [[Point(900_000 + a, 6_800_000 + b), Point(900_000 + c, 6_800_000 + b), Point(900_000 + c, 6_800_000 + d), Point(900_000 + a, 6_800_000 + d)]])).wkb
        }

        /// IGN's path for a département and a year.
        func path(_ dep: String, _ year: Int) -> URL {
            dir.appendingPathComponent("ocsge/OCS-GE_2-0__GPKG_LAMB93_D0\(dep)_\(year)-01-01/OCS-GE/1_DONNEES_LIVRAISON_2023-11-00213/OCSGE_2-0_GPKG_LAMB93_D0\(dep)-\(year)/OCCUPATION_SOL.gpkg")
        }

        /// One file: rows of (CODE_CS, CODE_US, MILLESIME, geometry).
        func write(_ dep: String, _ year: Int, _ rows: [(String, String, String, [UInt8])]) throws {
            let url = path(dep, year)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: url)
            let w = try VectorWriter(path: url.path, layer: "occupation_sol", fields: ["ID", "CODE_CS", "CODE_US", "MILLESIME", "SOURCE", "OSSATURE"].map { ($0, .string) })
            for (i, r) in rows.enumerated() { try w.add(["OCSGE\(dep)\(year)\(i)", r.0, r.1, r.2, "BD TOPO", "0"], wkb: r.3) }
            try w.close()
        }

        /// The standard delivery: 2019 and 2021 for both files; in 2021 the south half of the west
        /// commune is built.
        func writeAll() throws {
            for year in [2019, 2021] {
                let y = "\(year)"
                let south: (String, String) = year == 2019 ? ("CS2.2.1", "US1.1") : ("CS1.1.1.1", "US5")
                try write("67", year, [(south.0, south.1, y, try rect(0, 0, 900, 500)), ("CS2.1.1.1", "US1.2", y, try rect(0, 500, 900, 1000)),
                                       ("CS2.2.1", "US1.1", y, try rect(900, 0, 1100, 1000))])
                try write("68", year, [("CS2.2.1", "US1.1", y, try rect(1100, 0, 2000, 1000)),
                                       // the strip, written from another vertex
                                       ("CS2.2.1", "US1.1", y, try ctx.polygon(PolygonRings(rings: [[Point(901_100, 6_801_000), Point(900_900, 6_801_000), Point(900_900, 6_800_000), Point(901_100, 6_800_000)]])).wkb)])
            }
        }

        var config: URL { dir.appendingPathComponent("portraits.yaml") }

        func writeConfig(landCover: String) throws {
            try fixtureProject(landCover: landCover).write(to: config, atomically: true, encoding: .utf8)
        }

        static let glob = """
        layers:
          - files: "ocsge/OCS-GE_2-0__GPKG_LAMB93_D0*/**/OCCUPATION_SOL.gpkg"
            millesime_field: MILLESIME
            layer: occupation_sol
            fields: {couverture: CODE_CS, usage: CODE_US}
        """

        func load() throws -> Project {
            try ProjectLoader.load(config: try ProjectConfig.load(path: config.path), reporter: StageReporter(BuildStage.check, quiet: true))
        }

        func check() -> String {
            do { return try ProjectCheck.run(configPath: config.path) } catch { return "FAILED: \(error)" }
        }
    }

    func testAGlobOfIGNFilesWithTheirMillesimeFieldIsReadAsOneLayer() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        try d.writeConfig(landCover: Deliveries.glob)
        let config = try ProjectConfig.load(path: d.config.path)
        XCTAssertEqual(config.landCover.millesimes, [2019, 2021])
        XCTAssertEqual(config.landCover.sources.map { $0.layers.map(\.path) }, [[d.path("67", 2019).path, d.path("68", 2019).path], [d.path("67", 2021).path, d.path("68", 2021).path]])
        XCTAssertEqual(config.periods, [Period(2019, 2021)])

        let project = try d.load()
        let facts = project.tabulation.communeFacts
        let n = project.nomenclature
        func stock(_ c: Int, _ m: Int) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: Stock.byClass(facts[c], millesime: m, nomenclature: n, level: 4).filter { $0.area > 0 }.map { ($0.code, ($0.area / 10_000 * 1e6).rounded() / 1e6) })
        }
        // By hand from the rectangles: the strip counted once, half in each commune.
        XCTAssertEqual(stock(0, 0), ["CS2.2.1": 55, "CS2.1.1.1": 45])
        XCTAssertEqual(stock(0, 1), ["CS1.1.1.1": 45, "CS2.2.1": 10, "CS2.1.1.1": 45])
        XCTAssertEqual(stock(1, 0), ["CS2.2.1": 100])
        for c in 0..<2 { for m in 0..<2 { XCTAssertEqual(facts[c].overlap(m), 0, accuracy: 1e-6, "no area counted twice") } }
        XCTAssertEqual(project.tabulation.sources.count, 4, "one report per file")
        XCTAssertEqual(project.tabulation.sources.map(\.duplicates), [0, 1, 0, 1])

        let report = plainSpaces(d.check())
        XCTAssertTrue(report.contains("1 polygons (20,00 ha) also in \(d.path("67", 2019).path), layer occupation_sol, with the same codes: read once"), report)
        XCTAssertTrue(report.contains("Millésimes: 2019, 2021"), report)

        // A site builds from it, and the cache sees a file edited behind the glob.
        let out = d.dir.appendingPathComponent("site")
        _ = try SiteBuilder.build(configPath: d.config.path, output: out.path, quiet: true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("commune/99001/2019-2021.html").path))
        let before = try BuildKeys.facts(ProjectConfig.load(path: d.config.path), state: BuildState(folder: d.dir.appendingPathComponent("state").path))
        try d.write("68", 2021, [("CS2.2.1", "US1.1", "2021", try d.rect(1000, 0, 2000, 1000))])
        let after = try BuildKeys.facts(ProjectConfig.load(path: d.config.path), state: BuildState(folder: d.dir.appendingPathComponent("state2").path))
        XCTAssertNotEqual(before, after)
    }

    /// `serve` sees a new delivery that the project's glob matches.
    func testServeSeesANewFileThatTheGlobMatches() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        for year in [2019, 2021] {
            try FileManager.default.removeItem(at: d.path("68", year).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent())
        }
        try d.writeConfig(landCover: Deliveries.glob)
        let live = LiveSite(configPath: d.config.path, quiet: true)
        _ = try live.buildAll()
        XCTAssertNil(live.pendingChange())
        try d.write("68", 2021, [("CS2.2.1", "US1.1", "2021", try d.rect(1100, 0, 2000, 1000))])
        guard case .inputs(let files)? = live.pendingChange() else { return XCTFail("the new file is not seen") }
        XCTAssertEqual(files, [d.path("68", 2021).path])
    }

    func testTheSamePolygonWithOtherCodesInTwoFilesIsAnError() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        try d.write("68", 2021, [("CS2.2.1", "US1.1", "2021", try d.rect(1100, 0, 2000, 1000)), ("CS2.1.1.1", "US1.2", "2021", try d.rect(900, 0, 1100, 1000))])
        try d.writeConfig(landCover: Deliveries.glob)
        let message = d.check()
        XCTAssertTrue(message.contains("\(d.path("68", 2021).path), layer occupation_sol, feature 2: the same polygon as \(d.path("67", 2021).path), layer occupation_sol, feature 3, with other codes"), message)
    }

    func testAnUnknownCodeOnAPolygonReadTwiceIsCountedOnce() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        let strip = try d.rect(900, 0, 1100, 1000)
        try d.write("67", 2019, [("CS2.2.1", "US1.1", "2019", try d.rect(0, 0, 900, 1000)), ("CS9.9", "US1.1", "2019", strip)])
        try d.write("68", 2019, [("CS2.2.1", "US1.1", "2019", try d.rect(1100, 0, 2000, 1000)), ("CS9.9", "US1.1", "2019", strip)])
        try d.writeConfig(landCover: Deliveries.glob + "\nunknown_codes: non-classe")
        let report = plainSpaces(d.check())
        XCTAssertTrue(report.contains("code \"CS9.9\" of field CODE_CS is not in the nomenclature: 1 polygons, 20,00 ha counted as non classé"), report)
        XCTAssertEqual(report.components(separatedBy: "CS9.9").count - 1, 1, "in the first file's report only:\n\(report)")
    }

    func testFilesGivenOneByOneWithTheirYear() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        let rel = { (dep: String, y: Int) in String(d.path(dep, y).path.dropFirst(d.dir.path.count + 1)) }
        try d.writeConfig(landCover: """
        layers:
          - millesime: 2019
            files: [\(rel("67", 2019)), \(rel("68", 2019))]
            layer: occupation_sol
            fields: {couverture: CODE_CS, usage: CODE_US}
          - millesime: 2021
            file: \(rel("67", 2021))
            layer: occupation_sol
            fields: {couverture: CODE_CS, usage: CODE_US}
          - millesime: 2021
            file: \(rel("68", 2021))
            layer: occupation_sol
            fields: {couverture: CODE_CS, usage: CODE_US}
        """)
        let config = try ProjectConfig.load(path: d.config.path)
        XCTAssertEqual(config.landCover.sources.map(\.layers.count), [2, 2], "two entries of one millésime are one source")
        let project = try d.load()
        XCTAssertEqual(project.tabulation.communeFacts[1].covered[1] / 10_000, 100, accuracy: 1e-6)
    }

    func testBadDeliveriesAreNamed() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        // A glob that matches nothing.
        try d.writeConfig(landCover: Deliveries.glob.replacingOccurrences(of: "D0*", with: "D1*"))
        XCTAssertThrowsError(try ProjectConfig.load(path: d.config.path)) { e in
            XCTAssertTrue("\(e)".contains("land_cover.layers[0].files: no file matches \"ocsge/OCS-GE_2-0__GPKG_LAMB93_D1*/**/OCCUPATION_SOL.gpkg\""), "\(e)")
        }
        // A file whose MILLESIME holds two years.
        try d.write("68", 2021, [("CS2.2.1", "US1.1", "2021", try d.rect(1100, 0, 2000, 1000)), ("CS2.2.1", "US1.1", "2022", try d.rect(900, 0, 1100, 1000))])
        try d.writeConfig(landCover: Deliveries.glob)
        XCTAssertThrowsError(try ProjectConfig.load(path: d.config.path)) { e in
            XCTAssertTrue("\(e)".contains("\(d.path("68", 2021).path), layer occupation_sol: field MILLESIME holds several millésimes (2021, 2022)"), "\(e)")
        }
        // A file where MILLESIME is empty.
        try d.write("68", 2021, [("CS2.2.1", "US1.1", "", try d.rect(1100, 0, 2000, 1000))])
        XCTAssertThrowsError(try ProjectConfig.load(path: d.config.path)) { e in
            XCTAssertTrue("\(e)".contains("some features have no value in field MILLESIME"), "\(e)")
        }
        // Both ways of giving the millésime, or the same file twice.
        try d.writeAll()
        try d.writeConfig(landCover: Deliveries.glob.replacingOccurrences(of: "millesime_field: MILLESIME", with: "millesime_field: MILLESIME\n    millesime: 2021"))
        XCTAssertThrowsError(try ProjectConfig.load(path: d.config.path)) { e in XCTAssertTrue("\(e)".contains("not both"), "\(e)") }
        try d.writeConfig(landCover: Deliveries.glob.replacingOccurrences(of: "files: \"ocsge/OCS-GE_2-0__GPKG_LAMB93_D0*/**/OCCUPATION_SOL.gpkg\"",
                                                                          with: "files: [\"ocsge/*/**/OCCUPATION_SOL.gpkg\", \"ocsge/OCS-GE_2-0__GPKG_LAMB93_D067_2019-01-01/**/*.gpkg\"]"))
        XCTAssertEqual(try ProjectConfig.load(path: d.config.path).landCover.layers.count, 4, "a file two globs match is read once")
    }

    func testCurvesZAndCollectionsAreLinearisedFlattenedAndReduced() throws {
        // A CSV with a WKT column: any OGR source, its CRS given in the project file.
        let d = try Deliveries(self)
        let csv = """
        WKT,CS,US
        "CURVEPOLYGON(COMPOUNDCURVE((900000 6800000,901000 6800000,901000 6800500),CIRCULARSTRING(901000 6800500,900500 6801000,900000 6800500),(900000 6800500,900000 6800000)))",CS2.2.1,US1.1
        "POLYGON Z((901000 6800000 10,902000 6800000 10,902000 6800500 12,901000 6800500 12,901000 6800000 10))",CS2.1.1.1,US1.2
        "GEOMETRYCOLLECTION(POLYGON((901000 6800500,902000 6800500,902000 6801000,901000 6801000,901000 6800500)),LINESTRING(901000 6800500,902000 6801000))",CS1.1.1.1,US5
        "MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(900400 6800900,900500 6800800,900600 6800900,900500 6801000,900400 6800900)))",CS2.1.1.1,US1.2

        """
        try csv.write(to: d.dir.appendingPathComponent("ocs.csv"), atomically: true, encoding: .utf8)
        try d.writeConfig(landCover: """
        layers:
          - millesime: 2021
            file: ocs.csv
            crs: EPSG:2154
            fields: {couverture: CS, usage: US}
        """)
        let report = plainSpaces(d.check())
        XCTAssertTrue(report.contains("2 geometries with curves (arcs) linearised"), report)
        XCTAssertTrue(report.contains("1 geometries with Z or M coordinates flattened to 2D"), report)
        XCTAssertTrue(report.contains("1 geometry collections reduced to their polygons"), report)
        let facts = try d.load().tabulation.communeFacts
        let n = try d.load().nomenclature
        let east = Dictionary(uniqueKeysWithValues: Stock.byClass(facts[1], millesime: 0, nomenclature: n, level: 4).filter { $0.area > 0 }.map { ($0.code, $0.area / 10_000) })
        XCTAssertEqual(east["CS2.1.1.1"] ?? 0, 50, accuracy: 1e-6)
        XCTAssertEqual(east["CS1.1.1.1"] ?? 0, 50, accuracy: 1e-6)
        // The west commune: a half-disc of radius 500 m on a 1000 × 500 m rectangle, linearised
        // (within 0.5 % of π r² / 2), and a small disc of radius 100 m over it (an overlap, reported).
        let west = Stock.byClass(facts[0], millesime: 0, nomenclature: n, level: 4).reduce(0) { $0 + $1.area } / 10_000
        XCTAssertEqual(west, 50 + Double.pi * 25 / 2 + Double.pi, accuracy: 0.005 * (50 + Double.pi * 12.5))
    }

    /// ADMIN EXPRESS as IGN delivers it (Shapefiles with their `.cpg`, IGN's field names): the
    /// COMMUNE layer, names joined from EPCI, DEPARTEMENT and REGION, `NC` for no EPCI.
    func testAdminExpressCommunesWithNamesJoinedFromTheirLayers() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        let folder = d.dir.appendingPathComponent("ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22/ADMIN-EXPRESS-COG/1_DONNEES_LIVRAISON_2024-02-00045/ADECOG_3-2_SHP_LAMB93_FXX-ED2024-02-22")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func shapefile(_ name: String, _ fields: [String], _ rows: [[String]]) throws {
            let w = try VectorWriter(path: folder.appendingPathComponent("\(name).shp").path, driver: "ESRI Shapefile", layer: name,
                                     fields: fields.map { ($0, .string) }, options: ["ENCODING=UTF-8"])
            for r in rows { try w.add(r, wkb: try d.rect(0, 0, 2000, 1000)) }
            try w.close()
        }
        let c = try VectorWriter(path: folder.appendingPathComponent("COMMUNE.shp").path, driver: "ESRI Shapefile", layer: "COMMUNE",
                                 fields: ["ID", "NOM", "INSEE_COM", "INSEE_DEP", "INSEE_REG", "SIREN_EPCI"].map { ($0, .string) }, options: ["ENCODING=UTF-8"])
        try c.add(["COMMUNE_1", "Aval-sur-Bièvre", "99001", "99", "98", "200000001"], wkb: try d.rect(0, 0, 1000, 1000))
        try c.add(["COMMUNE_2", "Amont", "99002", "99", "98", "NC"], wkb: try d.rect(1000, 0, 2000, 1000))
        try c.close()
        try shapefile("EPCI", ["ID", "CODE_SIREN", "NOM", "NATURE"], [["EPCI_1", "200000001", "CC du Val d’Élan", "Communauté de communes"]])
        try shapefile("DEPARTEMENT", ["ID", "NOM", "INSEE_DEP", "INSEE_REG"], [["DEP_1", "Testdép", "99", "98"]])
        try shapefile("REGION", ["ID", "NOM", "INSEE_REG"], [["REG_1", "Testrégion", "98"]])
        let ae = String(folder.path.dropFirst(d.dir.path.count + 1))
        try d.writeConfig(landCover: Deliveries.glob)
        var text = try String(contentsOf: d.config, encoding: .utf8)
        text = text.replacingOccurrences(of: "communes:\n  file: communes.gpkg\n  layer: communes\nmembership:\n  file: membership.csv\n", with: """
        communes:
          file: \(ae)/COMMUNE.shp
          code: INSEE_COM
          name: NOM
        membership:
          epci: {code: SIREN_EPCI, names: {file: \(ae)/EPCI.shp, code: CODE_SIREN, name: NOM}}
          departement: {code: INSEE_DEP, names: {file: \(ae)/DEPARTEMENT.shp, code: INSEE_DEP, name: NOM}}
          region: {code: INSEE_REG, names: {file: \(ae)/REGION.shp, code: INSEE_REG, name: NOM}}

        """)
        try text.write(to: d.config, atomically: true, encoding: .utf8)
        let project = try d.load()
        let cat = project.catalog
        XCTAssertEqual(cat.communes.map(\.name), ["Aval-sur-Bièvre", "Amont"])
        XCTAssertEqual(cat.communes.map { $0.epci?.name }, ["CC du Val d’Élan", nil], "NC: in no EPCI")
        XCTAssertEqual(cat.communes.map(\.departement.name), ["Testdép", "Testdép"])
        XCTAssertEqual(cat.communes.map(\.region.name), ["Testrégion", "Testrégion"])
        XCTAssertTrue(d.check().contains("Communes in no EPCI: 1"))

        // A code the names layer lacks is named.
        try shapefile("EPCI", ["ID", "CODE_SIREN", "NOM", "NATURE"], [["EPCI_1", "200000002", "CC Autre", "Communauté de communes"]])
        XCTAssertThrowsError(try d.load()) { e in
            XCTAssertTrue("\(e)".contains("commune 99001: code 200000001 (field SIREN_EPCI) is not in \(folder.path)/EPCI.shp, field CODE_SIREN, which gives the names"), "\(e)")
        }
    }

    /// A Shapefile in Latin-1 that does not say so (no `.cpg`, no code page in its header): an error
    /// naming the field and the feature, until the project file gives its `encoding`.
    func testShapefileWithoutItsEncodingIsNamedThenReadWithTheEncodingGiven() throws {
        let d = try Deliveries(self)
        try d.writeAll()
        let shp = d.dir.appendingPathComponent("communes.shp")
        let w = try VectorWriter(path: shp.path, driver: "ESRI Shapefile", layer: "communes", fields: [("insee_com", .string), ("nom_com", .string)],
                                 options: ["ENCODING=ISO-8859-1"])
        try w.add(["99001", "Aval-sur-Bièvre"], wkb: try d.rect(0, 0, 1000, 1000))
        try w.add(["99002", "Amont"], wkb: try d.rect(1000, 0, 2000, 1000))
        try w.close()
        try? FileManager.default.removeItem(at: d.dir.appendingPathComponent("communes.cpg"))
        let dbf = d.dir.appendingPathComponent("communes.dbf")
        var bytes = try Data(contentsOf: dbf)
        bytes[29] = 0   // the language driver id: none
        try bytes.write(to: dbf)
        try d.writeConfig(landCover: Deliveries.glob)
        var text = try String(contentsOf: d.config, encoding: .utf8).replacingOccurrences(of: "file: communes.gpkg\n  layer: communes", with: "file: communes.shp")
        try text.write(to: d.config, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try d.load()) { e in
            XCTAssertTrue("\(e)".contains("communes.shp, layer communes, feature 0: field nom_com is not UTF-8 text"), "\(e)")
            XCTAssertTrue("\(e)".contains("set `encoding:` for it"), "\(e)")
        }
        text = text.replacingOccurrences(of: "file: communes.shp", with: "file: communes.shp\n  encoding: ISO-8859-1")
        try text.write(to: d.config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try d.load().catalog.communes.map(\.name), ["Aval-sur-Bièvre", "Amont"])
    }
}
