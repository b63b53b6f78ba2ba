import PortraitsCore
import PortraitsProject

/// What one portrait page shows: a period (t0 → t1), or a single millésime when the land cover has
/// only one date.
public struct PortraitView: Sendable, Equatable {
    public var period: Period?
    public var millesime: Int

    /// `2019-2021` or `2018`: the page's file name.
    public var id: String { period.map(\.description) ?? String(millesime) }
    public var label: String { period.map(\.label) ?? String(millesime) }

    /// The views of a build: one per period; with no period, one per millésime.
    public static func all(_ layout: FactsLayout) -> [PortraitView] {
        if layout.periods.isEmpty { return layout.millesimes.map { PortraitView(period: nil, millesime: $0) } }
        return layout.periods.map { PortraitView(period: $0, millesime: $0.end) }
    }

    /// The view index pages link to: the longest period (first → last), else the latest millésime.
    public static func main(_ views: [PortraitView]) -> PortraitView {
        views.max { a, b in
            let la = a.period?.years ?? 0, lb = b.period?.years ?? 0
            return la != lb ? la < lb : a.millesime < b.millesime
        }!
    }
}
