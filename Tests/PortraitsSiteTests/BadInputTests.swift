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

/// The catalogue of bad inputs (docs/bad-input.md): each case names the file, layer, feature or line,
/// and has a documented outcome.
final class BadInputTests: XCTestCase {
    func testTheFixtureIsValid() throws {
        let f = try BadInputFixture(self)
        XCTAssertCheckSucceeds(f, "Territories: 1 régions, 1 départements, 1 epci, 0 scot, 2 communes")
    }

    // MARK: project file

    func testMissingProjectFile() throws {
        let f = try BadInputFixture(self)
        try FileManager.default.removeItem(at: f.config)
        XCTAssertCheckFails(f, "portraits.yaml: cannot read the project file")
    }

    func testProjectFileThatIsNotYAML() throws {
        let f = try BadInputFixture(self)
        try "site: [unclosed\n  title: x".write(to: f.config, atomically: true, encoding: .utf8)
        XCTAssertCheckFails(f, "portraits.yaml", "not valid YAML")
    }

    func testAbsurdMillesimeAndPeriod() throws {
        let f = try BadInputFixture(self)
        try f.writeConfig(replace: [("2021: {couverture", "3021: {couverture")])
        XCTAssertCheckFails(f, "millésime 3021 is not a plausible year")
        try f.writeConfig(extra: "periods: [[2019, 2020]]")
        XCTAssertCheckFails(f, "periods[0] must be two millésimes of the land cover")
        try f.writeConfig(extra: "display_level: 7")
        XCTAssertCheckFails(f, "display_level 7 outside 1…4")
    }

    // MARK: files, layers, fields

    func testMissingFileLayerAndField() throws {
        let f = try BadInputFixture(self)
        try f.writeConfig(replace: [("file: ocs.gpkg", "file: absent.gpkg")])
        XCTAssertCheckFails(f, "absent.gpkg: cannot open as vector data")
        try f.writeConfig(replace: [("layer: ocs", "layer: ocsge")])
        XCTAssertCheckFails(f, "ocs.gpkg: no layer \"ocsge\" (layers: ocs)")
        try f.writeConfig(replace: [("2021: {couverture: CS_2021", "2021: {couverture: CODE_CS")])
        XCTAssertCheckFails(f, "ocs.gpkg, layer ocs: no field \"CODE_CS\"")
    }

    func testTruncatedGeoPackage() throws {
        let f = try BadInputFixture(self)
        let data = try Data(contentsOf: f.landCover)
        try data.prefix(3000).write(to: f.landCover)
        XCTAssertCheckFails(f, "ocs.gpkg")
    }

    func testShapefileWithoutIndexOrProjection() throws {
        let f = try BadInputFixture(self)
        let shp = f.dir.appendingPathComponent("ocs.shp")
        _ = try runTool("/usr/bin/ogr2ogr", ["-f", "ESRI Shapefile", shp.path, f.landCover.path, "ocs"])
        try f.writeConfig(replace: [("file: ocs.gpkg", "file: ocs.shp")])
        XCTAssertCheckSucceeds(f, "ocs.shp")
        // Without .prj: no CRS, and the message says how to give one.
        try FileManager.default.removeItem(at: f.dir.appendingPathComponent("ocs.prj"))
        XCTAssertCheckFails(f, "ocs.shp, layer ocs", "no coordinate reference system", "crs:")
        try f.writeConfig(replace: [("file: ocs.gpkg", "file: ocs.shp\n    crs: EPSG:2154")])
        XCTAssertCheckSucceeds(f)
        // Truncated .shp (the .shx promises more than there is).
        let bytes = try Data(contentsOf: shp)
        try bytes.prefix(bytes.count - 40).write(to: shp)
        XCTAssertCheckFails(f, "ocs.shp")
    }

    // MARK: geometries

    func testInvalidGeometryIsRepairedOrRejectedByName() throws {
        let f = try BadInputFixture(self)
        let bowtie = try f.ctx.polygon(PolygonRings(rings: [[Point(900_100, 6_800_100), Point(900_200, 6_800_200), Point(900_200, 6_800_100), Point(900_100, 6_800_200)]])).wkb
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], try f.rect(0, 0, 50, 50)), (["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], bowtie)])
        XCTAssertCheckSucceeds(f, "1 invalid geometries repaired (GEOS MakeValid)")
        try f.writeConfig(replace: [("land_cover:\n", "land_cover:\n  invalid_geometries: reject\n")])
        XCTAssertCheckFails(f, "ocs.gpkg, layer ocs, feature 2: invalid geometry: Self-intersection")
    }

    func testUnclosedRingIsClosed() throws {
        let f = try BadInputFixture(self)
        // WKB of a polygon whose ring is not closed (4 distinct points).
        var wkb: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0]
        for (x, y) in [(900_000.0, 6_800_000.0), (900_100.0, 6_800_000.0), (900_100.0, 6_800_100.0), (900_000.0, 6_800_100.0)] {
            withUnsafeBytes(of: x.bitPattern.littleEndian) { wkb += $0 }
            withUnsafeBytes(of: y.bitPattern.littleEndian) { wkb += $0 }
        }
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], wkb)])
        XCTAssertCheckSucceeds(f, "1,00\u{00A0}ha  Formations herbacées")
    }

    func testEmptyGeometryIsCountedAndIgnored() throws {
        let f = try BadInputFixture(self)
        let empty = try f.ctx.polygon(PolygonRings(rings: [])).wkb
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], try f.rect(0, 0, 100, 100)), (["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], empty)])
        XCTAssertCheckSucceeds(f, "1 features without geometry (ignored)")
    }

    // MARK: codes

    func testUnknownCodesAreListedOrCountedAsNonClasse() throws {
        let f = try BadInputFixture(self)
        try f.writeLandCover([(["CS9.9", "US1.1", "CS2.2.1", "US1.1"], try f.rect(0, 0, 100, 100)), (["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], try f.rect(100, 0, 200, 100))])
        XCTAssertCheckFails(f, "ocs.gpkg, layer ocs: field CS_2019: code \"CS9.9\" is not in the nomenclature (1 polygons, 1,00\u{00A0}ha)", "unknown_codes: non-classe")
        try f.writeConfig(replace: [("land_cover:\n", "land_cover:\n  unknown_codes: non-classe\n")])
        XCTAssertCheckSucceeds(f, "code \"CS9.9\" of field CS_2019 is not in the nomenclature: 1 polygons, 1,00\u{00A0}ha counted as non classé")
        let out = f.dir.appendingPathComponent("site")
        _ = try f.build(output: out)
        let page = try read(out.appendingPathComponent("commune/99001/2019-2021.html"))
        XCTAssertTrue(page.contains("portent un code absent de la nomenclature (« CS9.9 »)"), "reported on the page")
    }

    func testCodesInLowerCaseOrWithSpacesSayWhatTheyWouldBe() throws {
        let f = try BadInputFixture(self)
        try f.writeLandCover([(["cs2.2.1", "US1.1", "CS 1.1.1.1", "US5"], try f.rect(0, 0, 100, 100)), (["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], try f.rect(100, 0, 200, 100))])
        XCTAssertCheckFails(f, "field CS_2019: code \"cs2.2.1\" is not in the nomenclature (1 polygons, 1,00\u{00A0}ha); written \"CS2.2.1\" it would be",
                            "field CS_2021: code \"CS 1.1.1.1\" is not in the nomenclature (1 polygons, 1,00\u{00A0}ha); written \"CS1.1.1.1\" it would be")
    }

    // MARK: territories and membership

    func testDuplicateCommuneCodesInTheLayer() throws {
        let f = try BadInputFixture(self)
        try f.writeCommunes([("99001", "Aval", try f.rect(0, 0, 1000, 1000)), ("99001", "Bis", try f.rect(1000, 0, 2000, 1000))])
        XCTAssertCheckFails(f, "communes.gpkg, layer communes, feature 2: commune 99001 already read from feature 1")
    }

    func testMembershipAndLayerDisagree() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n99003,Ailleurs,200000001,CC Test,99,Testdép,98,Testrégion\n")
        XCTAssertCheckFails(f, "membership.csv: commune 99003 is in the membership table but not in the communes layer",
                            "membership.csv: commune 99002 (Amont) of the communes layer is not in the membership table")
    }

    func testCommuneInTwoEPCIOrTwoSCoT() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n99002,Amont,200000001,CC Test,99,Testdép,98,Testrégion\n99001,Aval,200000002,CC Autre,99,Testdép,98,Testrégion\n")
        XCTAssertCheckFails(f, "membership.csv, line 4: commune 99001 is listed twice")
        let f2 = try BadInputFixture(self)
        try "insee_com,id_scot,nom_scot\n99001,S1,SCoT Un\n99001,S2,SCoT Deux\n".write(to: f2.dir.appendingPathComponent("scot.csv"), atomically: true, encoding: .utf8)
        try f2.writeConfig(extra: "scot:\n  file: scot.csv")
        XCTAssertCheckFails(f2, "scot.csv, line 3: commune 99001 is in two SCoT (S1 and S2)")
    }

    func testMembershipTableNotUTF8() throws {
        let f = try BadInputFixture(self)
        let latin1 = "insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n".data(using: .isoLatin1)!
        try latin1.write(to: f.membership)
        XCTAssertCheckFails(f, "membership.csv: the file is not UTF-8 text")
    }

    func testNamesWithTheSameCodeDiffer() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,CC Test,99,Testdép,98,Testrégion\n99002,Amont,200000001,CC Tset,99,Testdép,98,Testrégion\n")
        XCTAssertCheckFails(f, "EPCI 200000001 is named \"CC Tset\" here and \"CC Test\" elsewhere")
    }

    // MARK: coverage

    func testCommuneWithoutLandCoverStillGetsAPortrait() throws {
        let f = try BadInputFixture(self)
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], try f.rect(0, 0, 1000, 1000))])
        XCTAssertCheckSucceeds(f, "1 communes partly covered")
        let out = f.dir.appendingPathComponent("site")
        _ = try f.build(output: out)
        let page = try read(out.appendingPathComponent("commune/99002/2019-2021.html"))
        XCTAssertTrue(page.contains("ne couvre que 0,0\u{00A0}%"), "an empty territory says so")
        XCTAssertFalse(page.lowercased().contains("nan"))
    }

    // MARK: hostile content

    func testHostileNamesAndTitlesAreEscaped() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,200000001,\"<script>alert('epci')</script>\",99,Testdép,98,Testrégion\n99002,Amont,200000001,\"<script>alert('epci')</script>\",99,Testdép,98,Testrégion\n")
        try f.writeCommunes([("99001", "<img src=x onerror=alert(1)>", try f.rect(0, 0, 1000, 1000)), ("99002", "Amont & \"Aval\"", try f.rect(1000, 0, 2000, 1000))])
        try f.writeConfig(replace: [("title: Test", "title: \"<b>Portail</b>\"")])
        let out = f.dir.appendingPathComponent("site")
        _ = try f.build(output: out)
        for path in ["commune/99001/2019-2021.html", "epci/200000001/2019-2021.html", "index.html", "commune/index.html"] {
            let html = try read(out.appendingPathComponent(path))
            XCTAssertFalse(html.contains("<script>alert"), path)
            XCTAssertFalse(html.contains("<img src=x"), path)
            XCTAssertFalse(html.contains("<b>Portail</b>"), path)
        }
        let page = try read(out.appendingPathComponent("epci/200000001/2019-2021.html"))
        XCTAssertTrue(page.contains("&lt;script&gt;"), "shown as text")
        XCTAssertTrue(page.contains("Amont &amp; &quot;Aval&quot;"))
    }

    func testCodesThatWouldEscapeTheOutputAreRefused() throws {
        let f = try BadInputFixture(self)
        try f.writeMembership("insee_com,nom_com,siren_epci,nom_epci,insee_dep,nom_dep,insee_reg,nom_reg\n99001,Aval,../../etc,CC Test,99,Testdép,98,Testrégion\n99002,Amont,200000001,CC Test,99,Testdép,98,Testrégion\n")
        XCTAssertCheckFails(f, "commune 99001: EPCI code \"../../etc\" is not a valid code")
    }
}
