/// The years one figure of a territory sums at one rank: one year when all its communes were
/// photographed the same year, else each year with the communes and the area it covers.
///
/// Every title, sentence, axis or column that names a millésime of a territory is written from its
/// span, so that a page never presents a sum over 2021 and 2022 as "2021".
public struct YearSpan: Sendable, Equatable, CustomStringConvertible {
    public struct Part: Sendable, Equatable {
        public var year: Int
        /// Number of the territory's communes whose millésime of this rank is `year`.
        public var communes: Int
        /// Their area, m².
        public var area: Double

        public init(year: Int, communes: Int, area: Double) {
            self.year = year
            self.communes = communes
            self.area = area
        }
    }

    /// By increasing year; never empty.
    public let parts: [Part]

    public init(parts: [Part]) {
        precondition(!parts.isEmpty, "a year span has at least one year")
        self.parts = parts.sorted { $0.year < $1.year }
    }

    public init(_ year: Int) { self.init(parts: [Part(year: year, communes: 1, area: 0)]) }

    /// The year when there is only one.
    public var single: Int? { parts.count == 1 ? parts[0].year : nil }

    /// `2021`, or `2021 ou 2022`: never one year for several.
    public var description: String { FrenchText.or(parts.map { String($0.year) }) }

    /// `2021`, or `2021 ou 2022 selon les communes`.
    public var label: String { parts.count == 1 ? description : "\(description) selon les communes" }

    /// `2021 (12 communes) et 2022 (6 communes)`; `2021` alone when there is one year.
    public var detail: String {
        guard parts.count > 1 else { return description }
        return FrenchText.and(parts.map { "\($0.year) (\(Self.communes($0.communes)))" })
    }

    /// `1 commune`, `3 communes`.
    static func communes(_ n: Int) -> String { "\(n) commune\(n > 1 ? "s" : "")" }

    /// `1er millésime`, `2e millésime`: the name of rank `r` (1-based).
    public static func rankName(_ r: Int) -> String { r == 1 ? "1er millésime" : "\(r)e millésime" }
}
