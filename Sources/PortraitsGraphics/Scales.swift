/// Scales map data values to pixels.
public enum Scales {
    /// A linear scale from `domain` (from, to) to `range` (from, to); either may decrease (a y axis
    /// pointing up). A degenerate domain maps everything to the start of the range, and non-finite
    /// values to the start too, so no NaN reaches a backend.
    public static func linear(domain: (Double, Double), range: (Double, Double)) -> (Double) -> Double {
        let span = domain.1 - domain.0
        return { v in
            guard v.isFinite, span != 0, span.isFinite else { return range.0 }
            return range.0 + (v - domain.0) / span * (range.1 - range.0)
        }
    }
}
