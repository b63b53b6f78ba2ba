import PortraitsCore
import PortraitsGraphics
import PortraitsModel

/// A territory's map pieces (`MapPieces`) as the scripts the page loads when a reader taps or
/// zooms a map: `carte-polygones.js` (classes, periods, tile grid, outline, and the pieces when
/// there is one tile) and `carte-polygones-<n>.js` per tile. Scripts rather than JSON, so that a
/// site opened from disk (`file://`, where `fetch` is refused) can load them.
///
/// Rings are written as Google's encoded polylines (each coordinate in sixteenths of a frame
/// pixel, zigzag-encoded differences in 5-bit groups, one character each): about four characters a
/// vertex, against eight in SVG path data.
package enum MapPiecesScript {
    /// Units per frame pixel.
    package static let quantum = 16.0

    package static func indexPath(folder: String) -> String { "\(folder)/carte-polygones.js" }
    package static func tilePath(folder: String, tile: Int) -> String { "\(folder)/carte-polygones-\(tile).js" }

    /// Every file of a territory's pieces: (path, content).
    package static func files(_ pieces: MapPieces, folder: String) -> [(path: String, text: String)] {
        var out = [(indexPath(folder: folder), index(pieces))]
        if pieces.isTiled {
            for (i, tile) in pieces.tiles.enumerated() where !tile.isEmpty {
                out.append((tilePath(folder: folder, tile: i), call([("tile", String(i)), ("pieces", list(tile))])))
            }
        }
        return out
    }

    static func index(_ p: MapPieces) -> String {
        var pairs: [(String, String)] = [
            ("w", JSONText.number(p.width)), ("h", JSONText.number(p.height)), ("q", JSONText.number(quantum)),
            ("millesimes", JSONText.array(p.millesimes.map(String.init))),
            ("millesimeLabels", JSONText.array(p.millesimeLabels.map(JSONText.string))),
            ("periods", JSONText.array(p.periods.map(JSONText.string))),
            ("periodLabels", JSONText.array(p.periodLabels.map(JSONText.string))),
            ("classes", JSONText.array(p.classes.map { JSONText.array([JSONText.string($0.code), JSONText.string($0.label), JSONText.string($0.color.hex)]) })),
            ("kinds", JSONText.array(ChangeKind.allCases.map {
                JSONText.array([String($0.rawValue), JSONText.string($0.label), JSONText.string(ChangeMapStyle.color($0).hex)])
            })),
            ("grid", JSONText.array([String(p.columns), String(p.rows)])),
            ("outline", JSONText.array(p.outline.map { JSONText.string(encode($0)) })),
        ]
        if !p.isTiled { pairs.append(("pieces", list(p.tiles[0]))) }
        return call(pairs)
    }

    static func call(_ pairs: [(String, String)]) -> String { "portraitsMapPieces(" + JSONText.object(pairs) + ");\n" }

    /// `[area in m², [class per millésime], [change kind per period], [ring, …]]` per piece,
    /// written as bytes (a département's tiles hold hundreds of thousands of pieces).
    static func list(_ pieces: [MapPieces.Piece]) -> String {
        var s: [UInt8] = []
        s.reserveCapacity(pieces.reduce(2) { $0 + 24 + $1.rings.reduce(0) { $0 + $1.count * 5 + 3 } })
        func integers(_ values: [Int]) {
            for (k, v) in values.enumerated() {
                if k > 0 { s.append(0x2C) }
                appendInt(v, &s)
            }
        }
        s += "[\n".utf8
        for (i, piece) in pieces.enumerated() {
            if i > 0 { s += ",\n".utf8 }
            s.append(0x5B)
            appendInt(Int(piece.area.rounded()), &s)
            s += ",[".utf8
            integers(piece.classes)
            s += "],[".utf8
            integers(piece.kinds)
            s += "],[".utf8
            for (k, ring) in piece.rings.enumerated() {
                if k > 0 { s.append(0x2C) }
                encoded(ring, escaped: true, into: &s)
            }
            s += "]]".utf8
        }
        s.append(0x5D)
        return String(decoding: s, as: UTF8.self)
    }

    /// A ring as an encoded polyline of its quantised coordinates (x then y), each point but the
    /// first as its difference with the previous one. The ring is not closed again.
    package static func encode(_ ring: [Point]) -> String {
        var out: [UInt8] = []
        encoded(ring, escaped: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func encoded(_ ring: [Point], escaped: Bool, into out: inout [UInt8]) {
        if escaped { out.append(0x22) }
        var px = 0, py = 0
        for p in ring {
            let x = Int((p.x * quantum).rounded()), y = Int((p.y * quantum).rounded())
            put(x - px, &out, escaped: escaped)
            put(y - py, &out, escaped: escaped)
            px = x
            py = y
        }
        if escaped { out.append(0x22) }
    }

    /// A decimal integer, as `String(value)` writes it.
    private static func appendInt(_ value: Int, _ out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0
            while n > 0 { n -= 1; out.append(d[n]) }
        }
    }

    private static func put(_ value: Int, _ out: inout [UInt8], escaped: Bool) {
        var v = value < 0 ? ~(value << 1) : value << 1
        while true {
            let byte = v >= 0x20 ? UInt8((0x20 | (v & 0x1F)) + 63) : UInt8(v + 63)
            if escaped && byte == 0x5C { out.append(0x5C) }
            out.append(byte)
            if v < 0x20 { return }
            v >>= 5
        }
    }

    /// The inverse of `encode`, in frame pixels (for tests).
    package static func decode(_ s: String) -> [Point] {
        var values: [Int] = []
        var shift = 0, acc = 0
        for b in s.utf8 {
            let chunk = Int(b) - 63
            acc |= (chunk & 0x1F) << shift
            if chunk >= 0x20 { shift += 5; continue }
            values.append(acc & 1 != 0 ? ~(acc >> 1) : acc >> 1)
            acc = 0
            shift = 0
        }
        var out: [Point] = []
        var x = 0, y = 0
        var i = 0
        while i + 1 < values.count {
            x += values[i]
            y += values[i + 1]
            out.append(Point(Double(x) / quantum, Double(y) / quantum))
            i += 2
        }
        return out
    }
}
