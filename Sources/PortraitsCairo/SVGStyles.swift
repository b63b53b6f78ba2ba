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
        var shortened: [ArraySlice<UInt8>: [UInt8]] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        let n = input.count
        while i < n {
            if input[i] == 0x20, i + marker.count <= n, input[i..<(i + marker.count)].elementsEqual(marker),
               let end = input[(i + marker.count)...].firstIndex(of: 0x22) {
                let raw = input[(i + marker.count)..<end]
                let style: [UInt8]
                if let known = shortened[raw] {
                    style = known
                } else {
                    style = Array(shorten(String(decoding: raw, as: UTF8.self)).utf8)
                    shortened[raw] = style
                }
                if !style.isEmpty {
                    out += marker
                    out += style
                    out.append(0x22)
                }
                i = end + 1
                continue
            }
            out.append(input[i])
            i += 1
        }
        return out
    }

    /// One style's declarations without the defaults, colours as `#rrggbb`.
    static func shorten(_ style: String) -> String {
        var declarations: [(String, String)] = []
        for part in style.split(separator: ";") {
            guard let colon = part.firstIndex(of: ":") else { continue }
            let key = part[..<colon].trimmingCharacters(in: .whitespaces)
            let value = part[part.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            declarations.append((key, value))
        }
        func value(_ k: String) -> String? { declarations.last { $0.0 == k }?.1 }
        let stroked = (value("stroke") ?? "none") != "none"
        let join = value("stroke-linejoin") ?? "miter"
        var kept: [String] = []
        for (k, v) in declarations {
            switch k {
            case "fill-rule", "clip-rule": if v == "nonzero" { continue }
            case "fill-opacity", "stroke-opacity", "opacity": if Double(v) == 1 { continue }
            case "stroke": if v == "none" { continue }
            case "stroke-width": if !stroked || Double(v) == 1 { continue }
            case "stroke-linecap": if !stroked || v == "butt" { continue }
            case "stroke-linejoin": if !stroked || v == "miter" { continue }
            case "stroke-miterlimit": if !stroked || join != "miter" || Double(v) == 4 { continue }
            case "stroke-dasharray": if !stroked || v == "none" { continue }
            case "stroke-dashoffset": if !stroked || Double(v) == 0 { continue }
            default: break
            }
            kept.append("\(k):\(hexColors(v))")
        }
        return kept.joined(separator: ";")
    }

    /// `rgb(80.392157%,0%,100%)` → `#cd00ff`; any other value unchanged.
    static func hexColors(_ v: String) -> String {
        guard v.hasPrefix("rgb("), v.hasSuffix(")") else { return v }
        let channels = v.dropFirst(4).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard channels.count == 3 else { return v }
        let hex = Array("0123456789abcdef")
        var out = "#"
        for c in channels {
            let byte: Int
            if c.hasSuffix("%"), let p = Double(c.dropLast()) { byte = Int((p * 255 / 100).rounded()) }
            else if let b = Int(c) { byte = b } else { return v }
            let clamped = max(0, min(255, byte))
            out.append(hex[clamped >> 4]); out.append(hex[clamped & 15])
        }
        return out
    }
}
