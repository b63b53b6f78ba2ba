import PortraitsCore

/// The rings of a 2D Polygon or MultiPolygon in little-endian WKB (as GDAL and GEOS write it), read
/// in place without building a geometry: shared by the contiguity test (`WKBSegments`), the
/// columnar reader (`PlainPolygonWKB`) and the tabulation's map pieces (`polygons`).
enum PolygonWKB {
    /// What a walk went through.
    struct Walked {
        /// `ring` returned true: the walk stopped there.
        var stopped = false
        var polygons = 0
        /// A polygon with no ring (an empty polygon).
        var ringlessPolygon = false
        /// Bytes left after the geometry (when the walk was not stopped).
        var trailingBytes = false
    }

    /// Calls `ring` with each ring's point count and a reader of its points (0..<count) until it
    /// returns true, and `polygon` before each polygon's rings. Nil: not a little-endian 2D Polygon
    /// or MultiPolygon, or truncated.
    static func walk(_ raw: UnsafeRawBufferPointer, polygon startPolygon: () -> Void = {},
                     ring: (_ count: Int, _ point: (Int) -> (x: Double, y: Double)) -> Bool) -> Walked? {
        var at = 0
        var out = Walked()
        func u32() -> Int? {
            guard at + 4 <= raw.count else { return nil }
            defer { at += 4 }
            return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }
        func f64(_ offset: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        }
        /// Nil: unhandled; true: stopped.
        func polygon() -> Bool? {
            guard at < raw.count, raw[at] == 1 else { return nil }
            at += 1
            guard u32() == 3, let rings = u32() else { return nil }
            out.polygons += 1
            startPolygon()
            if rings == 0 { out.ringlessPolygon = true }
            for _ in 0..<rings {
                guard let n = u32(), at + n * 16 <= raw.count else { return nil }
                let start = at
                at += n * 16
                if ring(n, { i in (f64(start + 16 * i), f64(start + 16 * i + 8)) }) { return true }
            }
            return false
        }
        guard raw.count >= 5, raw[0] == 1 else { return nil }
        at = 1
        switch u32() {
        case 3:
            at = 0
            guard let stopped = polygon() else { return nil }
            out.stopped = stopped
        case 6:
            guard let n = u32() else { return nil }
            for _ in 0..<n {
                guard let stopped = polygon() else { return nil }
                if stopped { out.stopped = true; break }
            }
        default:
            return nil
        }
        out.trailingBytes = !out.stopped && at != raw.count
        return out
    }

    /// The polygons of a 2D Polygon or MultiPolygon, as `Geometry.polygons()` gives them from GEOS
    /// (empty polygons left out), without building a geometry. Nil: a WKB `walk` does not handle,
    /// trailing bytes, or a ring of fewer than 4 points or not closed (left to GEOS, which refuses it).
    static func polygons(_ wkb: [UInt8]) -> [PolygonRings]? {
        var out: [PolygonRings] = []
        var plain = true
        let walked = wkb.withUnsafeBytes { raw in
            walk(raw, polygon: { out.append(PolygonRings(rings: [])) }) { n, point in
                guard n >= 4, point(0) == point(n - 1) else { plain = false; return true }
                var ring: [Point] = []
                ring.reserveCapacity(n)
                for i in 0..<n { let (x, y) = point(i); ring.append(Point(x, y)) }
                out[out.count - 1].rings.append(ring)
                return false
            }
        }
        guard let walked, plain, !walked.trailingBytes else { return nil }
        return out.filter { !$0.rings.isEmpty }
    }
}
