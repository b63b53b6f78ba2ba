import Foundation
import PortraitsCore

/// Classes of a choropleth: breaks at quantiles of the values, rounded to two significant
/// digits, with a sequential ramp (light → dark) and French labels.
public struct ChoroplethClasses: Sendable {
    public var breaks: [Double]
    public var colors: [RGBColor]
    public var labels: [String]

    /// A yellow-to-red ramp of five steps, readable in grey levels too.
    public static let ramp: [RGBColor] = [
        RGBColor(r: 0xff, g: 0xf2, b: 0xcc), RGBColor(r: 0xfe, g: 0xcc, b: 0x5c), RGBColor(r: 0xfd, g: 0x8d, b: 0x3c),
        RGBColor(r: 0xe0, g: 0x3b, b: 0x24), RGBColor(r: 0x8c, g: 0x10, b: 0x1a),
    ]

    /// Up to five classes at the quintiles of `values` (fewer when values repeat); `unit` ends each
    /// label. When at least a fifth of the values are zero, zero is a class of its own ("0") and
    /// the quantiles are taken among the others, so that many zeros do not swallow the classes.
    public init(values: [Double], unit: String, decimals: Int = 1) {
        let sorted = values.filter(\.isFinite).sorted()
        let zeros = sorted.filter { $0 == 0 }.count
        let zeroClass = sorted.count > 1 && zeros * 5 >= sorted.count && zeros < sorted.count
        let rest = zeroClass ? sorted.filter { $0 != 0 } : sorted
        var breaks: [Double] = zeroClass ? [Double.leastNonzeroMagnitude] : []
        let steps = zeroClass ? 4 : 5
        if rest.count > 1 {
            for k in 1..<steps {
                let q = Self.round2(rest[min(rest.count - 1, rest.count * k / steps)])
                if q > rest.first!, breaks.last.map({ q > $0 }) ?? true { breaks.append(q) }
            }
        }
        self.breaks = breaks
        let n = breaks.count + 1
        let step = n > 1 ? Double(Self.ramp.count - 1) / Double(n - 1) : 0
        colors = (0..<n).map { Self.ramp[Int((Double($0) * step).rounded())] }
        func f(_ v: Double) -> String { FrenchNumber.format(v, decimals: decimals) }
        if breaks.isEmpty {
            labels = ["\(f(sorted.first ?? 0)) \(unit)"]
        } else {
            labels = (0..<n).map { i in
                if zeroClass && i == 0 { return "0 (aucune)" }
                if i == 0 { return "moins de \(f(breaks[0])) \(unit)" }
                let low = zeroClass && i == 1 ? "plus de 0" : f(breaks[i - 1])
                if i == n - 1 { return zeroClass && i == 1 ? "plus de 0 \(unit)" : "\(low) \(unit) et plus" }
                return zeroClass && i == 1 ? "plus de 0 à \(f(breaks[i])) \(unit)" : "de \(low) à \(f(breaks[i])) \(unit)"
            }
        }
    }

    public func index(of v: Double) -> Int {
        guard v.isFinite else { return 0 }
        return breaks.firstIndex { v < $0 } ?? breaks.count
    }

    /// Two significant digits.
    static func round2(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return 0 }
        let mag = pow(10, floor(log10(abs(v))) - 1)
        return (v / mag).rounded() * mag
    }
}
