import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo

/// The map pieces' rings read straight from WKB are GEOS's, part for part; a WKB the walk does not
/// handle is left to GEOS; a collection read from its parts' WKB is their collection.
final class PolygonWKBTests: XCTestCase {
    let ctx = GEOSContext()

    func square(_ x: Double, _ y: Double, _ w: Double) -> [Point] {
        [Point(x, y), Point(x + w, y), Point(x + w, y + w), Point(x, y + w), Point(x, y)]
    }

    func testPolygonsAsGEOSGivesThem() throws {
        let holed = try ctx.polygon(PolygonRings(rings: [square(0, 0, 10), square(2, 2, 3), square(6, 6, 2)]))
        let multi = ctx.collection([holed, try ctx.polygon(PolygonRings(rings: [square(20.125, 0.5, 1e-3)]))], multiPolygon: true)
        for g in [holed, multi] {
            XCTAssertEqual(PolygonWKB.polygons(g.wkb), g.polygons())
        }
        XCTAssertEqual(PolygonWKB.polygons(multi.wkb)?.count, 2)
        // A polygon with no ring inside a multipolygon is left out, as GEOS leaves it out.
        var withEmpty: [UInt8] = [1, 6, 0, 0, 0, 2, 0, 0, 0]
        withEmpty += [1, 3, 0, 0, 0, 0, 0, 0, 0]
        withEmpty += Array(holed.wkb)
        XCTAssertEqual(PolygonWKB.polygons(withEmpty), [holed.polygons()[0]])
        XCTAssertEqual(PolygonWKB.polygons(withEmpty), try ctx.geometry(wkb: withEmpty).polygons())
    }

    func testUnhandledWKBIsLeftToGEOS() throws {
        let wkb = try ctx.polygon(PolygonRings(rings: [square(0, 0, 10)])).wkb
        var bigEndian = wkb
        bigEndian[0] = 0
        XCTAssertNil(PolygonWKB.polygons(bigEndian))
        XCTAssertNil(PolygonWKB.polygons(wkb + [0]), "trailing bytes")
        XCTAssertNil(PolygonWKB.polygons(Array(wkb.dropLast(8))), "truncated")
        var threePoints: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0]
        for v in [0.0, 0, 1, 0, 0, 0] { withUnsafeBytes(of: v.bitPattern.littleEndian) { threePoints += $0 } }
        XCTAssertNil(PolygonWKB.polygons(threePoints), "a ring of 3 points")
        var open: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0]
        for v in [0.0, 0, 1, 0, 1, 1, 0, 1] { withUnsafeBytes(of: v.bitPattern.littleEndian) { open += $0 } }
        XCTAssertNil(PolygonWKB.polygons(open), "a ring not closed")
    }

    func testCollectionFromWKB() throws {
        let parts = [try ctx.polygon(PolygonRings(rings: [square(0, 0, 10)])),
                     ctx.collection([try ctx.polygon(PolygonRings(rings: [square(10, 0, 10), square(12, 2, 1)]))], multiPolygon: true)]
        let read = try ctx.collection(wkbs: parts.map(\.wkb))
        XCTAssertTrue(read.isCollection)
        XCTAssertEqual(read.area, parts.reduce(0) { $0 + $1.area })
        XCTAssertEqual(read.polygons(), parts.flatMap { $0.polygons() })
        XCTAssertTrue(read.equalsTopologically(ctx.collection(parts)))
    }
}
