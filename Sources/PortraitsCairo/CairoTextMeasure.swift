import CCairo
import Foundation
import PortraitsGraphics

extension TextMeasure {
    /// Text measured by Cairo with the font and the options it draws with (`CairoMarks.text`:
    /// `Typography.fontFamily`, no hinting of metrics, so that an advance scales with the size).
    /// The printed pages lay out their lines with it: a line is as wide as it will be drawn.
    public static let cairo: TextMeasure = {
        let fonts = CairoFonts()
        return TextMeasure { text, bold in fonts.advance(text, bold: bold) }
    }()
}

/// The two faces the scenes use (regular and bold), scaled to 1 000 units so that advances keep
/// their precision, behind a lock: the PDF stage measures on every core.
///
/// Each advance is kept: the printed pages measure the same words, labels and numbers in every
/// portrait and atlas, and Cairo's answer for a string never changes. The cache stops growing at
/// `cacheBytes` of strings and entries as `UTF8Key.weight` counts them (the dictionary's spare
/// capacity comes on top, up to about twice that), after which new strings are measured each time.
private final class CairoFonts: @unchecked Sendable {
    private static let unit = 1_000.0
    private static let cacheBytes = 64 << 20
    private let regular: OpaquePointer
    private let bold: OpaquePointer
    private let lock = NSLock()
    private var regularAdvances: [UTF8Key: Double] = [:]
    private var boldAdvances: [UTF8Key: Double] = [:]
    private var cached = 0

    init() {
        regular = Self.scaledFont(weight: CAIRO_FONT_WEIGHT_NORMAL)
        bold = Self.scaledFont(weight: CAIRO_FONT_WEIGHT_BOLD)
    }

    private static func scaledFont(weight: cairo_font_weight_t) -> OpaquePointer {
        let face = cairo_toy_font_face_create(Typography.fontFamily, CAIRO_FONT_SLANT_NORMAL, weight)
        var matrix = cairo_matrix_t(), identity = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, unit, unit)
        cairo_matrix_init_identity(&identity)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        let font = cairo_scaled_font_create(face, &matrix, &identity, options)!
        cairo_font_options_destroy(options)
        cairo_font_face_destroy(face)
        return font
    }

    func advance(_ text: String, bold isBold: Bool) -> Double {
        let key = UTF8Key(text: text)
        lock.lock()
        defer { lock.unlock() }
        if let known = isBold ? boldAdvances[key] : regularAdvances[key] { return known }
        var extents = cairo_text_extents_t()
        cairo_scaled_font_text_extents(isBold ? bold : regular, text, &extents)
        let advance = extents.x_advance / Self.unit
        if cached + key.weight <= Self.cacheBytes {
            cached += key.weight
            if isBold { boldAdvances[key] = advance } else { regularAdvances[key] = advance }
        }
        return advance
    }
}
