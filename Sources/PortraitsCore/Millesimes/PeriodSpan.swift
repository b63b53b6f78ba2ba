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

    /// One period for the whole territory.
    public init(_ period: Period) { self.init(parts: [Part(period: period, communes: 1, area: 0)]) }

    /// The period when every commune has the same.
    public var single: Period? { parts.count == 1 ? parts[0].period : nil }

    /// `2018–2021`, or `2018–2021 ou 2019–2022`.
    public var description: String { FrenchText.or(parts.map(\.period.label)) }

    /// `2018–2021`, or `2018–2021 ou 2019–2022 selon les communes`.
    public var label: String { parts.count == 1 ? description : "\(description) selon les communes" }

    /// The years of the period's start, and of its end.
    public var start: YearSpan { years(\.start) }
    public var end: YearSpan { years(\.end) }

    /// The length in years when every part has the same; nil otherwise (a rate per year is then
    /// made commune by commune: `TerritoryYears.scaledByYears`).
    public var years: Int? { Set(parts.map(\.period.years)).count == 1 ? parts[0].period.years : nil }

    /// `2018–2021`, or `2018–2021 (3 communes) et 2019–2022 (6 communes)`.
    public var detail: String {
        guard parts.count > 1 else { return description }
        return FrenchText.and(parts.map { "\($0.period.label) (\(YearSpan.communes($0.communes)))" })
    }

    /// `3 ans`, or `3 ou 4 ans selon les communes`.
    public var duration: String {
        let lengths = Set(parts.map(\.period.years)).sorted()
        return lengths.count == 1 ? "\(lengths[0]) an\(lengths[0] > 1 ? "s" : "")" : "\(FrenchText.or(lengths.map(String.init))) ans selon les communes"
    }

    func years(_ end: KeyPath<Period, Int>) -> YearSpan {
        var out: [Int: YearSpan.Part] = [:]
        for p in parts {
            let y = p.period[keyPath: end]
            out[y, default: YearSpan.Part(year: y, communes: 0, area: 0)].communes += p.communes
            out[y]!.area += p.area
        }
        return YearSpan(parts: Array(out.values))
    }

    /// `Entre 2018 et 2021`, or `Entre 2018 et 2021 (3 communes) et entre 2019 et 2022 (6 communes)`: a sentence's start.
    public var Between: String { "E" + between.dropFirst() }

    /// `entre 2018 et 2021`, or `entre 2018 et 2021 (3 communes) et entre 2019 et 2022 (6 communes)`.
    public var between: String {
        if let p = single { return "entre \(p.start) et \(p.end)" }
        return FrenchText.and(parts.map { "entre \($0.period.start) et \($0.period.end) (\(YearSpan.communes($0.communes)))" })
    }
}
