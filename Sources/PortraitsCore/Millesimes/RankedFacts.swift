/// The facts of every territory in rank space: figures at the 1st, 2nd… millésime of each commune,
/// and over periods of ranks (1st → 2nd…), with the years each one sums.
///
/// The tabulation measures land cover by year, as the files are dated. When départements were
/// photographed in different years, a territory's "2021" would mix communes seen in 2021 with
/// communes not seen at all that year; in rank space each commune contributes its own r-th
/// millésime, and `TerritoryYears` says which years those are.
public struct RankedFacts: Sendable {
    /// `millesimes` are the ranks 1…n; `periods` pairs of ranks.
    public let layout: FactsLayout
    public let facts: [TerritoryID: AreaFacts]
    public let years: [TerritoryID: TerritoryYears]

    /// A period of ranks some commune needs and the tabulation did not measure.
    public struct MissingPeriod: Error, CustomStringConvertible {
        public var period: Period
        public var commune: String
        public var tabulated: [Period]
        public var description: String {
            "commune \(commune) needs the period \(period.label) (its own millésimes), which was not tabulated (periods: \(tabulated.map(\.label).joined(separator: ", "))): list it under `periods`, or leave `periods` out"
        }
    }

    /// The default periods of ranks for `n` ranks: each consecutive pair, then first → last.
    public static func defaultRankPeriods(_ n: Int) -> [Period] { Period.defaults(for: Array(1...max(n, 1))) }

    /// Projects each commune's year-space facts on its vintage, then sums every territory.
    public static func make(catalog: TerritoryCatalog, communeFacts: [AreaFacts], vintages: CommuneVintages,
                            rankPeriods: [Period]? = nil) throws -> RankedFacts {
        let n = vintages.rankCount
        let ranks = FactsLayout(millesimes: Array(1...max(n, 1)), periods: rankPeriods ?? defaultRankPeriods(n), ranked: true)
        var ranked: [AreaFacts] = []
        ranked.reserveCapacity(communeFacts.count)
        for (c, f) in communeFacts.enumerated() {
            ranked.append(try project(f, vintage: vintages.byCommune[c], from: vintages.layout, to: ranks, commune: catalog.communes[c].code))
        }
        let facts = Aggregation.facts(of: catalog, communeFacts: ranked, layout: ranks)
        return RankedFacts(layout: ranks, facts: facts, years: years(catalog: catalog, vintages: vintages, ranked: ranked, ranks: ranks))
    }

    /// The years behind every territory's figures, from its communes' vintages and rank-space facts.
    public static func years(catalog: TerritoryCatalog, vintages: CommuneVintages, ranked: [AreaFacts], ranks: FactsLayout) -> [TerritoryID: TerritoryYears] {
        var years: [TerritoryID: TerritoryYears] = [:]
        years.reserveCapacity(catalog.territories.count)
        for (id, t) in catalog.territories {
            years[id] = territoryYears(t.communeIndices, vintages: vintages, ranked: ranked, ranks: ranks)
        }
        return years
    }

    /// One commune's facts at its ranks: rank r holds its r-th millésime, a period of ranks the
    /// flows between its own years. Ranks it lacks stay empty (no coverage).
    public static func project(_ f: AreaFacts, vintage: Vintage?, from years: FactsLayout, to ranks: FactsLayout, commune: String) throws -> AreaFacts {
        var out = AreaFacts(millesimeCount: ranks.millesimes.count, periodCount: ranks.periods.count, area: f.area)
        guard let vintage else { return out }
        for (r, rank) in ranks.millesimes.enumerated() {
            guard let year = vintage.year(rank: rank), let m = years.index(of: year) else { continue }
            out.covered[r] = f.covered[m]
            out.stock[r] = f.stock[m]
            out.lcr[r] = f.lcr[m]
        }
        for (q, rp) in ranks.periods.enumerated() {
            guard let period = vintage.period(ranks: rp.start, rp.end) else { continue }
            guard let p = years.periods.firstIndex(of: period) else {
                throw MissingPeriod(period: period, commune: commune, tabulated: years.periods)
            }
            out.transitions[q] = f.transitions[p]
            out.lcrFlux[q] = f.lcrFlux[p]
            out.changes[q] = f.changes[p]
        }
        return out
    }

    /// The years behind the sum of `members` (catalogue indices of communes).
    public static func territoryYears(_ members: [Int], vintages: CommuneVintages, ranked: [AreaFacts], ranks: FactsLayout) -> TerritoryYears {
        let millesimes: [YearSpan?] = ranks.millesimes.map { rank in
            var parts: [Int: YearSpan.Part] = [:]
            for c in members {
                guard let year = vintages.byCommune[c]?.year(rank: rank) else { continue }
                parts[year, default: YearSpan.Part(year: year, communes: 0, area: 0)].communes += 1
                parts[year]!.area += ranked[c].area
            }
            return parts.isEmpty ? nil : YearSpan(parts: Array(parts.values))
        }
        var periods: [PeriodSpan?] = []
        var perYear: [AreaFacts?] = []
        for (q, rp) in ranks.periods.enumerated() {
            var parts: [Period: PeriodSpan.Part] = [:]
            for c in members {
                guard let period = vintages.byCommune[c]?.period(ranks: rp.start, rp.end) else { continue }
                parts[period, default: PeriodSpan.Part(period: period, communes: 0, area: 0)].communes += 1
                parts[period]!.area += ranked[c].area
            }
            periods.append(parts.isEmpty ? nil : PeriodSpan(parts: Array(parts.values)))
            guard Set(parts.keys.map(\.years)).count > 1 else { perYear.append(nil); continue }
            var scaled = AreaFacts(millesimeCount: ranks.millesimes.count, periodCount: ranks.periods.count)
            let a = ranks.index(of: rp.start)!, b = ranks.index(of: rp.end)!
            for c in members {
                guard let period = vintages.byCommune[c]?.period(ranks: rp.start, rp.end), period.years > 0 else { continue }
                let k = 1 / Double(period.years), f = ranked[c]
                for m in [a, b] {
                    scaled.covered[m] += f.covered[m] * k
                    scaled.lcr[m] += f.lcr[m] * k
                    for (key, v) in f.orderedStock(m) { scaled.stock[m][key, default: 0] += v * k }
                }
                for (key, v) in f.orderedTransitions(q) { scaled.transitions[q][key, default: 0] += v * k }
                for (key, v) in f.orderedChanges(q) { scaled.changes[q][key, default: 0] += v * k }
                scaled.lcrFlux[q].artificialisation += f.lcrFlux[q].artificialisation * k
                scaled.lcrFlux[q].desartificialisation += f.lcrFlux[q].desartificialisation * k
            }
            perYear.append(scaled)
        }
        return TerritoryYears(millesimes: millesimes, periods: periods, scaledByYears: perYear)
    }
}
