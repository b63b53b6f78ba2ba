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

/// The facts store's encoding and file: what is written is read back equal, and a damaged or
/// foreign file is an error naming it.
final class FactsStoreTests: XCTestCase {
    func sample() -> Tabulation {
        var f = AreaFacts(millesimeCount: 2, periodCount: 1, area: 1_234_567.891)
        f.covered = [1_000_000.5, 999_999.25]
        f.stock[0] = [ClassKey(3, 7): 12.5, ClassKey(1, -1): 0.1 + 0.2]
        f.stock[1] = [ClassKey(3, 7): 13]
        f.transitions[0] = [Transition(ClassKey(1, -1), ClassKey(3, 7)): 0.5]
        f.lcr = [10, 11]
        f.lcrFlux[0] = LCRFlux(artificialisation: 1.5, desartificialisation: 0.25)
        f.changes[0] = [LandChange(status: .consommation, coverLevel: 2): 0.5, LandChange(status: .desartificialisation, coverLevel: 0): 0.125]
        var changes = PeriodChanges()
        changes[0] = LandChange(status: .artificialisation, coverLevel: 3)
        let ring = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 0)]
        let piece = MapPiece(classes: [3, -1], changes: changes, polygon: PolygonRings(rings: [ring, ring.reversed()]))
        return Tabulation(layout: FactsLayout(millesimes: [2019, 2021], periods: [Period(2019, 2021)]), communeFacts: [f, AreaFacts(millesimeCount: 2, periodCount: 1)],
                          pieces: [[piece], []], outlines: [[PolygonRings(rings: [ring])], []],
                          sources: [LandCoverSourceReport(location: "x.gpkg, layer ocs", crs: "EPSG:2154", reprojected: false, millesimes: [2019, 2021], featureCount: 3)])
    }

    func testWrittenFactsReadBackEqual() throws {
        let dir = try temporaryFolder(self)
        let path = dir.appendingPathComponent("facts.sqlite").path
        let t = sample()
        try FactsStore.write(t, codes: ["99001", "99002"], key: "k1", scope: "", day: "2026-11-26", to: path)
        let header = try XCTUnwrap(try FactsStore.header(path))
        XCTAssertEqual(header, FactsStore.Header(key: "k1", layout: t.layout, day: "2026-11-26", scope: "", communes: 2))
        let (records, sources) = try FactsStore.read(path, codes: ["99001", "99002", "99003"])
        XCTAssertEqual(records.count, 2)
        XCTAssertEqual(records["99001"]?.facts, t.communeFacts[0])
        XCTAssertEqual(records["99001"]?.pieces.first?.polygon, t.pieces[0][0].polygon)
        XCTAssertEqual(records["99001"]?.pieces.first?.classes, [3, -1])
        XCTAssertEqual(records["99001"]?.pieces.first?.changes, t.pieces[0][0].changes)
        XCTAssertEqual(records["99001"]?.outline, t.outlines[0])
        XCTAssertEqual(records["99002"]?.facts, t.communeFacts[1])
        XCTAssertEqual(sources, t.sources)
        // Equal facts, equal bytes (dictionaries in key order).
        XCTAssertEqual(FactsCodec.encode(t.communeFacts[0]), FactsCodec.encode(try FactsCodec.decodeFacts(FactsCodec.encode(t.communeFacts[0]), source: "")))
    }

    func testDamagedOrForeignFilesAreNamed() throws {
        let dir = try temporaryFolder(self)
        XCTAssertThrowsError(try FactsCodec.decodeFacts(Array(FactsCodec.encode(sample().communeFacts[0]).dropLast(3)), source: "s.sqlite, commune 99001")) { e in
            XCTAssertTrue("\(e)".contains("s.sqlite, commune 99001"), "\(e)")
        }
        let foreign = dir.appendingPathComponent("foreign.sqlite").path
        try "not a database at all, just text".write(toFile: foreign, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FactsStore.header(foreign)) { e in XCTAssertTrue("\(e)".contains(foreign), "\(e)") }
        XCTAssertNil(try FactsStore.header(dir.appendingPathComponent("none.sqlite").path))
    }

    func testContentHashFollowsBytesAndSeparatesPieces() {
        XCTAssertEqual(ContentHash.of(["abc"]), ContentHash.of(["abc"]))
        XCTAssertNotEqual(ContentHash.of(["ab", "c"]), ContentHash.of(["a", "bc"]))
        XCTAssertNotEqual(ContentHash.of([String(repeating: "x", count: 1000)]), ContentHash.of([String(repeating: "x", count: 999) + "y"]))
        XCTAssertEqual(ContentHash.of([]).count, 32)
    }
}
