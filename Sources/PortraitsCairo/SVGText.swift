import CCairo
import Foundation
import PortraitsCore
import PortraitsGraphics

/// Text of the SVG backend. Cairo's SVG surface writes, for every surface, the outline of every
/// glyph it uses with six-decimal `printf` (a chart's text cost ten to fifty times its bars). Here
/// Cairo still shapes the text (`cairo_scaled_font_text_to_glyphs`, the same call `cairo_show_text`
/// makes) and still gives the outlines (`cairo_glyph_path`), but each outline is extracted once per
/// process and font size, and written as Cairo would (`<symbol id="glyphF-N">` in `<defs>`,
/// `<use>` per glyph), so the SVG is the same picture and the inliner shares the glyphs as before.
///
/// Text is painted above the shapes of its scene: scenes never cover text with a later shape
/// (tested), so PNG and PDF, which paint marks in order, show the same thing.
struct SVGTextLayer {
    private var symbols: [UInt8] = []
    private var defined = Set<Int>()
    private var groups: [UInt8] = []

    var isEmpty: Bool { groups.isEmpty }

    /// Lays out one text mark and records its glyphs.
    mutating func add(_ text: String, at p: Point, style: TextStyle) {
        guard !text.isEmpty, p.x.isFinite, p.y.isFinite else { return }
        let font = GlyphOutlines.shared.font(bold: style.bold, size: style.size)
        var x = p.x
        if style.anchor != .start {
            var ext = cairo_text_extents_t()
            cairo_scaled_font_text_extents(font.scaled, text, &ext)
            x -= style.anchor == .middle ? ext.x_advance / 2 : ext.x_advance
        }
        var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
        var count: Int32 = 0
        let status = cairo_scaled_font_text_to_glyphs(font.scaled, x, p.y, text, -1, &glyphs, &count, nil, nil, nil)
        guard status == CAIRO_STATUS_SUCCESS, let glyphs else { return }
        defer { cairo_glyph_free(glyphs) }
        groups += Array("<g style=\"fill:".utf8)
        Self.appendColor(style.color, to: &groups)
        groups += Array(";fill-opacity:1;\"".utf8)
        if style.rotation != 0 && style.rotation.isFinite {
            groups += Array(" transform=\"rotate(".utf8)
            Self.appendNumber(style.rotation, to: &groups); groups.append(0x20)
            Self.appendNumber(p.x, to: &groups); groups.append(0x20)
            Self.appendNumber(p.y, to: &groups)
            groups += Array(")\"".utf8)
        }
        groups += Array(">\n".utf8)
        for k in 0..<Int(count) {
            let g = glyphs[k]
            let key = font.id * 1_000_000 + Int(g.index)
            if !defined.contains(key) {
                defined.insert(key)
                symbols += Array("<symbol overflow=\"visible\" id=\"glyph\(font.id)-\(g.index)\">\n<path style=\"stroke:none;\" d=\"".utf8)
                symbols += GlyphOutlines.shared.outline(font: font, glyph: g.index)
                symbols += Array("\"/>\n</symbol>\n".utf8)
            }
            groups += Array("  <use xlink:href=\"#glyph\(font.id)-\(g.index)\" x=\"".utf8)
            Self.appendNumber(g.x, to: &groups)
            groups += Array("\" y=\"".utf8)
            Self.appendNumber(g.y, to: &groups)
            groups += Array("\"/>\n".utf8)
        }
        groups += Array("</g>\n".utf8)
    }

    /// Cairo's SVG document with the glyph symbols added to its `<defs>` and the text above
    /// everything else.
    func merged(into svg: [UInt8]) -> [UInt8] {
        guard !groups.isEmpty else { return svg }
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + symbols.count + groups.count + 32)
        let defsClose = Array("</defs>".utf8), svgClose = Array("</svg>".utf8)
        guard let end = Bytes.findLast(svgClose, in: svg) else { return svg }
        if let defs = Bytes.find(defsClose, in: svg) {
            out += svg[..<defs]
            out += symbols
            out += svg[defs..<end]
        } else if let root = Bytes.find(Array("<svg".utf8), in: svg), let rootEnd = svg[root...].firstIndex(of: 0x3E) {
            out += svg[...rootEnd]
            out += Array("\n<defs>\n".utf8) + symbols + Array("</defs>".utf8)
            out += svg[(rootEnd + 1)..<end]
        } else {
            return svg
        }
        out += groups
        out += svg[end...]
        return out
    }

    static func appendColor(_ c: RGBColor, to out: inout [UInt8]) {
        out += Array("rgb(".utf8)
        for (k, v) in [c.r, c.g, c.b].enumerated() {
            if k > 0 { out.append(0x2C) }
            appendNumber(Double(v) / 255 * 100, to: &out)
            out.append(0x25)
        }
        out.append(0x29)
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

/// The scaled fonts of the SVG backend (the family of `Typography`, one per weight and size, with
/// the options of Cairo's vector surfaces: no hinting) and the outline of each glyph, extracted
/// once per process. Shared between threads behind a lock.
final class GlyphOutlines: @unchecked Sendable {
    static let shared = GlyphOutlines()

    struct Font {
        /// Number used in the symbol ids (`glyph<id>-<glyph>`): from the weight and size only, so that
        /// ids do not depend on which thread met a font first; from 1 000 up, never one of Cairo's own.
        var id: Int
        var scaled: OpaquePointer
    }

    private let lock = NSLock()
    private var fonts: [Int: Font] = [:]
    private var outlines: [Int: [UInt8]] = [:]

    func font(bold: Bool, size: Double) -> Font {
        let key = Int((size * 100).rounded()) * 2 + (bold ? 1 : 0)
        lock.lock(); defer { lock.unlock() }
        if let f = fonts[key] { return f }
        let face = cairo_toy_font_face_create(Typography.fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        var matrix = cairo_matrix_t(), ctm = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, size, size)
        cairo_matrix_init_identity(&ctm)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        let scaled = cairo_scaled_font_create(face, &matrix, &ctm, options)!
        cairo_font_options_destroy(options)
        cairo_font_face_destroy(face)
        let f = Font(id: 1_000 + key, scaled: scaled)
        fonts[key] = f
        return f
    }

    /// The outline of `glyph` at the origin, as SVG path data with one decimal.
    func outline(font: Font, glyph: UInt) -> [UInt8] {
        let key = font.id * 1_000_000 + Int(glyph)
        lock.lock(); defer { lock.unlock() }
        if let o = outlines[key] { return o }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)!
        let cr = cairo_create(surface)!
        cairo_set_scaled_font(cr, font.scaled)
        var g = cairo_glyph_t(index: glyph, x: 0, y: 0)
        cairo_glyph_path(cr, &g, 1)
        let path = cairo_copy_path(cr)!
        var out: [UInt8] = []
        var i = 0
        let n = path.pointee.data == nil ? 0 : Int(path.pointee.num_data)
        let data = path.pointee.data ?? UnsafeMutablePointer<cairo_path_data_t>(bitPattern: 8)!
        func point(_ k: Int) {
            out.append(0x20); SVGTextLayer.appendNumber(data[k].point.x, to: &out)
            out.append(0x20); SVGTextLayer.appendNumber(data[k].point.y, to: &out)
        }
        while i < n {
            let header = data[i].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO: out += Array(" M".utf8); point(i + 1)
            case CAIRO_PATH_LINE_TO: out += Array(" L".utf8); point(i + 1)
            case CAIRO_PATH_CURVE_TO: out += Array(" C".utf8); point(i + 1); point(i + 2); point(i + 3)
            default: out += Array(" Z".utf8)
            }
            i += Int(header.length)
        }
        cairo_path_destroy(path)
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
        if out.first == 0x20 { out.removeFirst() }
        outlines[key] = out
        return out
    }
}
