/// Neighbouring polygons whose common boundary does not carry the same vertices on both sides: a
/// T-junction, where one polygon's corner lies on its neighbour's edge. IGN's deliveries have them
/// along the seam between two départements (each is clipped on its own, so each side has its own
/// vertices), and so does the scale profile of the demo. Such polygons may still be a partition,
/// but GEOS's coverage union refuses them ("incorrectly noded"), which sent a commune's covered area
/// to a union of all its pieces.
///
/// `SharedVertices.inserted` adds to each edge the vertices of the other polygons that lie on it,
/// within `tolerance`, in order along the edge. A vertex exactly on the edge leaves the polygon the
/// same point set; one within `tolerance` of it moves the edge by at most that much (a sliver of at
/// most `tolerance` × the edge's length). Afterwards, neighbours that share a boundary share its
/// vertices, as a coverage union needs.
public enum SharedVertices {
    public struct Result: Sendable {
        /// The polygons, with the vertices added to their edges.
        public var polygons: [PolygonRings]
        /// For each polygon, whether it received a vertex.
        public var changed: [Bool]
        /// The number of vertices added.
        public var added: Int
    }

    /// A grid cell holds at most this many cells' worth of one segment's envelope; longer
    /// segments are checked against every vertex instead.
    static let maxCellsPerSegment = 256

    public static func inserted(into polygons: [PolygonRings], tolerance: Double) -> Result {
        // Every edge of every ring, as flat arrays (closing edge included when a ring is not closed).
        var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
        var owner: [Int32] = [], ringOf: [Int32] = [], indexInRing: [Int32] = []
        var rings: [(polygon: Int, ring: Int)] = []
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var length = 0.0
        for (p, polygon) in polygons.enumerated() {
            for (r, ring) in polygon.rings.enumerated() where ring.count >= 2 {
                let id = Int32(rings.count)
                rings.append((p, r))
                let n = ring.count, closed = ring[0] == ring[n - 1]
                for i in 0..<(closed ? n - 1 : n) {
                    let a = ring[i], b = ring[(i + 1) % n]
                    if a == b { continue }
                    ax.append(a.x); ay.append(a.y); bx.append(b.x); by.append(b.y)
                    owner.append(Int32(p)); ringOf.append(id); indexInRing.append(Int32(i))
                    minX = min(minX, a.x); maxX = max(maxX, a.x); minY = min(minY, a.y); maxY = max(maxY, a.y)
                    length += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                }
            }
        }
        let unchanged = Result(polygons: polygons, changed: [Bool](repeating: false, count: polygons.count), added: 0)
        let count = ax.count
        guard count > 0, minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return unchanged }

        // Segments bucketed in a square grid (compressed rows: `start[cell]..<start[cell + 1]`).
        let extent = max(maxX - minX, maxY - minY)
        let cell = max(length / Double(count), extent / 1024, tolerance * 4, 1e-9)
        let nx = Int((maxX - minX) / cell) + 1, ny = Int((maxY - minY) / cell) + 1
        func column(_ x: Double) -> Int { min(nx - 1, max(0, Int((x - minX) / cell))) }
        func row(_ y: Double) -> Int { min(ny - 1, max(0, Int((y - minY) / cell))) }
        var spans: [(Int, Int, Int, Int)] = []
        spans.reserveCapacity(count)
        var wide: [Int] = []
        var start = [Int](repeating: 0, count: nx * ny + 1)
        for s in 0..<count {
            let c0 = column(min(ax[s], bx[s]) - tolerance), c1 = column(max(ax[s], bx[s]) + tolerance)
            let r0 = row(min(ay[s], by[s]) - tolerance), r1 = row(max(ay[s], by[s]) + tolerance)
            if (c1 - c0 + 1) * (r1 - r0 + 1) > maxCellsPerSegment {
                wide.append(s)
                spans.append((0, -1, 0, -1))
                continue
            }
            spans.append((c0, c1, r0, r1))
            for r in r0...r1 { for c in c0...c1 { start[r * nx + c + 1] += 1 } }
        }
        for i in 0..<(nx * ny) { start[i + 1] += start[i] }
        var fill = start
        var members = [Int32](repeating: 0, count: start[nx * ny])
        for s in 0..<count {
            let (c0, c1, r0, r1) = spans[s]
            guard c0 <= c1 else { continue }
            for r in r0...r1 { for c in c0...c1 { members[fill[r * nx + c]] = Int32(s); fill[r * nx + c] += 1 } }
        }

        // Each vertex against the edges of other polygons near it.
        struct Insertion { var ring: Int32; var index: Int32; var t: Double; var point: Point }
        var insertions: [Insertion] = []
        let tolerance2 = tolerance * tolerance
        func test(_ s: Int, _ p: Point, _ polygon: Int) {
            guard Int(owner[s]) != polygon else { return }
            let dx = bx[s] - ax[s], dy = by[s] - ay[s]
            if (p.x == ax[s] && p.y == ay[s]) || (p.x == bx[s] && p.y == by[s]) { return }
            let t = ((p.x - ax[s]) * dx + (p.y - ay[s]) * dy) / (dx * dx + dy * dy)
            guard t > 0, t < 1 else { return }
            let ex = ax[s] + t * dx - p.x, ey = ay[s] + t * dy - p.y
            guard ex * ex + ey * ey <= tolerance2 else { return }
            insertions.append(Insertion(ring: ringOf[s], index: indexInRing[s], t: t, point: p))
        }
        for (p, polygon) in polygons.enumerated() {
            for ring in polygon.rings {
                for v in ring {
                    let c = row(v.y) * nx + column(v.x)
                    for k in start[c]..<start[c + 1] { test(Int(members[k]), v, p) }
                    for s in wide { test(s, v, p) }
                }
            }
        }
        guard !insertions.isEmpty else { return unchanged }

        // The rings that received vertices, rebuilt with them in order along each edge.
        insertions.sort { ($0.ring, $0.index, $0.t) < ($1.ring, $1.index, $1.t) }
        var out = polygons
        var changed = [Bool](repeating: false, count: polygons.count)
        var added = 0
        var i = 0
        while i < insertions.count {
            let id = insertions[i].ring
            var j = i
            while j < insertions.count && insertions[j].ring == id { j += 1 }
            let (p, r) = rings[Int(id)]
            let ring = polygons[p].rings[r]
            let n = ring.count, closed = ring[0] == ring[n - 1]
            var rebuilt: [Point] = []
            rebuilt.reserveCapacity(n + j - i)
            var k = i
            for e in 0..<(closed ? n - 1 : n) {
                rebuilt.append(ring[e])
                while k < j && Int(insertions[k].index) == e {
                    // The same point found twice on one edge (several polygons share it) goes in once.
                    if rebuilt.last != insertions[k].point { rebuilt.append(insertions[k].point); added += 1 }
                    k += 1
                }
            }
            if closed { rebuilt.append(ring[n - 1]) }
            out[p].rings[r] = rebuilt
            changed[p] = true
            i = j
        }
        return Result(polygons: out, changed: changed, added: added)
    }
}
