/// Each commune's vintage: the millésimes of the delivery that covers it.
///
/// IGN delivers one département at a time, so a vintage is read per département: the years whose
/// land cover covers at least `threshold` of the département's communes. Every commune of the
/// département takes them, so that a commune its delivery covers only in part keeps its ranks (its
/// pages state the partial coverage) instead of shifting its 2nd millésime to rank 1. Along a
/// border, IGN's clipping may leave a sliver of the neighbouring delivery inside a commune: such a
/// year is not the commune's, and is listed in `slivers` so that `portraits check` says where.
public struct CommuneVintages: Sendable, Equatable {
    /// A year a commune touches without being covered by its delivery.
    public struct Sliver: Sendable, Equatable {
        public var commune: Int
        public var year: Int
        /// Area of land cover of that year inside the commune, m².
        public var area: Double
    }

    /// The year-space layout the facts were tabulated in.
    public let layout: FactsLayout
    /// Per commune (catalogue order): its vintage; nil when no delivery covers it.
    public let byCommune: [Vintage?]
    public let slivers: [Sliver]

    /// Share of a département's area a delivery must cover for its year to be the département's.
    public static let defaultThreshold = 0.5

    public init(layout: FactsLayout, byCommune: [Vintage?], slivers: [Sliver] = []) {
        self.layout = layout
        self.byCommune = byCommune
        self.slivers = slivers
    }

    /// Reads the years of each group of communes (a département's) from their facts: those that
    /// cover at least `threshold` of the group's area.
    public static func assign(communeFacts: [AreaFacts], layout: FactsLayout, groups: [[Int]], threshold: Double = defaultThreshold) -> CommuneVintages {
        var byCommune = [Vintage?](repeating: nil, count: communeFacts.count)
        var slivers: [Sliver] = []
        for group in groups {
            var area = 0.0, covered = [Double](repeating: 0, count: layout.millesimes.count)
            for c in group {
                area += communeFacts[c].area
                for m in covered.indices { covered[m] += communeFacts[c].covered[m] }
            }
            let years = layout.millesimes.indices.filter { area > 0 && covered[$0] >= threshold * area }.map { layout.millesimes[$0] }
            let vintage = years.isEmpty ? nil : Vintage(years)
            for c in group {
                byCommune[c] = vintage
                for (m, year) in layout.millesimes.enumerated() where communeFacts[c].covered[m] > 0 && !years.contains(year) {
                    slivers.append(Sliver(commune: c, year: year, area: communeFacts[c].covered[m]))
                }
            }
        }
        slivers.sort { ($0.commune, $0.year) < ($1.commune, $1.year) }
        return CommuneVintages(layout: layout, byCommune: byCommune, slivers: slivers)
    }

    /// The distinct vintages, each with the communes (indices) that have it, in vintage order.
    public var groups: [(vintage: Vintage, communes: [Int])] {
        var out: [Vintage: [Int]] = [:]
        for (c, v) in byCommune.enumerated() { if let v { out[v, default: []].append(c) } }
        return out.keys.sorted().map { ($0, out[$0]!) }
    }

    /// True when every covered commune has the same years: ranks and years are then the same thing.
    public var isUniform: Bool { Set(byCommune.compactMap { $0 }).count <= 1 }

    /// The most millésimes any commune has.
    public var rankCount: Int { byCommune.reduce(0) { max($0, $1?.rankCount ?? 0) } }

    /// The communes no delivery covers.
    public var uncovered: [Int] { byCommune.indices.filter { byCommune[$0] == nil } }

    /// The periods of years the communes' vintages need for `rankPeriods` (pairs of 1-based ranks),
    /// in order: what the tabulation must have measured.
    public func yearPeriods(for rankPeriods: [Period]) -> [Period] {
        var out: Set<Period> = []
        for v in Set(byCommune.compactMap { $0 }) {
            for rp in rankPeriods { if let p = v.period(ranks: rp.start, rp.end) { out.insert(p) } }
        }
        return out.sorted()
    }
}
