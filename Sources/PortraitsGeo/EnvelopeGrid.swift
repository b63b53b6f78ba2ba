import Foundation
import PortraitsCore

/// Envelopes bucketed in a square grid: which envelopes meet a box, without building geometries.
/// An envelope spanning more than `maxCells` cells (a large forest, a whole-commune polygon of a
/// coarse layer) is kept apart and checked against every query instead.
///
/// The grid is dense over the envelopes' extent, its buckets stored one after the other (each
/// cell's entries in index order, found through the cells' offsets): built in two passes over the
/// envelopes, a count then a fill, with no allocation per cell. Where the extent would need more
/// than `maxGridCells` cells, the cells are made larger (twice as wide until it fits): the answers
/// do not depend on the cell size, only the work to find them.
struct EnvelopeGrid {
    let boxes: [BoundingBox]
    private(set) var cell: Double
    private(set) var wide: [Int32] = []
    private var originX: Int64 = 0, originY: Int64 = 0, columns: Int64 = 0, rows: Int64 = 0
    /// Cell `k`'s entries are `entries[offsets[k]..<offsets[k + 1]]`, cell (x, y) being
    /// `k = (y - originY) * columns + (x - originX)`.
    private var offsets: [Int] = [0]
    private var entries: [Int32] = []
    static let maxCells: Int64 = 64
    static let maxGridCells: Int64 = 1 << 22

    init(_ boxes: [BoundingBox], cell: Double) {
        self.boxes = boxes
        self.cell = cell
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for b in boxes where !b.isEmpty && Self.fitsCells(b, cell) {
            minX = min(minX, b.minX); minY = min(minY, b.minY); maxX = max(maxX, b.maxX); maxY = max(maxY, b.maxY)
        }
        guard minX <= maxX, minY <= maxY else {
            wide = boxes.indices.filter { !boxes[$0].isEmpty }.map { Int32($0) }
            return
        }
        func extent() -> (Int64, Int64, Int64, Int64) {
            let (x0, x1, y0, y1) = span(BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY))
            return (x0, y0, x1 - x0 + 1, y1 - y0 + 1)
        }
        var (x0, y0, nx, ny) = extent()
        while nx * ny > Self.maxGridCells {
            self.cell *= 2
            (x0, y0, nx, ny) = extent()
        }
        (originX, originY, columns, rows) = (x0, y0, nx, ny)
        // The cells of each envelope kept in the grid, the same in both passes (nil: kept apart).
        func cells(_ b: BoundingBox) -> (Int64, Int64, Int64, Int64)? {
            guard Self.fitsCells(b, self.cell) else { return nil }
            let s = span(b)
            return (s.1 - s.0 + 1) * (s.3 - s.2 + 1) > Self.maxCells ? nil : s
        }
        var counts = [Int](repeating: 0, count: Int(nx * ny) + 1)
        for (i, b) in boxes.enumerated() where !b.isEmpty {
            guard let (x0, x1, y0, y1) = cells(b) else { wide.append(Int32(i)); continue }
            for y in y0...y1 { for x in x0...x1 { counts[index(x, y) + 1] += 1 } }
        }
        for k in 0..<Int(nx * ny) { counts[k + 1] += counts[k] }
        offsets = counts
        var next = counts
        entries = [Int32](repeating: 0, count: counts[Int(nx * ny)])
        for (i, b) in boxes.enumerated() where !b.isEmpty {
            guard let (x0, x1, y0, y1) = cells(b) else { continue }
            for y in y0...y1 {
                for x in x0...x1 {
                    let k = index(x, y)
                    entries[next[k]] = Int32(i)
                    next[k] += 1
                }
            }
        }
    }

    static func fitsCells(_ b: BoundingBox, _ cell: Double) -> Bool {
        [b.minX, b.maxX, b.minY, b.maxY].allSatisfy { $0.isFinite && abs($0 / cell) < 1e9 }
    }

    func span(_ b: BoundingBox) -> (Int64, Int64, Int64, Int64) {
        (Int64(floor(b.minX / cell)), Int64(floor(b.maxX / cell)), Int64(floor(b.minY / cell)), Int64(floor(b.maxY / cell)))
    }

    private func index(_ x: Int64, _ y: Int64) -> Int { Int((y - originY) * columns + (x - originX)) }

    /// Indices of the envelopes that meet `b` (touching included).
    func query(_ b: BoundingBox) -> Set<Int> {
        var out = Set<Int>()
        for i in wide where boxes[Int(i)].intersects(b) { out.insert(Int(i)) }
        guard Self.fitsCells(b, cell) else {
            for (i, box) in boxes.enumerated() where !box.isEmpty && box.intersects(b) { out.insert(i) }
            return out
        }
        var (x0, x1, y0, y1) = span(b)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > Self.maxCells * 16 {
            // A very large query box: test every envelope rather than visit its cells.
            for (i, box) in boxes.enumerated() where !box.isEmpty && box.intersects(b) { out.insert(i) }
            return out
        }
        // Only the cells of the grid hold envelopes.
        x0 = max(x0, originX); x1 = min(x1, originX + columns - 1)
        y0 = max(y0, originY); y1 = min(y1, originY + rows - 1)
        guard x0 <= x1, y0 <= y1 else { return out }
        for y in y0...y1 {
            for x in x0...x1 {
                let k = index(x, y)
                for e in entries[offsets[k]..<offsets[k + 1]] where boxes[Int(e)].intersects(b) { out.insert(Int(e)) }
            }
        }
        return out
    }
}
