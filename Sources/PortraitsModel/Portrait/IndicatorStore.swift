import PortraitsCore
import PortraitsProject

/// The "compute" stage: indicators that need more than one territory — headline figures of every
/// territory × period (for comparisons and ranks) and each commune's reference consumption (for the
/// ZAN allowance with its communal guarantee). Pure functions over the facts, computed once.
public final class IndicatorStore: @unchecked Sendable {
    package let project: Project
    /// The headline figures of every territory × period, computed once here and read by the
    /// pages, comparisons, ranks, level lists, compare data and downloads.
    private let headlines: [TerritoryID: [HeadlineFigures]]
    /// The consumption of every territory × period in detail (destinations, origins), for the
    /// consumption theme of the portraits, which compares the periods.
    private let consumptions: [TerritoryID: [ConsumptionFigures]]
    private let communeReference: [Double]
    /// The ZAN trajectory of every territory, computed once.
    private var zans: [TerritoryID: ZANTrajectory] = [:]
    /// The layout's period the ZAN reference is estimated from, and the current one (indices).
    public let zanReference: Int?
    public let currentPeriod: Int?
    /// Territories grouped by the parent they are ranked in (commune → EPCI, EPCI and SCoT →
    /// département, département → région), built once rather than per page.
    private let siblings: [TerritoryID: [TerritoryID]]

    package init(project: Project) throws {
        self.project = project
        let layout = project.layout
        // On every core: a territory's figures need only its own facts.
        let ids = project.catalog.sorted.map(\.id)
        let chunks = max(1, min(ids.count, defaultThreadCount() * 8))
        let computed: [[(TerritoryID, [HeadlineFigures], [ConsumptionFigures])]] = try parallelMap(count: chunks) { chunk in
            stride(from: chunk, to: ids.count, by: chunks).map { i in
                let f = project.facts[ids[i]]!
                // The years each period sums here, and where they differ in length, rates made commune by commune.
                let years = project.years(ids[i])
                let spans = layout.periods.indices.map { years.periods[$0] ?? PeriodSpan(layout.periods[$0]) }
                let consumption = layout.periods.indices.map {
                    Consumption.figures(f, period: $0, layout: layout, traits: project.traits, span: spans[$0], scaled: years.scaledByYears[$0])
                }
                return (ids[i], layout.periods.indices.map {
                    HeadlineFigures.compute(f, period: $0, layout: layout, traits: project.traits, nomenclature: project.nomenclature,
                                            level: project.displayLevel, consumption: consumption[$0], span: spans[$0], scaled: years.scaledByYears[$0])
                }, consumption)
            }
        }
        headlines = Dictionary(uniqueKeysWithValues: computed.flatMap { $0 }.map { ($0.0, $0.1) })
        consumptions = Dictionary(uniqueKeysWithValues: computed.flatMap { $0 }.map { ($0.0, $0.2) })
        let asked = project.config.zanReference
        let used = Self.referencePeriod(project)
        zanReference = used
        if let used {
            // Each commune's consumption brought to the reference's ten years over its own years.
            communeReference = project.tabulation.communeFacts.enumerated().map { c, f in
                guard let years = project.communePeriod(c, used) else { return 0 }
                return ZAN.broughtToReference(Consumption.figures(f, period: used, layout: layout, traits: project.traits).total, used: years, asked: asked)
            }
        } else {
            communeReference = []
        }
        // Ranks keep the order of years: the latest, shortest period is the current one in both spaces.
        currentPeriod = ZAN.currentPeriod(in: layout.periods).flatMap { layout.periods.firstIndex(of: $0) }
        var groups: [TerritoryID: [TerritoryID]] = [:]
        for t in project.catalog.sorted {
            guard let level = Self.rankingParentLevel(t.id.level), let pid = t.parents.first(where: { $0.level == level }) else { continue }
            groups[pid, default: []].append(t.id)
        }
        siblings = groups
        for t in project.catalog.sorted {
            if let z = trajectory(t) { zans[t.id] = z }
        }
    }

    /// The layout's period nearest to the ZAN reference. In rank space, each vintage's nearest
    /// period of ranks, the one chosen for the largest area winning.
    static func referencePeriod(_ project: Project) -> Int? {
        let layout = project.layout, interval = ZAN.interval(of: project.config.zanReference)
        guard layout.ranked, let vintages = project.vintages else {
            return ZAN.nearestPeriod(to: interval, in: layout.periods).flatMap { layout.periods.firstIndex(of: $0) }
        }
        var weight: [Int: Double] = [:]
        for g in vintages.groups {
            let periods = layout.periods.map { g.vintage.period(ranks: $0.start, $0.end) }
            guard let nearest = ZAN.nearestPeriod(to: interval, in: periods.compactMap { $0 }), let p = periods.firstIndex(of: nearest) else { continue }
            weight[p, default: 0] += g.communes.reduce(0) { $0 + project.tabulation.communeFacts[$1].area }
        }
        return weight.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    package static func rankingParentLevel(_ level: TerritoryLevel) -> TerritoryLevel? {
        switch level {
        case .commune: return .epci
        case .epci, .scot: return .departement
        case .departement: return .region
        case .region: return nil
        }
    }

    package func headline(_ id: TerritoryID, _ p: Int) -> HeadlineFigures? { headlines[id]?[p] }

    /// The consumption of every period of a territory, in detail.
    func consumption(_ id: TerritoryID) -> [ConsumptionFigures] { consumptions[id] ?? [] }

    /// The published values of the headline figures (`IndicatorSummary.definitions` order).
    package func published(_ id: TerritoryID, _ p: Int) -> [Double] { IndicatorSummary.values(headlines[id]![p]) }

    /// The ZAN trajectory of a territory (nil without a period near the reference).
    package func zan(_ t: Territory) -> ZANTrajectory? { zans[t.id] }

    private func trajectory(_ t: Territory) -> ZANTrajectory? {
        guard let used = zanReference, let cur = currentPeriod, let current = consumptions[t.id]?[cur] else { return nil }
        let span = project.years(t.id).periods[used] ?? PeriodSpan(project.layout.periods[used])
        return ZAN.trajectory(referenceAsked: project.config.zanReference, referenceUsed: span,
                              communeReference: t.communeIndices.map { communeReference[$0] }, current: current)
    }

    /// The parent whose children the territory is ranked among, and its ranks.
    func ranks(_ t: Territory, _ p: Int) -> (Territory, (consumption: Rank, artificialised: Rank))? {
        guard let parentLevel = Self.rankingParentLevel(t.id.level), let pid = t.parents.first(where: { $0.level == parentLevel }),
              let parent = project.catalog[pid] else { return nil }
        let group = (siblings[pid] ?? []).filter { $0.level == t.id.level }
        guard group.count > 1 else { return nil }
        var cons: [TerritoryID: Double] = [:], art: [TerritoryID: Double] = [:]
        for s in group {
            guard let h = headline(s, p) else { continue }
            cons[s] = h.consumptionIntensity
            art[s] = h.artificialisedShare
        }
        guard let rc = Comparison.rank(of: t.id, in: cons), let ra = Comparison.rank(of: t.id, in: art) else { return nil }
        return (parent, (rc, ra))
    }
}
