/// The periods one figure of a territory sums over a period of ranks (1st → 2nd millésime…): one
/// pair of years, or each commune's pair with the communes and area it covers.
public struct PeriodSpan: Sendable, Equatable, CustomStringConvertible {
    public struct Part: Sendable, Equatable {
        public var period: Period
        public var communes: Int
        /// Their area, m².
        public var area: Double

        public init(period: Period, communes: Int, area: Double) {
            self.period = period
            self.communes = communes
            self.area = area
        }
    }

    /// By period; never empty.
    public let parts: [Part]

    public init(parts: [Part]) {
        precondition(!parts.isEmpty, "a period span has at least one period")
        self.parts = parts.sorted { $0.period < $1.period }
    }

    /// The period when every commune has the same.
    public var single: Period? { parts.count == 1 ? parts[0].period : nil }

    /// `2018–2021`, or `2018–2021 ou 2019–2022`.
    public var description: String { FrenchText.or(parts.map(\.period.label)) }

    /// `2018–2021`, or `2018–2021 ou 2019–2022 selon les communes`.
    public var label: String { parts.count == 1 ? description : "\(description) selon les communes" }

    /// `entre 2018 et 2021`, or `entre 2018 et 2021 (3 communes) et entre 2019 et 2022 (6 communes)`.
    public var between: String {
        if let p = single { return "entre \(p.start) et \(p.end)" }
        return FrenchText.and(parts.map { "entre \($0.period.start) et \($0.period.end) (\($0.communes) commune\($0.communes > 1 ? "s" : ""))" })
    }
}
