import Foundation

/// Shortens the `style` attributes of an SVG written by Cairo. Cairo spells every property of
/// every shape (`fill-rule:nonzero;fill:rgb(80.392157%,80.392157%,80.392157%);fill-opacity:1;
/// stroke-width:1;stroke-linecap:butt;stroke-linejoin:round;stroke:rgb(…);stroke-opacity:1;
/// stroke-miterlimit:10;`): about half of a chart's bytes. Here each colour becomes `#rrggbb`
/// (the percentages are Cairo's 8-bit channels, so the byte comes back exactly) and every
/// declaration that says what SVG does anyway is dropped: the same picture, a third of the style.
public enum SVGStyles {
    /// The document with every `style="…"` shortened; everything else copied as it is. A chart
    /// repeats a handful of styles over hundreds of shapes: each distinct style is shortened once.
    public static func compact(_ input: [UInt8]) -> [UInt8] {
        let marker = Array(" style=\"".utf8)
        var shortened: [StyleKey: [UInt8]] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        input.withUnsafeBufferPointer { b in
            let n = b.count, m = marker.count
            var i = 0, copied = 0
            while i + m <= n {
                // A style attribute: ` style="` (the first byte rules out nearly every position).
                guard b[i] == 0x20, b[i + 1] == 0x73, b[i + 2] == 0x74 else { i += 1; continue }
                var k = 3
                while k < m, b[i + k] == marker[k] { k += 1 }
                guard k == m else { i += 1; continue }
                var end = i + m
                while end < n, b[end] != 0x22 { end += 1 }
                guard end < n else { break }
                out.append(contentsOf: b[copied..<i])
                let raw = input[(i + m)..<end]
                let style: [UInt8]
                if let known = shortened[StyleKey(bytes: raw)] {
                    style = known
                } else {
                    style = Self.seen.shortened(raw)
                    shortened[StyleKey(bytes: raw)] = style
                }
                if !style.isEmpty {
                    out += marker
                    out += style
                    out.append(0x22)
                }
                i = end + 1
                copied = i
            }
            out.append(contentsOf: b[copied..<n])
        }
        return out
    }

    /// The styles shortened so far by the process: a site's charts and maps repeat a few hundred
    /// styles (a palette, a few strokes) across tens of thousands of documents.
    private static let seen = KnownStyles()

    /// One style's declarations without the defaults, colours as `#rrggbb`.
    static func shorten(_ style: String) -> String {
        String(decoding: shorten(bytes: Array(style.utf8)[...]), as: UTF8.self)
    }

    /// The same on the style's bytes (Cairo writes ASCII), without Foundation: called for every
    /// distinct style of every chart and map of a build.
    static func shorten(bytes style: ArraySlice<UInt8>) -> [UInt8] {
        @inline(__always) func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var lo = s.startIndex, hi = s.endIndex
            while lo < hi, s[lo] == 0x20 || s[lo] == 0x09 { lo += 1 }
            while hi > lo, s[hi - 1] == 0x20 || s[hi - 1] == 0x09 { hi -= 1 }
            return s[lo..<hi]
        }
        var declarations: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
        for part in style.split(separator: 0x3B) {
            guard let colon = part.firstIndex(of: 0x3A) else { continue }
            declarations.append((trimmed(part[..<colon]), trimmed(part[(colon + 1)...])))
        }
        func value(_ k: String) -> ArraySlice<UInt8>? { declarations.last { $0.key.elementsEqual(k.utf8) }?.value }
        func equals(_ v: ArraySlice<UInt8>, _ text: String) -> Bool { v.elementsEqual(text.utf8) }
        func number(_ v: ArraySlice<UInt8>) -> Double? { Double(String(decoding: v, as: UTF8.self)) }
        let stroked = !equals(value("stroke") ?? Array("none".utf8)[...], "none")
        let join = value("stroke-linejoin").map { String(decoding: $0, as: UTF8.self) } ?? "miter"
        var out: [UInt8] = []
        out.reserveCapacity(style.count)
        for (k, v) in declarations {
            switch String(decoding: k, as: UTF8.self) {
            case "fill-rule", "clip-rule": if equals(v, "nonzero") { continue }
            case "fill-opacity", "stroke-opacity", "opacity": if number(v) == 1 { continue }
            case "stroke": if equals(v, "none") { continue }
            case "stroke-width": if !stroked || number(v) == 1 { continue }
            case "stroke-linecap": if !stroked || equals(v, "butt") { continue }
            case "stroke-linejoin": if !stroked || equals(v, "miter") { continue }
            case "stroke-miterlimit": if !stroked || join != "miter" || number(v) == 4 { continue }
            case "stroke-dasharray": if !stroked || equals(v, "none") { continue }
            case "stroke-dashoffset": if !stroked || number(v) == 0 { continue }
            default: break
            }
            if !out.isEmpty { out.append(0x3B) }
            out += k
            out.append(0x3A)
            out += hexColor(v) ?? Array(v)
        }
        return out
    }

    /// `rgb(80.392157%,0%,100%)` → `#cd00ff`; any other value unchanged.
    static func hexColors(_ v: String) -> String {
        hexColor(Array(v.utf8)[...]).map { String(decoding: $0, as: UTF8.self) } ?? v
    }

    /// `#rrggbb` for an `rgb(…)` value of three channels (percentages or bytes), else nil.
    static func hexColor(_ v: ArraySlice<UInt8>) -> [UInt8]? {
        guard v.starts(with: "rgb(".utf8), v.last == 0x29 else { return nil }
        let channels = v.dropFirst(4).dropLast().split(separator: 0x2C, omittingEmptySubsequences: true)
        guard channels.count == 3 else { return nil }
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [0x23]
        for raw in channels {
            var c = raw
            while let f = c.first, f == 0x20 || f == 0x09 { c = c.dropFirst() }
            while let l = c.last, l == 0x20 || l == 0x09 { c = c.dropLast() }
            let byte: Int
            if c.last == 0x25, let p = Double(String(decoding: c.dropLast(), as: UTF8.self)) { byte = Int((p * 255 / 100).rounded()) }
            else if let b = Int(String(decoding: c, as: UTF8.self)) { byte = b } else { return nil }
            let clamped = max(0, min(255, byte))
            out.append(hex[clamped >> 4]); out.append(hex[clamped & 15])
        }
        return out
    }

    /// Shortened styles behind a lock (documents are drawn on every core), up to `limit` of them:
    /// past that, a new style is shortened each time it is met.
    private final class KnownStyles: @unchecked Sendable {
        private let lock = NSLock()
        private var styles: [StyleKey: [UInt8]] = [:]
        private let limit = 20_000

        func shortened(_ raw: ArraySlice<UInt8>) -> [UInt8] {
            let key = StyleKey(bytes: raw)
            lock.lock()
            let found = styles[key]
            lock.unlock()
            if let found { return found }
            let style = shorten(bytes: raw)
            lock.lock()
            if styles.count < limit { styles[StyleKey(bytes: ArraySlice(Array(raw)))] = style }
            lock.unlock()
            return style
        }
    }

    /// A style's bytes as a dictionary key, hashed at once (an `ArraySlice`'s own hash feeds the
    /// hasher byte by byte: a chart looks up a style for each of its hundreds of shapes).
    struct StyleKey: Hashable {
        let bytes: ArraySlice<UInt8>

        static func == (a: StyleKey, b: StyleKey) -> Bool { a.bytes.elementsEqual(b.bytes) }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
