import XCTest
@testable import PortraitsCore

/// Neighbours' vertices added to the edges they lie on: where, in which order, only once, within
/// the tolerance and nowhere else; checked against a brute-force search on a random mesh.
final class SharedVerticesTests: XCTestCase {
    func rect(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> PolygonRings {
        PolygonRings(rings: [[Point(a, b), Point(c, b), Point(c, d), Point(a, d), Point(a, b)]])
    }

    func testATJunctionGetsTheNeighboursCorner() {
        // The right polygon's corner (10, 5) lies on the left square's edge x = 10.
        let left = rect(0, 0, 10, 10)
        let right = PolygonRings(rings: [[Point(10, 0), Point(20, 0), Point(20, 5), Point(10, 5), Point(10, 0)]])
        let r = SharedVertices.inserted(into: [left, right], tolerance: 1e-9)
        XCTAssertEqual(r.added, 1)
        XCTAssertEqual(r.changed, [true, false])
        XCTAssertEqual(r.polygons[0].rings[0], [Point(0, 0), Point(10, 0), Point(10, 5), Point(10, 10), Point(0, 10), Point(0, 0)])
        XCTAssertEqual(r.polygons[1], right)
    }

    func testVerticesGoInOrderAlongTheEdgeAndOnce() {
        // Three squares on a long one: their corners (10, 0) and (20, 0), each found twice, go into
        // the long one's top edge, which runs from (30, 0) to (0, 0).
        let bottom = rect(0, -10, 30, 0)
        let tops = [rect(0, 0, 10, 10), rect(10, 0, 20, 10), rect(20, 0, 30, 10)]
        let r = SharedVertices.inserted(into: [bottom] + tops, tolerance: 1e-9)
        XCTAssertEqual(r.added, 2)
        XCTAssertEqual(r.changed, [true, false, false, false])
        XCTAssertEqual(r.polygons[0].rings[0],
                       [Point(0, -10), Point(30, -10), Point(30, 0), Point(20, 0), Point(10, 0), Point(0, 0), Point(0, -10)])
    }

    func testToleranceAndEnds() {
        let square = rect(0, 0, 10, 10)
        // 10⁻⁷ beside the edge x = 10: on it within 10⁻⁶, not within 10⁻⁸; the vertex goes in as it is.
        let near = PolygonRings(rings: [[Point(10 + 1e-7, 4), Point(20, 4), Point(20, 6), Point(10, 6), Point(10 + 1e-7, 4)]])
        let loose = SharedVertices.inserted(into: [square, near], tolerance: 1e-6)
        XCTAssertEqual(loose.polygons[0].rings[0], [Point(0, 0), Point(10, 0), Point(10 + 1e-7, 4), Point(10, 6), Point(10, 10), Point(0, 10), Point(0, 0)])
        XCTAssertEqual(SharedVertices.inserted(into: [square, near], tolerance: 1e-8).added, 1, "only (10, 6), exactly on the edge")
        // Beyond an edge's end, or on the polygon's own edges: nothing.
        let beyond = PolygonRings(rings: [[Point(10, 10.5), Point(20, 11), Point(20, 20), Point(10, 10.5)]])
        XCTAssertEqual(SharedVertices.inserted(into: [square, beyond], tolerance: 1e-9).added, 0)
        let own = PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(5, 0), Point(0, 10), Point(0, 0)]])
        XCTAssertEqual(SharedVertices.inserted(into: [own], tolerance: 1e-9).added, 0)
        // Rings given open stay open.
        let open = PolygonRings(rings: [[Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]])
        let r = SharedVertices.inserted(into: [open, near], tolerance: 1e-6)
        XCTAssertEqual(r.polygons[0].rings[0], [Point(0, 0), Point(10, 0), Point(10 + 1e-7, 4), Point(10, 6), Point(10, 10), Point(0, 10)])
    }

    func testSameAsABruteForceSearchOnARandomMesh() {
        // A 12 × 12 grid of unit cells whose sides are split at random dyadic points, each cell
        // choosing its own splits, so that neighbours have T-junctions on their shared edges (exact
        // in binary, so "on the edge" has one answer). Plus a long strip along the bottom.
        var rng = LCGTest(seed: 7)
        let n = 12
        func splits() -> [Double] { (0..<Int(rng.next() % 3)).map { _ in Double(1 + rng.next() % 15) / 16 }.sorted() }
        var polygons: [PolygonRings] = []
        for i in 0..<n {
            for j in 0..<n {
                let x = Double(i), y = Double(j)
                var ring = [Point(x, y)]
                ring += splits().map { Point(x + $0, y) }
                ring.append(Point(x + 1, y))
                ring += splits().map { Point(x + 1, y + $0) }
                ring.append(Point(x + 1, y + 1))
                ring += splits().reversed().map { Point(x + $0, y + 1) }
                ring.append(Point(x, y + 1))
                ring += splits().reversed().map { Point(x, y + $0) }
                ring.append(Point(x, y))
                polygons.append(PolygonRings(rings: [ring]))
            }
        }
        polygons.append(rect(0, -1, Double(n), 0))
        let r = SharedVertices.inserted(into: polygons, tolerance: 1e-12)
        XCTAssertGreaterThan(r.added, 100)
        for (p, polygon) in polygons.enumerated() {
            let ring = polygon.rings[0]
            // What a brute-force search puts on each edge: every other polygon's vertex strictly inside it.
            var expected: [Point] = []
            for e in 0..<(ring.count - 1) {
                let a = ring[e], b = ring[e + 1]
                expected.append(a)
                var on: [(Double, Point)] = []
                for (q, other) in polygons.enumerated() where q != p {
                    for v in other.rings[0] {
                        let cross = (b.x - a.x) * (v.y - a.y) - (b.y - a.y) * (v.x - a.x)
                        let t = ((v.x - a.x) * (b.x - a.x) + (v.y - a.y) * (b.y - a.y)) / ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y))
                        if cross == 0, t > 0, t < 1, !on.contains(where: { $0.1 == v }) { on.append((t, v)) }
                    }
                }
                expected += on.sorted { $0.0 < $1.0 }.map(\.1)
            }
            expected.append(ring[ring.count - 1])
            XCTAssertEqual(r.polygons[p].rings[0], expected, "polygon \(p)")
            XCTAssertEqual(r.changed[p], expected.count != ring.count)
            XCTAssertEqual(shoelace(r.polygons[p].rings[0]), shoelace(ring), "polygon \(p): same area")
        }
    }

    func shoelace(_ ring: [Point]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } / 2
    }
}

/// A small deterministic generator for the test (Knuth's MMIX linear congruential generator).
struct LCGTest {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
