import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo

/// The overlay on hand-made layers written through GDAL, with areas known exactly.
final class TabulatorTests: XCTestCase {
    var dir: URL!
    let ctx = GEOSContext()
    // Lambert-93-like origin.
    let x0 = 900_000.0, y0 = 6_800_000.0

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) throws -> [UInt8] {
        try ctx.polygon(PolygonRings(rings: [[Point(x0 + a, y0 + b), Point(x0 + c, y0 + b), Point(x0 + c, y0 + d), Point(x0 + a, y0 + d)]])).wkb
    }

    var nomenclature: Nomenclature {
        let red = RGBColor(hex: "#ff0000")!
        let classes = ["CS1.1.1.1", "CS1.1.1.2", "CS2.2.1"].map { NomenclatureClass(code: $0, parent: nil, level: 1, label: $0, shortLabel: $0, color: red) }
        return Nomenclature(name: "test", dimensions: [try! NomenclatureDimension(id: "couverture", name: "C", levelNames: ["N1"], classes: classes, source: "t")])
    }

    func writeCommunes() throws -> [CommuneShape] {
        let path = dir.appendingPathComponent("communes.gpkg").path
        let w = try VectorWriter(path: path, layer: "communes", fields: [("insee_com", .string), ("nom_com", .string)])
        try w.add(["00001", "A"], wkb: try rect(0, 0, 100, 100))
        try w.add(["00002", "B"], wkb: try rect(100, 0, 200, 100))
        try w.close()
        return try CommuneShapes.read(LayerRef(path: path, layer: "communes"), codeField: "insee_com", nameField: "nom_com", extraFields: [])
    }

    func writeLandCover(_ name: String, fields: [String], _ rows: [([String], [UInt8])]) throws -> String {
        let path = dir.appendingPathComponent(name).path
        let w = try VectorWriter(path: path, layer: "ocs", fields: fields.map { ($0, .string) })
        for (values, wkb) in rows { try w.add(values, wkb: wkb) }
        try w.close()
        return path
    }

    func testMultiDateOverlaySplitsPolygonsAtCommuneBoundaries() throws {
        let communes = try writeCommunes()
        let path = try writeLandCover("ocs.gpkg", fields: ["CS_2019", "CS_2021"], [
            (["CS1.1.1.1", "CS1.1.1.2"], try rect(50, 0, 150, 50)),   // crosses A|B: 2 500 m² each
            (["CS2.2.1", "CS2.2.1"], try rect(10, 60, 20, 70)),       // inside A: 100 m²
            (["CS2.2.1", "CS1.1.1.1"], try rect(190, 90, 210, 110)),  // 100 m² in B, 300 m² outside
        ])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: path), fields: [2019: ["couverture": "CS_2019"], 2021: ["couverture": "CS_2021"]])])
        let t = try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [Period(2019, 2021)], threads: 2)
        let a = t.communeFacts[0], b = t.communeFacts[1]
        XCTAssertEqual(a.area, 10_000, accuracy: 1e-6)
        XCTAssertEqual(a.stock[0][ClassKey(0)]!, 2_500, accuracy: 1e-6)
        XCTAssertEqual(a.stock[0][ClassKey(2)]!, 100, accuracy: 1e-6)
        XCTAssertEqual(a.stock[1][ClassKey(1)]!, 2_500, accuracy: 1e-6)
        XCTAssertEqual(b.stock[0][ClassKey(0)]!, 2_500, accuracy: 1e-6)
        XCTAssertEqual(b.stock[0][ClassKey(2)]!, 100, accuracy: 1e-6)
        XCTAssertEqual(b.stock[1][ClassKey(0)]!, 100, accuracy: 1e-6)
        XCTAssertEqual(a.transitions[0][Transition(ClassKey(0), ClassKey(1))]!, 2_500, accuracy: 1e-6)
        XCTAssertEqual(b.transitions[0][Transition(ClassKey(2), ClassKey(0))]!, 100, accuracy: 1e-6)
        XCTAssertEqual(a.covered[0], 2_600, accuracy: 1e-6)
        XCTAssertEqual(b.covered[1], 2_600, accuracy: 1e-6)
        XCTAssertEqual(t.sources[0].outsideCommunes, 300, accuracy: 1e-6)
        XCTAssertEqual(t.sources[0].featureCount, 3)
        // Pieces for maps: the crossing polygon is drawn once in each commune.
        XCTAssertEqual(t.pieces[0].count, 2)
        XCTAssertEqual(t.pieces[1].count, 2)
        // Change maps: a piece that changed class carries its change (no rules here: « autre »),
        // one that kept its class carries none.
        let changedA = t.pieces[0].filter { $0.changes[0] != nil }
        XCTAssertEqual(changedA.count, 1)
        XCTAssertEqual(changedA[0].changes[0]?.kind(atLevel: nomenclature.primary.depth), .autre)
        // The facts count the same change, on the same area.
        XCTAssertEqual(t.communeFacts[0].changes[0][changedA[0].changes[0]!]!, 2_500, accuracy: 1e-6)
        XCTAssertEqual(changedA[0].polygon.area, 2_500, accuracy: 1e-6)
        XCTAssertEqual(t.pieces[1].filter { $0.changes[0] != nil }.reduce(0) { $0 + $1.polygon.area }, 2_600, accuracy: 1e-6)
    }

    /// The benchmark's floor reads the same layer through GDAL's Arrow stream and finds the same areas.
    func testFloorFindsTheTabulationsAreas() throws {
        let communes = try writeCommunes()
        let path = try writeLandCover("ocs.gpkg", fields: ["CS_2019", "CS_2021", "OTHER"], [
            (["CS1.1.1.1", "CS1.1.1.2", "x"], try rect(50, 0, 150, 50)),   // crosses A|B
            (["CS2.2.1", "CS2.2.1", "y"], try rect(10, 60, 20, 70)),       // inside A
            (["CS2.2.1", "CS1.1.1.1", "z"], try rect(190, 90, 210, 110)),  // 100 m² in B, 300 m² outside
        ])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: path, layer: "ocs"), fields: [2019: ["couverture": "CS_2019"], 2021: ["couverture": "CS_2021"]])])
        let t = try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [Period(2019, 2021)], threads: 2)
        let floor = try TabulationFloor.run(communes: communes, landCover: spec, periods: [Period(2019, 2021)], threads: 2)
        XCTAssertEqual(floor.polygons, 3)
        XCTAssertEqual(floor.whole, 1)
        XCTAssertEqual(floor.intersected, 2)
        XCTAssertEqual(floor.intersections, 3)
        let stock = t.communeFacts.reduce(0) { $0 + $1.stock[0].values.reduce(0, +) }
        XCTAssertEqual(floor.area, stock, accuracy: 1e-6)
        XCTAssertEqual(floor.area, 5_200, accuracy: 1e-6)
        XCTAssertEqual(floor.communesArea, 20_000, accuracy: 1e-6)
        // Two classes in each commune at each millésime.
        XCTAssertEqual(floor.stockCells, 8)
        XCTAssertEqual(floor.transitionCells, t.communeFacts.reduce(0) { $0 + $1.transitions[0].count })
        XCTAssertThrowsError(try ArrowLayerStream(try VectorDataset(path: path).layer("ocs"), fields: ["CS_2019", "MISSING"])) { error in
            XCTAssertTrue("\(error)".contains("MISSING"), "\(error)")
        }
        // A field is found whatever the case of its name, as OGR finds it.
        var codes: [String] = []
        try ArrowLayerStream(try VectorDataset(path: path).layer("ocs"), fields: ["cs_2021"]).forEachBatch { batch in
            for row in 0..<batch.count { codes.append(String(decoding: batch.bytes(field: 0, row: row)!, as: UTF8.self)) }
        }
        XCTAssertEqual(codes, ["CS1.1.1.2", "CS2.2.1", "CS1.1.1.1"])
    }

    func testSeparateLayersPerMillesimeAreIntersectedForTransitions() throws {
        let communes = try writeCommunes()
        let l2019 = try writeLandCover("a.gpkg", fields: ["CODE_CS"], [(["CS2.2.1"], try rect(0, 0, 200, 100))])
        let l2021 = try writeLandCover("b.gpkg", fields: ["CODE_CS"], [
            (["CS1.1.1.1"], try rect(80, 0, 120, 100)),   // 2 000 m² in each commune
            (["CS2.2.1"], try rect(0, 0, 80, 100)),
            (["CS2.2.1"], try rect(120, 0, 200, 100)),
        ])
        let spec = LandCoverSpec(sources: [
            .init(layer: LayerRef(path: l2019), fields: [2019: ["couverture": "CODE_CS"]]),
            .init(layer: LayerRef(path: l2021), fields: [2021: ["couverture": "CODE_CS"]]),
        ])
        let t = try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [Period(2019, 2021)], threads: 1)
        for f in t.communeFacts {
            XCTAssertEqual(f.changes[0].values.reduce(0, +), 2_000, accuracy: 1e-6, "the changed part of the intersection")
            XCTAssertEqual(f.transitions[0][Transition(ClassKey(2), ClassKey(0))]!, 2_000, accuracy: 1e-6)
            XCTAssertEqual(f.transitions[0][Transition(ClassKey(2), ClassKey(2))]!, 8_000, accuracy: 1e-6)
            XCTAssertEqual(f.covered[0], 10_000, accuracy: 1e-6)
            XCTAssertEqual(f.covered[1], 10_000, accuracy: 1e-6)
        }
        // The changed part of the intersection of the two layers is a map piece of its own, with no
        // class and its change; the pieces of each layer carry no change (they describe one date).
        for pieces in t.pieces {
            let changed = pieces.filter { $0.changes[0] != nil }
            XCTAssertEqual(changed.reduce(0) { $0 + $1.polygon.area }, 2_000, accuracy: 1e-6)
            XCTAssertTrue(changed.allSatisfy { $0.classes == [-1, -1] && $0.changes[0]?.kind(atLevel: nomenclature.primary.depth) == .autre })
        }
    }

    func testInvalidGeometryIsRepairedAndReported() throws {
        let communes = try writeCommunes()
        // A bow-tie: two triangles of 25 m² each once repaired.
        let bowtie = try ctx.geometry(wkb: try ctx.polygon(PolygonRings(rings: [[Point(x0 + 10, y0 + 10), Point(x0 + 20, y0 + 20), Point(x0 + 20, y0 + 10), Point(x0 + 10, y0 + 20)]])).wkb)
        XCTAssertFalse(bowtie.isValid)
        let path = try writeLandCover("bad.gpkg", fields: ["CS"], [(["CS2.2.1"], bowtie.wkb)])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: path), fields: [2021: ["couverture": "CS"]])])
        let t = try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [], threads: 1)
        XCTAssertEqual(t.sources[0].repaired, 1)
        XCTAssertEqual(t.communeFacts[0].stock[0][ClassKey(2)]!, 50, accuracy: 1e-6)
    }

    func testUnknownCodesAreListedWithCountAndArea() throws {
        let communes = try writeCommunes()
        let path = try writeLandCover("unk.gpkg", fields: ["CS"], [
            (["CS9"], try rect(0, 0, 10, 10)), (["CS9"], try rect(20, 20, 30, 30)), ([""], try rect(40, 40, 50, 50)),
        ])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: path), fields: [2021: ["couverture": "CS"]])])
        XCTAssertThrowsError(try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [])) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("field CS: code \"CS9\" is not in the nomenclature (2 polygons, 0,02\u{00A0}ha)"), text)
            XCTAssertTrue(text.contains("code \"(vide)\""), text)
            XCTAssertTrue(text.contains("unk.gpkg, layer ocs"), text)
        }
    }

    func testLayersInAnotherCRSAreReprojectedToLambert93() throws {
        _ = try writeCommunes()
        let l93 = dir.appendingPathComponent("communes.gpkg").path
        let wgs = dir.appendingPathComponent("communes_4326.gpkg").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        p.arguments = ["-f", "GPKG", "-t_srs", "EPSG:4326", wgs, l93]
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let shapes = try CommuneShapes.read(LayerRef(path: wgs, layer: "communes"), codeField: "insee_com", nameField: "nom_com", extraFields: [])
        let g = try ctx.geometry(wkb: shapes[0].wkb)
        XCTAssertEqual(g.area, 10_000, accuracy: 0.01)
        XCTAssertEqual(g.bounds.minX, x0, accuracy: 0.01)
    }

    func testMissingFileLayerAndFieldAreNamed() throws {
        XCTAssertThrowsError(try VectorDataset(path: dir.appendingPathComponent("nope.gpkg").path)) { e in
            XCTAssertTrue("\(e)".contains("nope.gpkg: cannot open as vector data"), "\(e)")
        }
        _ = try writeCommunes()
        let ds = try VectorDataset(path: dir.appendingPathComponent("communes.gpkg").path)
        XCTAssertThrowsError(try ds.layer("communez")) { e in XCTAssertTrue("\(e)".contains("no layer \"communez\" (layers: communes)"), "\(e)") }
        XCTAssertThrowsError(try ds.layer("communes").fieldIndex("code")) { e in
            XCTAssertTrue("\(e)".contains("layer communes: no field \"code\" (fields: insee_com, nom_com)"), "\(e)")
        }
    }
}
