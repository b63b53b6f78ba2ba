/// Each commune's vintage, read from the tabulated land cover: the millésimes whose delivery covers
/// most of the commune.
///
/// A delivery is one département's land cover at one date. Along a border, IGN's clipping may leave
/// a sliver of the neighbouring département's polygons inside a commune: such a year covers less
/// than `threshold` of the commune, is not one of its millésimes, and is listed in `slivers` so that
/// `portraits check` can say where it is.
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

    /// Share of a commune's area a delivery must cover for its year to be the commune's.
    public static let defaultThreshold = 0.5

    public init(layout: FactsLayout, byCommune: [Vintage?], slivers: [Sliver] = []) {
        self.layout = layout
        self.byCommune = byCommune
        self.slivers = slivers
    }

    /// Reads each commune's years from its facts: those that cover at least `threshold` of it.
    public static func assign(communeFacts: [AreaFacts], layout: FactsLayout, threshold: Double = defaultThreshold) -> CommuneVintages {
        var byCommune: [Vintage?] = []
        var slivers: [Sliver] = []
        byCommune.reserveCapacity(communeFacts.count)
        for (c, f) in communeFacts.enumerated() {
            var years: [Int] = []
            for (m, year) in layout.millesimes.enumerated() where f.covered[m] > 0 {
                if f.area > 0 && f.covered[m] >= threshold * f.area { years.append(year) } else { slivers.append(Sliver(commune: c, year: year, area: f.covered[m])) }
            }
            byCommune.append(years.isEmpty ? nil : Vintage(years))
        }
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
