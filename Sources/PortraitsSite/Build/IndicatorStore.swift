import PortraitsCore

/// The "compute" stage: indicators that need more than one territory — headline figures of every
/// territory × period (for comparisons and ranks) and each commune's reference consumption (for the
/// ZAN allowance with its communal guarantee). Pure functions over the facts, computed once.
public final class IndicatorStore: @unchecked Sendable {
    let project: Project
    private let headlines: [TerritoryID: [Headline]]
    private let communeReference: [Double]
    public let zanReference: Period?
    public let currentPeriod: Int?

    init(project: Project) throws {
        self.project = project
        let layout = project.layout
        var h: [TerritoryID: [Headline]] = [:]
        for (id, f) in project.facts {
            h[id] = layout.periods.indices.map { Headline.compute(f, period: $0, layout: layout, traits: project.traits) }
        }
        headlines = h
        let used = ZAN.nearestPeriod(to: ZAN.interval(of: project.config.zanReference), in: layout.periods)
        zanReference = used
        if let used, let p = layout.periods.firstIndex(of: used) {
            communeReference = project.tabulation.communeFacts.map { Consumption.figures($0, period: p, layout: layout, traits: project.traits).total }
        } else {
            communeReference = []
        }
        currentPeriod = ZAN.currentPeriod(in: layout.periods).flatMap { layout.periods.firstIndex(of: $0) }
    }

    func headline(_ id: TerritoryID, _ p: Int) -> Headline? { headlines[id]?[p] }

    func zan(_ t: Territory) -> ZANTrajectory? {
        guard let used = zanReference, let cur = currentPeriod, let facts = project.facts[t.id] else { return nil }
        let current = Consumption.figures(facts, period: cur, layout: project.layout, traits: project.traits)
        return ZAN.trajectory(referenceAsked: project.config.zanReference, referenceUsed: used,
                              communeReference: t.communeIndices.map { communeReference[$0] }, current: current)
    }

    /// The parent whose children the territory is ranked among, and its ranks.
    func ranks(_ t: Territory, _ p: Int) -> (Territory, (consumption: Rank, artificialised: Rank))? {
        let parentLevel: TerritoryLevel
        switch t.id.level {
        case .commune: parentLevel = .epci
        case .epci, .scot: parentLevel = .departement
        case .departement: parentLevel = .region
        case .region: return nil
        }
        guard let pid = t.parents.first(where: { $0.level == parentLevel }), let parent = project.catalog[pid] else { return nil }
        let siblings = project.catalog.all(t.id.level).filter { $0.parents.first { $0.level == parentLevel } == pid }
        guard siblings.count > 1 else { return nil }
        var cons: [TerritoryID: Double] = [:], art: [TerritoryID: Double] = [:]
        for s in siblings {
            guard let h = headline(s.id, p) else { continue }
            cons[s.id] = h.consumptionIntensity
            art[s.id] = h.artificialisedShare
        }
        guard let rc = Comparison.rank(of: t.id, in: cons), let ra = Comparison.rank(of: t.id, in: art) else { return nil }
        return (parent, (rc, ra))
    }
}
