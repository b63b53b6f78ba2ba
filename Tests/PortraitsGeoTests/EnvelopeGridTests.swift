import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo

/// The envelope grid of the decree's thresholds finds exactly the envelopes a brute-force scan finds,
/// with small, touching and very wide envelopes and queries.
final class EnvelopeGridTests: XCTestCase {
    func testSameAnswersAsABruteForceScan() {
        var rng = SystemRandomNumberGenerator()
        var boxes: [BoundingBox] = []
        for _ in 0..<2_000 {
            let x = Double.random(in: 0..<20_000, using: &rng), y = Double.random(in: 0..<20_000, using: &rng)
            let w = Double.random(in: 1..<300, using: &rng), h = Double.random(in: 1..<300, using: &rng)
            boxes.append(BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h))
        }
        boxes.append(BoundingBox(minX: -50_000, minY: -50_000, maxX: 70_000, maxY: 70_000)) // wider than the grid's limit
        boxes.append(BoundingBox(minX: 500, minY: 500, maxX: 750, maxY: 750))
        boxes.append(BoundingBox(minX: 750, minY: 600, maxX: 800, maxY: 700)) // touches the previous one
        boxes.append(.empty)
        let grid = EnvelopeGrid(boxes, cell: 250)
        XCTAssertEqual(grid.wide.count, 1)
        var queries = Array(boxes.prefix(300))
        queries.append(BoundingBox(minX: 0, minY: 0, maxX: 40_000, maxY: 40_000)) // a very large query
        queries.append(boxes[boxes.count - 3])
        for q in queries where !q.isEmpty {
            let expected = Set(boxes.indices.filter { !boxes[$0].isEmpty && boxes[$0].intersects(q) })
            XCTAssertEqual(grid.query(q), expected)
        }
        XCTAssertTrue(grid.query(boxes[boxes.count - 3]).contains(boxes.count - 2), "touching envelopes meet")
    }

    /// An extent that would need more cells than the grid allows gets larger cells, with the same
    /// answers; envelopes on both sides of the origin and a query beside the extent included.
    func testAWideExtentGetsLargerCellsWithTheSameAnswers() {
        var rng = SystemRandomNumberGenerator()
        var boxes: [BoundingBox] = []
        for _ in 0..<3_000 {
            let x = Double.random(in: -5_000_000..<5_000_000, using: &rng), y = Double.random(in: -5_000_000..<5_000_000, using: &rng)
            let w = Double.random(in: 1..<20_000, using: &rng), h = Double.random(in: 1..<20_000, using: &rng)
            boxes.append(BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h))
        }
        boxes.append(BoundingBox(minX: .nan, minY: 0, maxX: 1, maxY: 1)) // cannot go in a cell: kept apart
        let grid = EnvelopeGrid(boxes, cell: 250)
        XCTAssertGreaterThan(grid.cell, 250, "cells made larger")
        XCTAssertEqual(grid.wide, [Int32(boxes.count - 1)])
        var queries = Array(boxes.prefix(400))
        queries.append(BoundingBox(minX: 6_000_000, minY: 6_000_000, maxX: 6_000_100, maxY: 6_000_100)) // beside the extent
        queries.append(BoundingBox(minX: -1_000_000, minY: -1_000_000, maxX: 1_000_000, maxY: 1_000_000))
        for q in queries where !q.isEmpty && q.minX.isFinite {
            let expected = Set(boxes.indices.filter { !boxes[$0].isEmpty && boxes[$0].minX.isFinite && boxes[$0].intersects(q) })
            XCTAssertEqual(grid.query(q).filter { boxes[$0].minX.isFinite }, expected)
        }
        XCTAssertEqual(EnvelopeGrid([.empty], cell: 250).query(BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)), [])
    }
}
