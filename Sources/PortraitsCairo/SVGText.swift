import Foundation
import PortraitsCore
import PortraitsGraphics

/// Text of the SVG backend, as SVG `<text>` elements: selectable, searchable, translatable and sharp
/// at any zoom. Cairo's SVG surface would write each glyph's outline instead (and a chart's text cost
/// ten to fifty times its bars).
///
/// The family is `Typography.fontFamily`, the font Cairo lays the scenes out with (and draws PNG and
/// PDF with); the site ships it as a web font (`assets/dejavusans*.woff2`, declared in `style.css`),
/// so the browser draws the text with the metrics the layout measured. Anchors are written as
/// `text-anchor`, so that a fallback font (a standalone map opened outside the site) still centres
/// and right-aligns its labels.
///
/// Text is painted above the shapes of its scene: scenes never cover text with a later shape
/// (tested), so PNG and PDF, which paint marks in order, show the same thing.
struct SVGTextLayer {
    /// Size and colour written on the group; each text writes its own only when it differs.
    static let defaultSize = 11.0

    private var elements: [UInt8] = []
    private var hotspots: [UInt8] = []

    var isEmpty: Bool { elements.isEmpty && hotspots.isEmpty }

    /// One hotspot: an invisible rectangle, above everything, whose `<title>` says what it covers
    /// (the browser shows it on hover; the site's script also on focus, and moves the focus from
    /// one to the next with the arrow keys).
    mutating func addHotspot(x: Double, y: Double, width: Double, height: Double, label: String) {
        guard [x, y, width, height].allSatisfy(\.isFinite), width > 0, height > 0, !label.isEmpty else { return }
        hotspots += Array("<rect x=\"".utf8)
        Self.appendNumber(x, to: &hotspots)
        hotspots += Array("\" y=\"".utf8)
        Self.appendNumber(y, to: &hotspots)
        hotspots += Array("\" width=\"".utf8)
        Self.appendNumber(max(width, 0.1), to: &hotspots)
        hotspots += Array("\" height=\"".utf8)
        Self.appendNumber(max(height, 0.1), to: &hotspots)
        hotspots += Array("\"><title>".utf8)
        Self.appendEscaped(label, to: &hotspots)
        hotspots += Array("</title></rect>\n".utf8)
    }

    /// One text mark as a `<text>` element.
    mutating func add(_ text: String, at p: Point, style: TextStyle) {
        guard !text.isEmpty, p.x.isFinite, p.y.isFinite, style.size.isFinite, style.size > 0 else { return }
        elements += Array("<text x=\"".utf8)
        Self.appendNumber(p.x, to: &elements)
        elements += Array("\" y=\"".utf8)
        Self.appendNumber(p.y, to: &elements)
        elements.append(0x22)
        if style.size != Self.defaultSize {
            elements += Array(" font-size=\"".utf8)
            Self.appendNumber(style.size, to: &elements)
            elements.append(0x22)
        }
        if style.bold { elements += Array(" font-weight=\"bold\"".utf8) }
        if style.color != Palette.text {
            elements += Array(" fill=\"".utf8)
            Self.appendColor(style.color, to: &elements)
            elements.append(0x22)
        }
        switch style.anchor {
        case .start: break
        case .middle: elements += Array(" text-anchor=\"middle\"".utf8)
        case .end: elements += Array(" text-anchor=\"end\"".utf8)
        }
        if style.rotation != 0 && style.rotation.isFinite {
            elements += Array(" transform=\"rotate(".utf8)
            Self.appendNumber(style.rotation, to: &elements); elements.append(0x20)
            Self.appendNumber(p.x, to: &elements); elements.append(0x20)
            Self.appendNumber(p.y, to: &elements)
            elements += Array(")\"".utf8)
        }
        elements.append(0x3E)
        Self.appendEscaped(text, to: &elements)
        elements += Array("</text>\n".utf8)
    }

    /// Cairo's SVG document with the text, in one group that declares the font, above everything else.
    /// `declaresFont`: the text group names its family and colour (a file); inline in a page, the
    /// stylesheet gives both and the group only its size.
    func merged(into svg: [UInt8], declaresFont: Bool = true) -> [UInt8] {
        guard !isEmpty, let end = Bytes.findLast(Array("</svg>".utf8), in: svg) else { return svg }
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + elements.count + hotspots.count + 128)
        out += svg[..<end]
        if !elements.isEmpty {
            out += Array((declaresFont ? "<g font-family=\"\(Typography.fontFamily), sans-serif\" font-size=\"" : "<g font-size=\"").utf8)
            Self.appendNumber(Self.defaultSize, to: &out)
            if declaresFont {
                out += Array("\" fill=\"".utf8)
                Self.appendColor(Palette.text, to: &out)
            }
            out += Array("\">\n".utf8)
            out += elements
            out += Array("</g>\n".utf8)
        }
        if !hotspots.isEmpty {
            out += Array("<g class=\"hits\" fill=\"transparent\">\n".utf8)
            out += hotspots
            out += Array("</g>\n".utf8)
        }
        out += svg[end...]
        return out
    }

    /// `#rrggbb`.
    static func appendColor(_ c: RGBColor, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(0x23)
        for v in [c.r, c.g, c.b] { out.append(hex[Int(v) >> 4]); out.append(hex[Int(v) & 15]) }
    }

    /// XML text: `&`, `<` and `>` escaped; control characters (never in a label) dropped.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x00..<0x20: out.append(0x20)
            default: out.append(b)
            }
        }
    }

    /// A number with at most one decimal, no trailing zero, no "-0".
    static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        guard v.isFinite else { out.append(0x30); return }
        var tenths = Int((v * 10).rounded())
        if tenths < 0 { out.append(0x2D); tenths = -tenths }
        if tenths == 0 { if out.last == 0x2D { out.removeLast() }; out.append(0x30); return }
        Bytes.appendInt(tenths / 10, to: &out)
        if tenths % 10 != 0 { out.append(0x2E); out.append(UInt8(0x30 + tenths % 10)) }
    }
}
