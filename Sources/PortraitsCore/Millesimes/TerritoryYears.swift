/// The years behind a territory's figures in rank space: for each rank its `YearSpan`, for each
/// period of ranks its `PeriodSpan` and, when its communes' periods differ in length, its facts
/// scaled by each commune's years.
public struct TerritoryYears: Sendable, Equatable {
    /// Per rank (index in the rank layout's `millesimes`): nil when none of its communes has that rank.
    public var millesimes: [YearSpan?]
    /// Per period of ranks: nil when none of its communes has both ranks.
    public var periods: [PeriodSpan?]
    /// Per period of ranks whose span has several lengths: each commune's facts divided by its own
    /// number of years over that period, summed — its flows (transitions, changes, LCR flux) and its
    /// stocks at the period's two ranks, so that a flow or a change of stock read from them is a
    /// rate per year made commune by commune, never a total over "3 or 4 years". Nil where every
    /// commune's period has the same length: a rate is then the total divided by it. Their `area` is 0.
    public var scaledByYears: [AreaFacts?]

    public init(millesimes: [YearSpan?], periods: [PeriodSpan?], scaledByYears: [AreaFacts?]) {
        self.millesimes = millesimes
        self.periods = periods
        self.scaledByYears = scaledByYears
    }

    /// The years of a layout in years: every territory's.
    public static func of(_ layout: FactsLayout) -> TerritoryYears {
        TerritoryYears(millesimes: layout.millesimes.map { YearSpan($0) }, periods: layout.periods.map { PeriodSpan($0) },
                       scaledByYears: layout.periods.map { _ in nil })
    }

    /// True when every rank and period has one year or one pair of years.
    public var isSingle: Bool { millesimes.allSatisfy { $0?.single != nil || $0 == nil } && periods.allSatisfy { $0?.single != nil || $0 == nil } }
}
