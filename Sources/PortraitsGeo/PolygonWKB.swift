/// The rings of a 2D Polygon or MultiPolygon in little-endian WKB (as GDAL and GEOS write it), read
/// in place without building a geometry: shared by the contiguity test (`WKBSegments`) and the
/// columnar reader (`PlainPolygonWKB`).
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
    /// returns true. Nil: not a little-endian 2D Polygon or MultiPolygon, or truncated.
    static func walk(_ raw: UnsafeRawBufferPointer, ring: (_ count: Int, _ point: (Int) -> (x: Double, y: Double)) -> Bool) -> Walked? {
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
}
