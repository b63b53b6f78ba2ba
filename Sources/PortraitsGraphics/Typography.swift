/// The one place the font is declared. DejaVu Sans is installed by `fonts-dejavu-core` (the setup
/// installs it); it covers French accents, the no-break spaces and the minus sign.
public enum Typography {
    public static let fontFamily = "DejaVu Sans"

    /// Approximate advance of a string in pixels, for layout before a backend measures it:
    /// DejaVu Sans averages about 0.6 em per character in French labels.
    public static func estimatedWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.66 : 0.6)
    }

    /// `text` cut with an ellipsis so that it fits in `width` pixels (estimated).
    public static func truncated(_ text: String, toWidth width: Double, size: Double) -> String {
        if estimatedWidth(text, size: size) <= width { return text }
        let n = max(1, Int(width / (size * 0.6)) - 1)
        return String(text.prefix(n)) + "…"
    }

    /// `text` in lines no wider than `width` (estimated widths), as `TextMeasure.wrap` breaks them.
    public static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        TextMeasure.estimated.wrap(text, width: width, size: size, bold: bold)
    }
}
