import PortraitsCore

/// The polygons of one class of a map, without the edges two of them share.
///
/// A class is filled as one path with the even-odd rule. An edge that two neighbouring polygons of
/// the class share (a land-cover layer is a partition: neighbours share their edges vertex for
/// vertex) is crossed twice by any ray, so it changes nothing to that fill: dropping both copies
/// leaves exactly the same pixels, and the path is drawn with fewer vertices (Cairo prints each
/// one; printing is most of a land-cover map's cost). What remains is chained into closed loops:
/// every vertex keeps an even number of edges, so a walk always comes back to its start. Edges
/// that do not match exactly (a vertex of one polygon on its neighbour's edge) simply stay.
/// The loops and their points follow the input's order, so the same polygons give the same path.
///
/// Two open-addressing tables (edges, then vertices) keep it to a few hashes per vertex: Swift's
/// dictionaries made it cost a quarter of what it saved. An edge's ends sit together in memory (a
/// département's map has millions of edges: each lookup is a cache miss, not five).
public enum SharedEdges {
    /// Closed loops (the first point not repeated at the end) with the even-odd fill of `polygons`.
    public static func dissolved(_ polygons: [PolygonRings]) -> [[Point]] {
        let vertexCount = polygons.reduce(0) { $0 + $1.vertexCount }
        guard vertexCount > 0 else { return [] }
        // 1. Edges, each once whatever its direction; an edge met a second time cancels the first.
        var edges: [Edge] = []
        edges.reserveCapacity(vertexCount)
        var table = [Int32](repeating: empty, count: tableSize(vertexCount))
        let mask = table.count - 1
        for polygon in polygons {
            for ring in polygon.rings where ring.count >= 2 {
                // Rings may or may not repeat their first point at the end.
                let n = ring.first == ring.last ? ring.count - 1 : ring.count
                guard n >= 2 else { continue }
                for i in 0..<n {
                    let p = ring[i], q = ring[i + 1 == n ? 0 : i + 1]
                    if p == q { continue }
                    let (x0, y0, x1, y1) = (p.x, p.y) < (q.x, q.y) ? (p.x, p.y, q.x, q.y) : (q.x, q.y, p.x, p.y)
                    var slot = Int(truncatingIfNeeded: hash(x0, y0, x1, y1)) & mask
                    var reuse = -1
                    var cancelled = false
                    while true {
                        let e = table[slot]
                        if e == empty { break }
                        if e == removed {
                            if reuse < 0 { reuse = slot }
                        } else if edges[Int(e)].x0 == x0 && edges[Int(e)].y0 == y0 && edges[Int(e)].x1 == x1 && edges[Int(e)].y1 == y1 {
                            edges[Int(e)].alive = false
                            table[slot] = removed
                            cancelled = true
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                    if cancelled { continue }
                    table[reuse >= 0 ? reuse : slot] = Int32(edges.count)
                    edges.append(Edge(x0: x0, y0: y0, x1: x1, y1: y1))
                }
            }
        }
        // 2. The vertices of the edges left, each edge listed at both its ends (half-edge 2e at its
        // first end, 2e + 1 at its second).
        var vertexXY: [Point] = []
        var head: [Int32] = []
        var next = [Int32](repeating: -1, count: edges.count * 2)
        var end = [Int32](repeating: -1, count: edges.count * 2)
        var vertices = [Int32](repeating: empty, count: tableSize(edges.count * 2))
        let vmask = vertices.count - 1
        func vertex(_ x: Double, _ y: Double) -> Int32 {
            var slot = Int(truncatingIfNeeded: hash(x, y, 0, 0)) & vmask
            while true {
                let v = vertices[slot]
                if v == empty { break }
                if vertexXY[Int(v)].x == x && vertexXY[Int(v)].y == y { return v }
                slot = (slot + 1) & vmask
            }
            vertices[slot] = Int32(vertexXY.count)
            vertexXY.append(Point(x, y))
            head.append(-1)
            return Int32(vertexXY.count - 1)
        }
        for e in 0..<edges.count where edges[e].alive {
            let a = vertex(edges[e].x0, edges[e].y0), b = vertex(edges[e].x1, edges[e].y1)
            end[2 * e] = a
            end[2 * e + 1] = b
            next[2 * e] = head[Int(a)]
            head[Int(a)] = Int32(2 * e)
            next[2 * e + 1] = head[Int(b)]
            head[Int(b)] = Int32(2 * e + 1)
        }
        // 3. Walks from each edge left, back to its start.
        var loops: [[Point]] = []
        for start in 0..<edges.count where edges[start].alive {
            edges[start].alive = false
            let origin = end[2 * start]
            var loop = [vertexXY[Int(origin)]]
            var current = end[2 * start + 1]
            while current != origin {
                loop.append(vertexXY[Int(current)])
                var h = head[Int(current)]
                while h >= 0 && !edges[Int(h >> 1)].alive { h = next[Int(h)] }
                guard h >= 0 else { break }
                head[Int(current)] = next[Int(h)]
                edges[Int(h >> 1)].alive = false
                current = end[Int(h ^ 1)]
            }
            if loop.count >= 3 { loops.append(loop) }
        }
        return loops
    }

    private static let empty: Int32 = -1
    private static let removed: Int32 = -2

    private static func tableSize(_ n: Int) -> Int {
        var size = 16
        while size < 2 * n { size <<= 1 }
        return size
    }

    @inline(__always)
    private static func hash(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> UInt64 {
        // `+ 0` makes −0 the same bits as 0, as `==` sees them.
        let (a, b, c, d) = (a + 0, b + 0, c + 0, d + 0)
        var h = a.bitPattern &* 0x9E37_79B9_7F4A_7C15
        h ^= (b.bitPattern &* 0xC2B2_AE3D_27D4_EB4F) >> 1
        h ^= c.bitPattern &* 0x1656_67B1_9E37_79F9
        h ^= (d.bitPattern &* 0x85EB_CA77_C2B2_AE63) >> 1
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// An edge: its two ends (the smaller first) and whether it is still to draw, together in
    /// memory: matching an edge of a large map reads one cache line, not five arrays.
    private struct Edge {
        var x0: Double, y0: Double, x1: Double, y1: Double
        var alive = true
    }
}
