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

    /// CNIG-like rules: CS1.1.1.1 built, CS1.1.1.2 sealed (linear with US4.1.1), CS2.2.1 artificial
    /// only with US5; CS9 in no rule (its status cannot be told).
    var nomenclature: Nomenclature {
        let c = RGBColor(hex: "#808080")!
        let cs = ["CS1.1.1.1", "CS1.1.1.2", "CS2.2.1", "CS9"].map { NomenclatureClass(code: $0, parent: nil, level: 1, label: $0, shortLabel: $0, color: c) }
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
        try tabulate(dated: parts.map { ("CS2.2.1", "US1.1", $0.0, $0.1, $0.2) })[0]
    }

    /// Farmland 0…1000 × 0…1000 with the given polygons carved in it, each with its classes at 2019
    /// and 2021, over one commune or two (split at x = `split`); the facts of each commune.
    func tabulate(dated parts: [(String, String, String, String, Geometry)], split: Double? = nil) throws -> [AreaFacts] {
        let communePath = dir.appendingPathComponent("c.gpkg").path
        try? FileManager.default.removeItem(atPath: communePath)
        let cw = try VectorWriter(path: communePath, layer: "communes", fields: [("insee_com", .string), ("nom_com", .string)])
        if let split {
            try cw.add(["00001", "A"], wkb: try rect(0, 0, split, 1000).wkb)
            try cw.add(["00002", "B"], wkb: try rect(split, 0, 1000, 1000).wkb)
        } else {
            try cw.add(["00001", "A"], wkb: try rect(0, 0, 1000, 1000).wkb)
        }
        try cw.close()
        let path = dir.appendingPathComponent("ocs.gpkg").path
        try? FileManager.default.removeItem(atPath: path)
        let w = try VectorWriter(path: path, layer: "ocs", fields: [("CS19", .string), ("US19", .string), ("CS21", .string), ("US21", .string)])
        var rest = try rect(0, 0, 1000, 1000)
        for (cs19, us19, cs21, us21, g) in parts {
            try w.add([cs19, us19, cs21, us21], wkb: g.wkb)
            rest = try rest.difference(g)
        }
        try w.add(["CS2.2.1", "US1.1", "CS2.2.1", "US1.1"], wkb: rest.wkb)
        try w.close()
        let communes = try CommuneShapes.read(LayerRef(path: communePath), codeField: "insee_com", nameField: "nom_com", extraFields: [])
        let spec = LandCoverSpec(sources: [.init(layer: LayerRef(path: path), fields: [2019: ["couverture": "CS19", "usage": "US19"], 2021: ["couverture": "CS21", "usage": "US21"]])])
        return try Tabulator.run(communes: communes, landCover: spec, nomenclature: nomenclature, periods: [Period(2019, 2021)], threads: 1).communeFacts
    }

    func testSmallArtificialPatchInFarmlandIsNotArtificialised() throws {
        let f = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140))]) // 1 600 m² yard
        XCTAssertEqual(f.lcr[1], 0, accuracy: 1e-6)
        XCTAssertEqual(f.lcrFlux[0].artificialisation, 0, accuracy: 1e-6)
    }

    /// A patch is enclosed only when every neighbour outside it has the other status: one whose
    /// status the rules cannot tell leaves the patch as it is.
    func testAPatchBesideAnUndeterminedPolygonKeepsItsStatus() throws {
        let f = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140)), ("CS9", "US1.1", try rect(140, 100, 200, 140))])
        XCTAssertEqual(f.lcr[1], 1_600, accuracy: 1e-6, "the yard is not enclosed by non-artificial land")
        let g = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140)), ("CS9", "US1.1", try rect(300, 100, 360, 140))])
        XCTAssertEqual(g.lcr[1], 0, accuracy: 1e-6, "the same yard away from it is")
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

    // The readings of the decree's annex written on the method page (Content/methode-artificialisation.md).

    func testRoadExactlyFiveMetresWideCounts() throws {
        let f = try tabulate([("CS1.1.1.2", "US4.1.1", try rect(0, 500, 400, 505))]) // 5 m × 400 m
        XCTAssertEqual(f.lcr[1], 2_000, accuracy: 1e-6, "« à partir de cinq mètres »: 5 m counts")
        let g = try tabulate([("CS1.1.1.2", "US4.1.1", try rect(0, 500, 400, 504.98))]) // 4,98 m
        XCTAssertEqual(g.lcr[1], 0, accuracy: 1e-6, "under 5 m (beyond the centimetre of the data) does not")
    }

    func testWidthIsJudgedAlongTheFeature() throws {
        // A 4 m road 1 km long with a lay-by 20 m long where it is 8 m wide: only the lay-by counts,
        // give or take the corners where a 5 m disc still fits across road and lay-by (about 1 m²).
        let road = try ctx.union([try rect(0, 500, 1000, 504), try rect(400, 500, 420, 508)])
        let f = try tabulate([("CS1.1.1.2", "US4.1.1", road)])
        XCTAssertEqual(f.lcr[1], 160, accuracy: 3, "the wide stretch only, not the whole road (4 080 m²)")
        XCTAssertEqual(f.stock[1].values.reduce(0, +), 1_000_000, accuracy: 1e-3, "the split loses no area")
        // A 6 m road with a 3 m spur: the spur does not count, the road does.
        let spur = try ctx.union([try rect(0, 500, 1000, 506), try rect(600, 506, 603, 606)])
        let g = try tabulate([("CS1.1.1.2", "US4.1.1", spur)])
        XCTAssertEqual(g.lcr[1], 6_000, accuracy: 2, "the 6 m road counts, its 3 m spur (300 m²) does not")
    }

    func testRoundedCornersAreJudgedOneByOne() throws {
        // The opening rounds each salient corner off: a right angle loses 1.3 m², a 45° angle 7.7 m²
        // (r² (cot(α/2) − (π − α)/2), r = 2.5 m). Each is under the 10 m² of a narrow stretch, so
        // the polygon counts whole, even when its corners add up to more (here 16.8 m²).
        let triangle = try ctx.polygon(PolygonRings(rings: [[Point(x0 + 100, y0 + 100), Point(x0 + 200, y0 + 100), Point(x0 + 100, y0 + 200)]]))
        let f = try tabulate([("CS1.1.1.2", "US4.1.1", triangle)])
        XCTAssertEqual(f.lcr[1], 5_000, accuracy: 1e-6, "three rounded corners, no narrow stretch")
        // Two polygons of the scale profile (WKB as read) whose corners came out as one part of
        // 11.4 and 19.1 m², joined along their edges, when the opening was intersected with the
        // polygon before the difference: each corner alone is under 10 m².
        for hex in ["010600000001000000010300000001000000050000003b5cdc33024f2f4104346d4328e75941555cab80fc4e2f41a28b217a28e75941ac846c833c4f2f41232a92b740e75941b5765c50a54f2f41765bb0b22ae759413b5cdc33024f2f4104346d4328e75941",
                    "0106000000010000000103000000010000000400000096dfe77d0d4d2f41073ffc04d3e659411ab0915bb54c2f41e60a9947dde659415c4b4fc0fe4c2f412b8b4559eae6594196dfe77d0d4d2f41073ffc04d3e65941"] {
            var bytes: [UInt8] = []
            var i = hex.startIndex
            while i < hex.endIndex { let j = hex.index(i, offsetBy: 2); bytes.append(UInt8(hex[i..<j], radix: 16)!); i = j }
            let polygon = try ctx.geometry(wkb: bytes)
            switch try DecreeThresholds.widthParts(polygon, ctx) {
            case let (wide?, nil): XCTAssertEqual(wide.area, polygon.area, accuracy: 1e-9)
            case let (wide, narrow): XCTFail("split into \(wide?.area ?? 0) m² wide and \(narrow?.area ?? 0) m² narrow")
            }
        }
        // A sharp tip (20°) is a narrow stretch of its own: about 30 m² beyond where a 5 m disc fits.
        let spike = try ctx.polygon(PolygonRings(rings: [[Point(x0 + 100, y0 + 100), Point(x0 + 200, y0 + 100), Point(x0 + 200, y0 + 100 + 100 * tan(20 * Double.pi / 180))]]))
        let (wide, narrow) = try DecreeThresholds.widthParts(spike, ctx)
        XCTAssertNotNil(wide)
        XCTAssertGreaterThan(narrow?.area ?? 0, 10)
        XCTAssertEqual((wide?.area ?? 0) + (narrow?.area ?? 0), spike.area, accuracy: 1e-6)
    }

    func testSurfacesTouchingOnlyAtACornerAreTwoPatches() throws {
        // Two 1 600 m² yards touching at one corner: two patches under 2 500 m², neither counts.
        let f = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140)), ("CS1.1.1.2", "US1.1", try rect(140, 140, 180, 180))])
        XCTAssertEqual(f.lcr[1], 0, accuracy: 1e-6)
        // Sharing 1 m of side, they are one patch of 3 200 m², which counts.
        let g = try tabulate([("CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140)), ("CS1.1.1.2", "US1.1", try rect(139, 140, 179, 180))])
        XCTAssertEqual(g.lcr[1], 3_200, accuracy: 1e-6)
    }

    func testWideLinearInfrastructureInASmallPatchCounts() throws {
        // 6 m × 300 m = 1 800 m², alone in farmland: under the patch threshold, counted on its width.
        let f = try tabulate([("CS1.1.1.2", "US4.1.1", try rect(100, 300, 400, 306))])
        XCTAssertEqual(f.lcr[1], 1_800, accuracy: 1e-6)
    }

    func testPatchesIgnoreCommuneLimits() throws {
        // A 3 000 m² yard across the limit of two communes: 1 500 m² in each, one patch, it counts.
        let facts = try tabulate(dated: [("CS2.2.1", "US1.1", "CS1.1.1.2", "US1.1", try rect(470, 100, 530, 150))], split: 500)
        XCTAssertEqual(facts.count, 2)
        for f in facts { XCTAssertEqual(f.lcr[1], 1_500, accuracy: 1e-6) }
    }

    func testThresholdsApplyAtEachMillesimeAndFlowsAreChangesOfStatus() throws {
        // 2019: a 1 600 m² yard (small: not artificialised). 2021: the field beside it becomes yard
        // too, 3 200 m² in all: both polygons are artificialised, the first without changing class.
        let facts = try tabulate(dated: [("CS1.1.1.2", "US1.1", "CS1.1.1.2", "US1.1", try rect(100, 100, 140, 140)),
                                         ("CS2.2.1", "US1.1", "CS1.1.1.2", "US1.1", try rect(140, 100, 180, 140))])
        let f = facts[0]
        XCTAssertEqual(f.lcr[0], 0, accuracy: 1e-6, "2019: one small patch")
        XCTAssertEqual(f.lcr[1], 3_200, accuracy: 1e-6, "2021: one patch of 3 200 m²")
        XCTAssertEqual(f.lcrFlux[0].artificialisation, 3_200, accuracy: 1e-6, "the flow is the change of status after the thresholds")
        // The first yard's class did not change: its artificialisation is a change of status alone.
        let changes = ChangedArea.of(f, period: 0, level: 1)
        XCTAssertEqual(changes[.usage], 1_600, accuracy: 1e-6)
        XCTAssertEqual(changes.usageByStatus[.artificialisation] ?? 0, 1_600, accuracy: 1e-6)
        XCTAssertEqual(changes.coverChange, 1_600, accuracy: 1e-6)
    }
}
