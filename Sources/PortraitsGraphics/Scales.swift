/// Scales map data values to pixels.
public enum Scales {
    /// A linear scale; a degenerate domain maps everything to the start of the range, and
    /// non-finite values to the start too, so no NaN reaches a backend.
    public static func linear(domain: ClosedRange<Double>, range: ClosedRange<Double>) -> (Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        return { v in
            guard v.isFinite, span > 0, span.isFinite else { return range.lowerBound }
            return range.lowerBound + (v - domain.lowerBound) / span * (range.upperBound - range.lowerBound)
        }
    }
}
