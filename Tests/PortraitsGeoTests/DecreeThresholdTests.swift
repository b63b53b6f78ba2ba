import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo

/// The decree's thresholds on hand-built geometries, through the whole tabulation.
final class DecreeThresholdTests: XCTestCase {
    let ctx = GEOSContext()
    let x0 = 900_000.0, y0 = 6_800_000.0
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-thr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) throws -> Geometry {
        try ctx.polygon(PolygonRings(rings: [[Point(x0 + a, y0 + b), Point(x0 + c, y0 + b), Point(x0 + c, y0 + d), Point(x0 + a, y0 + d)]]))
    }

    /// CNIG-like rules: CS1.1.1.1 built, CS1.1.1.2 sealed (linear with US4.1.1), CS2.2.1 artificial only with US5.
    var nomenclature: Nomenclature {
        let c = RGBColor(hex: "#808080")!
        let cs = ["CS1.1.1.1", "CS1.1.1.2", "CS2.2.1"].map { NomenclatureClass(code: $0, parent: nil, level: 1, label: $0, shortLabel: $0, color: c) }
        let us = ["US1.1", "US4.1.1", "US5"].map { NomenclatureClass(code: $0, parent: nil, level: 1, label: $0, shortLabel: $0, color: c) }
        var n = Nomenclature(name: "t", dimensions: [
            try! NomenclatureDimension(id: "couverture", name: "C", levelNames: ["N1"], classes: cs, source: "t"),
            try! NomenclatureDimension(id: "usage", name: "U", levelNames: ["N1"], classes: us, source: "t"),
        ])
        n.rules = CorrespondenceRules(rows: [
            .init(match: ["CS1.1.1.1", nil], artificialised: true, built: true, linear: false),
            .init(match: ["CS1.1.1.2", "US4.1.1"], artificialised: true, built: false, linear: true),
            .init(match: ["CS1.1.1.2", nil], artificialised: true, built: false, linear: false),
            .init(match: ["CS2.2.1", "US5"], artificialised: true, built: false, linear: false),
            .init(match: ["CS2.2.1", nil], artificialised: false, built: false, linear: false),
        ])
        return n
    }

    /// One commune 0…1000 × 0…1000 covered by farmland with the given polygons carved in it; the
    /// polygons are described at 2019 as farmland and at 2021 with their class.
    func tabulate(_ parts: [(String, String, Geometry)]) throws -> AreaFacts {
        let communePath = dir.appendingPathComponent("c.gpkg").path
        let cw = try VectorWriter(path: communePath, layer: "communes", fields: [("insee_com", .string), ("nom_com", .string)])
        try cw.add(["00001", "A"], wkb: try rect(0, 0, 1000, 1000).wkb)
        try cw.close()
        let path = dir.appendingPathComponent("ocs.gpkg").path
        let w = try VectorWriter(path: path, layer: "ocs", fields: [("CS19", .string), ("US19", .string), ("CS21", .string), ("US21", .string)])
        var rest = try rect(0, 0, 1000, 1000)
        for (cs, us, g) in parts {
            try w.add(["CS2.2.1", "US1.1", cs, us], wkb: g.wkb)
            rest = try rest.difference(g)
        }
        try w.add(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], wkb: rest.wkb)
        try w.close()
        let communes = try CommuneShapes.read(LayerRef(path: communePath), codeField: "insee_com", nameField: "nom_com", extraFields: [])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: path), fields: [2019: ["couverture": "CS19", "usage": "US19"], 2021: ["couverture": "CS21", "usage": "US21"]])])
        return try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [Period(2019, 2021)], threads: 1).communeFacts[0]
    }

    func testSmallArtificialPatchInFarmlandIsNotArtificialised() throws {
        let f = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140))]) // 1 600 m² yard
        XCTAssertEqual(f.lcr[1], 0, accuracy: 1e-6)
        XCTAssertEqual(f.lcrFlux[0].artificialisation, 0, accuracy: 1e-6)
    }

    func testLargeArtificialPatchCounts() throws {
        let f = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 160, 160))]) // 3 600 m²
        XCTAssertEqual(f.lcr[1], 3_600, accuracy: 1e-6)
        XCTAssertEqual(f.lcrFlux[0].artificialisation, 3_600, accuracy: 1e-6)
    }

    func testContiguousSmallPolygonsFormOnePatch() throws {
        // Two yards of 1 600 m² side by side: one patch of 3 200 m², which counts.
        let f = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140)), ("CS1.1.1.2", "US1.1", try rect(140, 100, 180, 140))])
        XCTAssertEqual(f.lcr[1], 3_200, accuracy: 1e-6)
    }

    func testBuildingsCountFromFiftySquareMetres() throws {
        // A 100 m² building next to a 1 200 m² yard: the patch is small, the building stays.
        let f = try tabulate([("CS1.1.1.1", "US1.1", try rect(100, 100, 110, 110)), ("CS1.1.1.2", "US1.1", try rect(110, 100, 140, 140))])
        XCTAssertEqual(f.lcr[1], 100, accuracy: 1e-6)
        // A 25 m² shed alone in a field does not count.
        let g = try tabulate([("CS1.1.1.1", "US1.1", try rect(500, 500, 505, 505))])
        XCTAssertEqual(g.lcr[1], 0, accuracy: 1e-6)
    }

    func testLinearInfrastructureCountsFromFiveMetresWide() throws {
        let narrow = try tabulate([("CS1.1.1.2", "US4.1.1", try rect(0, 500, 1000, 504))]) // 4 m wide road
        XCTAssertEqual(narrow.lcr[1], 0, accuracy: 1e-6)
        let wide = try tabulate([("CS1.1.1.2", "US4.1.1", try rect(0, 500, 400, 506))]) // 6 m wide, 2 400 m²
        XCTAssertEqual(wide.lcr[1], 2_400, accuracy: 1e-6, "a wide road is judged on its width, not as a small patch")
    }

    func testSmallGreenPatchInsideArtificialLandIsArtificialised() throws {
        // A 900 m² lawn (not artificial) entirely surrounded by a residential garden area (artificial).
        let lawn = try rect(215, 215, 245, 245)
        let around = try rect(200, 200, 260, 260).difference(lawn)
        let f = try tabulate([("CS2.2.1", "US5", around), ("CS2.2.1", "US1.1", lawn)])
        XCTAssertEqual(f.lcr[1], 3_600, accuracy: 1e-6, "the lawn takes the status of the land around it")
        // The matrix alone counts only the surrounding ring.
        let traits = TraitsTable(nomenclature: nomenclature, rules: nomenclature.rules)
        XCTAssertEqual(Artificialisation.matrixArea(f, millesime: 1, traits: traits), 2_700, accuracy: 1e-6)
    }
}
