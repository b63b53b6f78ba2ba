import PortraitsCore

/// Which polygons of one layer are contiguous, in the decree's sense (`DecreeThresholds`): they
/// share a stretch of boundary or of interior; touching at a corner is not enough.
///
/// In a land-cover layer nearly every pair of neighbours shares an edge vertex for vertex, and
/// such a shared segment settles it without GEOS: it is a stretch of boundary of positive length.
/// The other pairs whose envelopes meet (a corner, a T-junction, an overlap, or no contact at all)
/// go through GEOS: prepared intersection, then one DE-9IM relate. Both answers are the same as
/// the relate's alone; the shortcut only spares it. On every core.
enum Contiguity {
    /// For each of `polygons` (indices into `wkbs`), the indices of the polygons contiguous with it, sorted.
    static func neighbours(of polygons: [Int], wkbs: [[UInt8]], grid: EnvelopeGrid, threads: Int = defaultThreadCount()) throws -> [[Int]] {
        let chunks = max(1, min(threads * 8, polygons.count / 256 + 1))
        return try parallelMap(count: chunks, threads: threads) { chunk in
            let ctx = GEOSContext()
            var out: [[Int]] = []
            for f in polygons[(polygons.count * chunk / chunks)..<(polygons.count * (chunk + 1) / chunks)] {
                let segments = WKBSegments.set(wkbs[f])
                var geometry: (Geometry, PreparedGeometry)?
                var found: [Int] = []
                for g in grid.query(grid.boxes[f]).sorted() where g != f {
                    if let segments, WKBSegments.shares(wkbs[g], segments) == true { found.append(g); continue }
                    if geometry == nil {
                        let gf = try ctx.geometry(wkb: wkbs[f])
                        geometry = (gf, PreparedGeometry(gf))
                    }
                    let other = try ctx.geometry(wkb: wkbs[g])
                    if geometry!.1.intersects(other) && geometry!.0.sharesEdgeOrInterior(with: other) { found.append(g) }
                }
                out.append(found)
            }
            return out
        }.flatMap { $0 }
    }
}

/// The segments of a polygon's WKB (2D Polygon or MultiPolygon, little-endian, as the readers
/// write it), read without GEOS. Any other WKB gives nil: the caller asks GEOS instead.
enum WKBSegments {
    /// A segment whatever its direction: its two ends' coordinates, the smaller end first.
    struct Key: Hashable {
        var x0: Double, y0: Double, x1: Double, y1: Double

        init(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) {
            if (ax, ay) < (bx, by) { (x0, y0, x1, y1) = (ax, ay, bx, by) } else { (x0, y0, x1, y1) = (bx, by, ax, ay) }
        }
    }

    static func set(_ wkb: [UInt8]) -> Set<Key>? {
        var out = Set<Key>()
        let ok = forEach(wkb) { out.insert($0); return false }
        return ok == nil ? nil : out
    }

    /// Whether the polygon has one of `segments` (nil: a WKB this reader does not handle).
    static func shares(_ wkb: [UInt8], _ segments: Set<Key>) -> Bool? {
        forEach(wkb) { segments.contains($0) }
    }

    /// Calls `body` with each segment of positive length until it returns true. Returns whether it
    /// did, or nil for an unhandled or truncated WKB.
    static func forEach(_ wkb: [UInt8], _ body: (Key) -> Bool) -> Bool? {
        wkb.withUnsafeBytes { raw -> Bool? in
            PolygonWKB.walk(raw) { n, point in
                guard n > 0 else { return false }
                var (px, py) = point(0)
                for i in 1..<n {
                    let (x, y) = point(i)
                    if (x, y) != (px, py), body(Key(px, py, x, y)) { return true }
                    (px, py) = (x, y)
                }
                return false
            }?.stopped
        }
    }
}
