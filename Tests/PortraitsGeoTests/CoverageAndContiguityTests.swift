import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo

/// The shortcuts of the tabulation: the covered area as a sum where the layer is a partition, the
/// contiguity of polygons read from their WKB; each against what GEOS alone says.
final class CoverageAndContiguityTests: XCTestCase {
    let ctx = GEOSContext()

    func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) throws -> Geometry {
        try ctx.polygon(PolygonRings(rings: [[Point(a, b), Point(c, b), Point(c, d), Point(a, d)]]))
    }

    func covered(_ polygons: [Geometry]) throws -> (Double, CoveredArea.Method) {
        try CoveredArea.of(areas: polygons.map(\.area), originals: polygons.map(\.wkb), pieces: { polygons }, context: ctx)
    }

    func testPartitionIsSummedWithoutUnion() throws {
        // A 3 × 3 grid of 10 m squares sharing their edges vertex for vertex.
        var cells: [Geometry] = []
        for i in 0..<3 { for j in 0..<3 { cells.append(try rect(Double(i) * 10, Double(j) * 10, Double(i + 1) * 10, Double(j + 1) * 10)) } }
        let (area, method) = try covered(cells)
        XCTAssertEqual(method, .sum)
        XCTAssertEqual(area, 900, accuracy: 1e-9)
    }

    func testOverlapsFallBackToTheUnion() throws {
        let a = try rect(0, 0, 10, 10)
        let cases: [(String, [Geometry], Double)] = [
            ("a duplicated polygon", [a, try rect(0, 0, 10, 10), try rect(10, 0, 20, 10)], 200),
            ("a partial overlap", [a, try rect(5, 0, 15, 10)], 150),
            ("a polygon inside another", [try rect(0, 0, 30, 30), try rect(10, 10, 20, 20)], 900),
            ("an overlap sharing an edge", [a, try rect(0, 0, 10, 5)], 100),
        ]
        for (name, polygons, expected) in cases {
            let (area, method) = try covered(polygons)
            XCTAssertEqual(method, .union, name)
            XCTAssertEqual(area, expected, accuracy: 1e-9, name)
            XCTAssertEqual(area, try ctx.union(polygons).area, accuracy: 1e-9, name)
        }
    }

    func testTJunctionsAreAPartitionOnceVerticesAreShared() throws {
        // A T-junction: the right polygon's corner (10, 5) lies on the left square's edge. GEOS's
        // coverage union refuses the pair as they are; with the corner added to the edge, they are
        // a partition and the area is the sum.
        let left = try rect(0, 0, 10, 10)
        let right = try ctx.polygon(PolygonRings(rings: [[Point(10, 0), Point(20, 0), Point(20, 5), Point(10, 5)]]))
        XCTAssertFalse(try CoveredArea.partition(ctx.collection([left, right]), context: ctx))
        let (area, method) = try covered([left, right])
        XCTAssertEqual(method, .sumWithSharedVertices)
        XCTAssertEqual(area, 150, accuracy: 1e-9)
        // A slanted seam between two sides cut apart, as two départements' deliveries are: the east
        // side is split in two by GEOS, whose computed corner on the seam is not a vertex of the
        // west side (and lies on its edge only to rounding). GEOS's coverage union takes this one as
        // it is; either way it is no union, and the area is the union's.
        let square = try rect(0, 0, 2000, 1000)
        let westHalf = try ctx.polygon(PolygonRings(rings: [[Point(-1, -1), Point(1000, -1), Point(1003.7, 1001), Point(-1, 1001)]]))
        let west = try square.intersection(westHalf), east = try square.difference(westHalf)
        let east1 = try east.intersection(try rect(0, 0, 2000, 333.3)), east2 = try east.difference(try rect(0, 0, 2000, 333.3))
        let seam = try covered([west, east1, east2])
        XCTAssertNotEqual(seam.1, .union)
        XCTAssertEqual(seam.0, try ctx.union([west, east1, east2]).area, accuracy: 1e-6)
    }

    func testTJunctionsBesideAnOverlapStillFallBackToTheUnion() throws {
        // The same T-junction, and a third polygon over part of the left square: shared vertices do
        // not make an overlap a partition.
        let left = try rect(0, 0, 10, 10)
        let right = try ctx.polygon(PolygonRings(rings: [[Point(10, 0), Point(20, 0), Point(20, 5), Point(10, 5)]]))
        let over = try rect(2, 2, 4, 12)
        let (area, method) = try covered([left, right, over])
        XCTAssertEqual(method, .union)
        XCTAssertEqual(area, 154, accuracy: 1e-9)
        // A vertex 1 mm off its neighbour's edge (a real sliver of overlap) is not taken as on it.
        let bulging = try ctx.polygon(PolygonRings(rings: [[Point(10, 0), Point(20, 0), Point(20, 5), Point(10 - 0.001, 5)]]))
        let (sliver, how) = try covered([left, bulging])
        XCTAssertEqual(how, .union)
        XCTAssertEqual(sliver, try ctx.union([left, bulging]).area, accuracy: 1e-9)
    }

    func testDisjointPolygonsAreAPartition() throws {
        let (area, method) = try covered([try rect(0, 0, 10, 10), try rect(20, 0, 30, 10)])
        XCTAssertEqual(method, .sum)
        XCTAssertEqual(area, 200, accuracy: 1e-9)
    }

    func testWKBSegmentsFindSharedEdgesInEitherDirection() throws {
        let a = try rect(0, 0, 10, 10), b = try rect(10, 0, 20, 10), corner = try rect(10, 10, 20, 20)
        let segments = try XCTUnwrap(WKBSegments.set(a.wkb))
        XCTAssertEqual(segments.count, 4)
        XCTAssertEqual(WKBSegments.shares(b.wkb, segments), true)
        XCTAssertEqual(WKBSegments.shares(corner.wkb, segments), false)
        // A multipolygon is read part by part; other types are left to GEOS.
        let multi = ctx.collection([try rect(50, 50, 60, 60), b], multiPolygon: true)
        XCTAssertEqual(WKBSegments.shares(multi.wkb, segments), true)
        var bigEndian = a.wkb
        bigEndian[0] = 0
        XCTAssertNil(WKBSegments.set(bigEndian))
        XCTAssertNil(WKBSegments.set([1, 2, 0, 0, 0]))
    }

    func testContiguityAgreesWithGEOSRelate() throws {
        // Neighbours by a shared edge, by part of an edge (a T-junction), by overlap; a corner; apart.
        let polygons: [Geometry] = [
            try rect(0, 0, 10, 10),
            try rect(10, 0, 20, 10),      // shares the edge x = 10
            try rect(10, 10, 20, 20),     // corner only with 0
            try ctx.polygon(PolygonRings(rings: [[Point(0, 10), Point(5, 10), Point(5, 20), Point(0, 20)]])),  // part of 0's top edge
            try rect(8, 2, 12, 4),        // overlaps 0 and 1
            try rect(40, 40, 50, 50),     // apart
        ]
        let boxes = polygons.map(\.bounds)
        let grid = EnvelopeGrid(boxes, cell: 7)
        let found = try Contiguity.neighbours(of: Array(polygons.indices), wkbs: polygons.map(\.wkb), grid: grid, threads: 2)
        for (i, p) in polygons.enumerated() {
            let expected = polygons.indices.filter { $0 != i && PreparedGeometry(p).intersects(polygons[$0]) && p.sharesEdgeOrInterior(with: polygons[$0]) }
            XCTAssertEqual(found[i], expected, "polygon \(i)")
        }
        XCTAssertEqual(found[0], [1, 3, 4])
        XCTAssertEqual(found[5], [])
    }
}
