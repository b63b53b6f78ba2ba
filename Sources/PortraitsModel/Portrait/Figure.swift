import PortraitsCore
import PortraitsProject

/// A number a reader sees, with its unit. The page, the PDF and the page's CSV all read it; its
/// `text` is the one way it is written in French.
package struct Figure: Sendable, Equatable {
    package enum Unit: Sendable, Equatable {
        /// Square metres shown as hectares with their unit: `1 234,5 ha`.
        case hectares
        /// A change in square metres: `+12,3 ha`, `−4,0 ha`.
        case signedHectares
        /// Square metres shown as a number of hectares in a table whose header says "ha": `1 234,5`.
        case hectareNumber
        /// A share 0…1: `12,3 %`.
        case percent
        /// A relative change 0…1: `+12,3 %`.
        case signedPercent
        /// A whole number: `12`.
        case count
        /// Square metres per hectare shown as hectares per 1 000 ha, two decimals.
        case intensity
    }

    /// nil when the figure cannot be computed (written "–").
    package let value: Double?
    package let unit: Unit

    /// The text, but « < 0,1 ha » (« < 0,01 » per 1 000 ha) for a positive value that rounds to
    /// zero: in a table that ranks it (Benfeld, 135th, showed « 0,0 ha »), zero would read as none.
    package var textAboveZero: String {
        guard let v = value, v > 0, text == Figure(value: 0, unit: unit).text else { return text }
        switch unit {
        case .hectares, .signedHectares: return "< " + Fmt.ha(1_000)
        case .intensity: return "< " + FrenchNumber.format(0.01, decimals: 2)
        default: return text
        }
    }

    package var text: String {
        guard let v = value else { return "–" }
        switch unit {
        case .hectares: return Fmt.ha(v)
        case .signedHectares: return Fmt.signedHa(v)
        case .hectareNumber: return Fmt.num(v)
        case .percent: return Fmt.pct(v)
        case .signedPercent: return Fmt.signedPct(v)
        case .count: return FrenchNumber.format(v, decimals: 0)
        case .intensity: return FrenchNumber.format(v / 10_000, decimals: 2)
        }
    }

    package static func ha(_ m2: Double) -> Figure { Figure(value: m2, unit: .hectares) }
    package static func signedHa(_ m2: Double) -> Figure { Figure(value: m2, unit: .signedHectares) }
    package static func num(_ m2: Double) -> Figure { Figure(value: m2, unit: .hectareNumber) }
    package static func pct(_ share: Double?) -> Figure { Figure(value: share, unit: .percent) }
    package static func signedPct(_ share: Double?) -> Figure { Figure(value: share, unit: .signedPercent) }
    package static func count(_ n: Int) -> Figure { Figure(value: Double(n), unit: .count) }
}

/// A figure with the words that say what it is: a row of a two-column table, a key figure.
package struct LabelledFigure: Sendable, Equatable {
    package let label: String
    package let figure: Figure
}
