import Foundation

/// Every number shown to a reader goes through here: French format, fixed decimals,
/// no-break space between thousands, decimal comma (`1 234,5`).
public enum FrenchNumber {
    /// The thousands separator (U+00A0, no-break space).
    public static let thousands = "\u{00A0}"

    /// `value` rounded half away from zero to `decimals` places, French format. `-0` prints as `0`.
    public static func format(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        let scale = pow(10.0, Double(decimals))
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e17 else { return value < 0 ? "−∞" : "∞" }
        let n = Int64(scaled)
        let negative = value < 0 && n != 0
        let intPart = n / Int64(scale)
        let frac = n % Int64(scale)
        var digits = String(intPart)
        var grouped = ""
        while digits.count > 3 {
            grouped = thousands + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if decimals > 0 {
            var f = String(frac)
            while f.count < decimals { f = "0" + f }
            grouped += "," + f
        }
        return (negative ? "−" : "") + grouped
    }

    /// Hectares from square metres: `1 234,5 ha`.
    public static func hectares(_ squareMetres: Double, decimals: Int = 1) -> String {
        format(squareMetres / 10_000, decimals: decimals) + thousands + "ha"
    }

    /// A share (0…1) as a percentage: `12,3 %`.
    public static func percent(_ share: Double, decimals: Int = 1) -> String {
        format(share * 100, decimals: decimals) + thousands + "%"
    }

    /// Machine form for CSV and data attributes: dot decimal, fixed places, no grouping (`1234.50`).
    public static func plain(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "" }
        let scale = pow(10.0, Double(decimals))
        let n = Int64((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let negative = value < 0 && n != 0
        var s = String(n / Int64(scale))
        if decimals > 0 {
            var f = String(n % Int64(scale))
            while f.count < decimals { f = "0" + f }
            s += "." + f
        }
        return (negative ? "-" : "") + s
    }
}
