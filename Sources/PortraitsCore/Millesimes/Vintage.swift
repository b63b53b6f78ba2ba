/// The millésimes of one commune's land cover, by rank: `[2018, 2021]` is its 1st and 2nd millésime.
///
/// IGN photographs each département in its own years, so two communes of one project may have
/// different vintages. A figure at rank *r* of a territory sums its communes' figures at their own
/// *r*-th millésime; a vintage tells which year that is for one commune.
public struct Vintage: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Increasing years.
    public let years: [Int]

    public init(_ years: [Int]) {
        self.years = Array(Set(years)).sorted()
    }

    public var rankCount: Int { years.count }

    /// The year of rank `r` (1-based), nil when this commune has fewer millésimes.
    public func year(rank r: Int) -> Int? { r >= 1 && r <= years.count ? years[r - 1] : nil }

    /// The period between the commune's years of ranks `a` and `b` (1-based), nil when it lacks one.
    public func period(ranks a: Int, _ b: Int) -> Period? {
        guard let y0 = year(rank: a), let y1 = year(rank: b) else { return nil }
        return Period(y0, y1)
    }

    /// `2018, 2021`.
    public var description: String { years.map(String.init).joined(separator: ", ") }

    public static func < (a: Vintage, b: Vintage) -> Bool { a.years.lexicographicallyPrecedes(b.years) }
}
