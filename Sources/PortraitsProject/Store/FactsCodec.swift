import PortraitsCore
import PortraitsGeo

/// Little-endian binary encoding of what the tabulation makes per commune (facts, map pieces,
/// outline), for the facts store. Dictionaries are written in key order, so equal facts give
/// equal bytes.
package struct ByteWriter {
    package var bytes: [UInt8] = []

    package mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    package mutating func i32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    package mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    package mutating func double(_ v: Double) { u64(v.bitPattern) }
    package mutating func key(_ k: ClassKey) { i32(k.primary); i32(k.secondary) }

    package mutating func rings(_ p: PolygonRings) {
        int(p.rings.count)
        for ring in p.rings {
            int(ring.count)
            if pointsAreRawDoubles {
                // The same bytes as each point's x then y, copied at once.
                ring.withUnsafeBytes { bytes.append(contentsOf: $0) }
            } else {
                for pt in ring { double(pt.x); double(pt.y) }
            }
        }
    }
}

/// Whether an array of points is, in memory, each point's x then y as little-endian doubles (so
/// that a ring is written and read as one copy).
let pointsAreRawDoubles: Bool = {
    #if _endian(little)
    return MemoryLayout<Point>.size == 16 && MemoryLayout<Point>.stride == 16
        && MemoryLayout<Point>.offset(of: \Point.x) == 0 && MemoryLayout<Point>.offset(of: \Point.y) == 8
    #else
    return false
    #endif
}()

struct ByteReader {
    package let bytes: [UInt8]
    package let source: String
    package var offset = 0

    package init(_ bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    package mutating func u64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw InputError(source, "truncated record in the facts store") }
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        offset += 8
        return UInt64(littleEndian: v)
    }

    package mutating func i32() throws -> Int32 {
        guard offset + 4 <= bytes.count else { throw InputError(source, "truncated record in the facts store") }
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
        offset += 4
        return Int32(littleEndian: v)
    }

    package mutating func int() throws -> Int {
        let v = Int(Int64(bitPattern: try u64()))
        guard v >= 0, v <= bytes.count else { throw InputError(source, "corrupt count in the facts store") }
        return v
    }

    package mutating func double() throws -> Double { Double(bitPattern: try u64()) }
    package mutating func key() throws -> ClassKey { ClassKey(try i32(), try i32()) }

    package mutating func rings() throws -> PolygonRings {
        var rings: [[Point]] = []
        for _ in 0..<(try int()) {
            let n = try int()
            guard pointsAreRawDoubles else {
                var ring: [Point] = []
                ring.reserveCapacity(n)
                for _ in 0..<n { ring.append(Point(try double(), try double())) }
                rings.append(ring)
                continue
            }
            guard offset + n * 16 <= bytes.count else { throw InputError(source, "truncated record in the facts store") }
            let start = offset
            rings.append([Point](unsafeUninitializedCapacity: n) { points, count in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(points).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + n * 16)]))
                }
                count = n
            })
            offset += n * 16
        }
        return PolygonRings(rings: rings)
    }
}

package enum FactsCodec {
    package static func encode(_ f: AreaFacts) -> [UInt8] {
        var w = ByteWriter()
        w.double(f.area)
        w.int(f.covered.count)
        for m in f.covered.indices {
            w.double(f.covered[m])
            w.double(f.lcr[m])
            let keys = f.stock[m].keys.sorted()
            w.int(keys.count)
            for k in keys { w.key(k); w.double(f.stock[m][k]!) }
        }
        w.int(f.transitions.count)
        for p in f.transitions.indices {
            w.double(f.lcrFlux[p].artificialisation)
            w.double(f.lcrFlux[p].desartificialisation)
            let keys = f.transitions[p].keys.sorted()
            w.int(keys.count)
            for k in keys { w.key(k.from); w.key(k.to); w.double(f.transitions[p][k]!) }
            let changes = f.orderedChanges(p)
            w.int(changes.count)
            for (c, area) in changes { w.i32(Int32(c.status.rawValue)); w.i32(Int32(c.coverLevel)); w.double(area) }
        }
        return w.bytes
    }

    package static func decodeFacts(_ bytes: [UInt8], source: String) throws -> AreaFacts {
        var r = ByteReader(bytes, source: source)
        let area = try r.double()
        let millesimes = try r.int()
        var f = AreaFacts(millesimeCount: millesimes, periodCount: 0, area: area)
        for m in 0..<millesimes {
            f.covered[m] = try r.double()
            f.lcr[m] = try r.double()
            for _ in 0..<(try r.int()) { let k = try r.key(); f.stock[m][k] = try r.double() }
        }
        let periods = try r.int()
        f.transitions = Array(repeating: [:], count: periods)
        f.lcrFlux = Array(repeating: LCRFlux(), count: periods)
        f.changes = Array(repeating: [:], count: periods)
        for p in 0..<periods {
            f.lcrFlux[p] = LCRFlux(artificialisation: try r.double(), desartificialisation: try r.double())
            for _ in 0..<(try r.int()) {
                let a = try r.key(), b = try r.key()
                f.transitions[p][Transition(a, b)] = try r.double()
            }
            for _ in 0..<(try r.int()) {
                let status = try r.i32(), level = try r.i32()
                guard let s = LandChange.Status(rawValue: UInt8(clamping: status)), (0...255).contains(level) else {
                    throw InputError(source, "corrupt change in the facts store")
                }
                f.changes[p][LandChange(status: s, coverLevel: UInt8(level)), default: 0] += try r.double()
            }
        }
        return f
    }

    package static func encode(_ pieces: [MapPiece]) -> [UInt8] {
        var w = ByteWriter()
        w.int(pieces.count)
        for p in pieces {
            w.int(p.classes.count)
            for c in p.classes { w.i32(c) }
            w.u64(p.changes.low); w.u64(p.changes.high)
            w.rings(p.polygon)
        }
        return w.bytes
    }

    package static func decodePieces(_ bytes: [UInt8], source: String) throws -> [MapPiece] {
        var r = ByteReader(bytes, source: source)
        var out: [MapPiece] = []
        let n = try r.int()
        out.reserveCapacity(n)
        for _ in 0..<n {
            var classes: [Int32] = []
            for _ in 0..<(try r.int()) { classes.append(try r.i32()) }
            let changes = PeriodChanges(low: try r.u64(), high: try r.u64())
            out.append(MapPiece(classes: classes, changes: changes, polygon: try r.rings()))
        }
        return out
    }

    package static func encode(_ outline: [PolygonRings]) -> [UInt8] {
        var w = ByteWriter()
        w.int(outline.count)
        for p in outline { w.rings(p) }
        return w.bytes
    }

    package static func decodeOutline(_ bytes: [UInt8], source: String) throws -> [PolygonRings] {
        var r = ByteReader(bytes, source: source)
        var out: [PolygonRings] = []
        for _ in 0..<(try r.int()) { out.append(try r.rings()) }
        return out
    }
}
