import PortraitsCore

/// One labelled value of a bar chart (m² unless the chart says otherwise).
public struct BarRow: Sendable, Equatable {
    public var label: String
    public var value: Double
    public var color: RGBColor

    public init(label: String, value: Double, color: RGBColor) {
        self.label = label
        self.value = value
        self.color = color
    }

    /// The value, or 0 when it cannot be drawn (NaN, infinite).
    var finite: Double { value.isFinite ? value : 0 }
}

/// Value labels of charts.
public enum ValueFormat: Sendable {
    /// Square metres shown as hectares: `1 234,5 ha`, signed when `signed`.
    case hectares(signed: Bool)
    /// A share 0…1 as a percentage.
    case percent

    func text(_ v: Double) -> String {
        switch self {
        case .hectares(let signed):
            let s = FrenchNumber.hectares(v)
            return signed && v > 0 && !s.hasPrefix("0,0") ? "+" + s : s
        case .percent:
            return FrenchNumber.percent(v)
        }
    }
}
