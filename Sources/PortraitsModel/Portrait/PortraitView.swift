import PortraitsCore
import PortraitsProject

/// What one portrait page shows: a period (t0 → t1), or a single millésime when the land cover has
/// only one date. `period` and `millesime` are keys of the project's layout: years, or ranks when
/// départements were photographed in different years (`ranked`); a territory's own years for a
/// view are its `ViewYears`.
public struct PortraitView: Sendable, Equatable {
    public var period: Period?
    public var millesime: Int
    public var ranked = false

    public init(period: Period?, millesime: Int, ranked: Bool = false) {
        self.period = period
        self.millesime = millesime
        self.ranked = ranked
    }

    /// `2019-2021` or `2018`, or by rank `millesimes-1-2` or `millesime-2`: the page's file name,
    /// the same for every territory of the portal.
    public var id: String {
        if ranked { return period.map { "millesimes-\($0.start)-\($0.end)" } ?? "millesime-\(millesime)" }
        return period.map(\.description) ?? String(millesime)
    }

    /// `2019–2021`, or by rank `1er → 2e millésime`: the view's name where no territory is in
    /// question (a territory's pages say its years: `ViewYears`).
    public var label: String {
        if ranked { return period.map { "\(YearSpan.rankName($0.start)) → \(YearSpan.rankName($0.end))" } ?? YearSpan.rankName(millesime) }
        return period.map(\.label) ?? String(millesime)
    }

    /// The views of a build: one per period; with no period, one per millésime.
    public static func all(_ layout: FactsLayout) -> [PortraitView] {
        if layout.periods.isEmpty { return layout.millesimes.map { PortraitView(period: nil, millesime: $0, ranked: layout.ranked) } }
        return layout.periods.map { PortraitView(period: $0, millesime: $0.end, ranked: layout.ranked) }
    }

    /// The view index pages link to: the longest period (first → last), else the latest millésime.
    /// Ranks keep the order of years, so the longest span of ranks is the longest in years too.
    public static func main(_ views: [PortraitView]) -> PortraitView {
        views.max { a, b in
            let la = a.period?.years ?? 0, lb = b.period?.years ?? 0
            return la != lb ? la < lb : a.millesime < b.millesime
        }!
    }
}
