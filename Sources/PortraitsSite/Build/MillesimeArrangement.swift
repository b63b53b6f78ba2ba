import PortraitsCore
import PortraitsGeo
import PortraitsProject

/// Lays the tabulated facts out for publication: by year when every département has the same
/// millésimes (as before), by rank when IGN photographed them in different years
/// (`docs/millesimes-par-departement.md`).
package enum MillesimeArrangement {
    package struct Arranged {
        package var tabulation: Tabulation
        package var vintages: CommuneVintages
        /// Per territory, the years its figures sum; empty in year space, where the layout's years are every territory's.
        package var years: [TerritoryID: TerritoryYears]
    }

    package static func arrange(_ t: Tabulation, config: ProjectConfig, catalog: TerritoryCatalog) throws -> Arranged {
        let vintages = CommuneVintages.assign(communeFacts: t.communeFacts, layout: t.layout, groups: catalog.all(.departement).map(\.communeIndices))
        let codes = catalog.communes.map(\.code)
        let years = t.layout.millesimes
        if vintages.isUniform {
            // One set of years: ranks are years, and partial deliveries stay partial coverage.
            let published = config.rankPeriods.map { $0.map { Period(years[$0.start - 1], years[$0.end - 1]) } }
                ?? (config.periodsInYears ? config.periods : Period.defaults(for: years))
            guard published != t.layout.periods else { return Arranged(tabulation: t, vintages: vintages, years: [:]) }
            let all = CommuneVintages(layout: t.layout, byCommune: Array(repeating: Vintage(years), count: t.communeFacts.count))
            let laid = try laidOut(t, on: FactsLayout(millesimes: years, periods: published), vintages: all, codes: codes, config: config)
            return Arranged(tabulation: laid, vintages: vintages, years: [:])
        }
        let byDepartement = catalog.all(.departement).compactMap { d in vintages.byCommune[d.communeIndices[0]].map { "\(d.id.code): \($0)" } }
        if config.periodsInYears {
            throw InputError(config.source, "the départements have different millésimes (\(byDepartement.joined(separator: "; "))): write `periods` as ranks ([[1, 2]]: from each commune's 1st millésime to its 2nd), or leave `periods` out")
        }
        let n = vintages.rankCount
        if let bad = config.rankPeriods?.first(where: { $0.end > n }) {
            throw InputError(config.source, "periods: rank \(bad.end) asked, but no département has more than \(n) millésimes (\(byDepartement.joined(separator: "; ")))")
        }
        let ranks = FactsLayout(millesimes: Array(1...n), periods: config.rankPeriods ?? RankedFacts.defaultRankPeriods(n), ranked: true)
        let laid = try laidOut(t, on: ranks, vintages: vintages, codes: codes, config: config)
        return Arranged(tabulation: laid, vintages: vintages,
                        years: RankedFacts.years(catalog: catalog, vintages: vintages, ranked: laid.communeFacts, ranks: ranks))
    }

    static func laidOut(_ t: Tabulation, on target: FactsLayout, vintages: CommuneVintages, codes: [String], config: ProjectConfig) throws -> Tabulation {
        do {
            return try t.laidOut(on: target, vintages: vintages, codes: codes)
        } catch let e as RankedFacts.MissingPeriod {
            throw InputError(config.source, e.description)
        }
    }
}
