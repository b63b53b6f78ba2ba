import Foundation
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

    /// Ticks from 0 that cover `maxValue` in about `count` steps of 1, 2 or 5 × 10ⁿ (0, 25, 50 …
    /// would be 2.5: not a step here). The last tick is the first at or above `maxValue`, so it is
    /// the top of the axis. A non-positive or non-finite maximum gives [0, 1].
    public static func niceTicks(upTo maxValue: Double, count: Int = 4) -> [Double] {
        guard maxValue.isFinite, maxValue > 0, count > 0 else { return [0, 1] }
        let raw = maxValue / Double(count)
        let magnitude = pow10(floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        let n = Int((maxValue / step - 1e-9).rounded(.up))
        return (0...max(n, 1)).map { Double($0) * step }
    }

    private static func pow10(_ e: Double) -> Double {
        var v = 1.0
        if e >= 0 { for _ in 0..<Int(e) { v *= 10 } } else { for _ in 0..<Int(-e) { v /= 10 } }
        return v
    }
}
