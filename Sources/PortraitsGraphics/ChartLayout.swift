/// Widths the charts are laid out at, and what changes on a narrow one. A chart is laid out (not
/// scaled) for the room it gets: on a phone, labels go above their bars instead of beside them and
/// legends wrap, so that its text is drawn at its design size (11 px) and never shrinks below
/// 10 CSS px on a 360 px screen.
public enum ChartLayout {
    /// The web page's column at desktop width (1 100 px wide at most, less its margins).
    public static let wide = 1_040.0
    /// A phone's column (390 px screen less its margins); shown scaled up to 1.5 × on tablets.
    public static let narrow = 358.0
    /// Print: what the PDFs lay out, drawn at 0.82 × in the A4 column (511 pt) so that the
    /// charts' smallest text (10 px) prints at 8.2 pt and their labels (11 px) at 9 pt.
    public static let print = 620.0

    /// Below this width a chart uses its compact layout.
    public static func isCompact(_ width: Double) -> Bool { width < 500 }

    /// Legend items laid out left to right, a new line when the next would pass `width`: the x of
    /// each item (its mark) and its line (0 first).
    public static func flow(_ labels: [String], size: Double, markWidth: Double, spacing: Double, width: Double) -> [(x: Double, line: Int)] {
        var out: [(Double, Int)] = []
        var x = 0.0, line = 0
        for label in labels {
            let w = markWidth + Typography.estimatedWidth(label, size: size)
            if x > 0 && x + w > width { x = 0; line += 1 }
            out.append((x, line))
            x += w + spacing
        }
        return out
    }
}
