import PortraitsCore
import PortraitsProject

/// The member territories of an EPCI, SCoT, département or région with their key figures for the
/// portrait's view: the table an elected official reads to see which communes consume, in the
/// order of the catalogue (the page lets a reader sort it). Over a period: area, NAF consumption
/// (total, per year, per 1 000 ha), artificialised share at the end, net artificialisation per
/// year; with one millésime: area and artificialised share.
package struct MemberTable: Sendable {
    package struct Row: Sendable {
        package let id: TerritoryID
        package let name: String
        package let area: Figure
        package let consumption: Figure?
        package let consumptionPerYear: Figure?
        package let intensity: Figure?
        package let artificialisedShare: Figure
        package let netArtificialisationPerYear: Figure?
        /// Rank among the table's rows by consumption per year per 1 000 ha (1 = the strongest;
        /// equal values share a rank), as the portrait's rank among siblings is given; nil for a
        /// territory that consumed nothing (the tail of ties a rank would not tell apart).
        package var intensityRank: Int? = nil
    }

    package let rows: [Row]
    /// Whether the figures cover a period (else the stock at one millésime).
    package let hasPeriod: Bool

    package static func make(_ children: [Territory], view: PortraitView, project: Project, indicators: IndicatorStore) -> MemberTable {
        let layout = project.layout
        let p = view.period.flatMap { layout.periods.firstIndex(of: $0) }
        let m = layout.millesimes.firstIndex(of: view.millesime) ?? layout.millesimes.count - 1
        let rows = children.compactMap { t -> Row? in
            guard let facts = project.facts[t.id] else { return nil }
            if let p, let h = indicators.headline(t.id, p) {
                return Row(id: t.id, name: t.name, area: .ha(h.area), consumption: .ha(h.consumption), consumptionPerYear: .ha(h.consumptionPerYear),
                           intensity: Figure(value: h.consumptionIntensity, unit: .intensity), artificialisedShare: .pct(h.artificialisedShare),
                           netArtificialisationPerYear: .signedHa(h.netArtificialisationPerYear))
            }
            let artificialised = Artificialisation.matrixArea(facts, millesime: m, traits: project.traits)
            return Row(id: t.id, name: t.name, area: .ha(facts.area), consumption: nil, consumptionPerYear: nil, intensity: nil,
                       artificialisedShare: .pct(facts.area > 0 ? artificialised / facts.area : nil), netArtificialisationPerYear: nil)
        }
        var ranked = rows
        let intensities = Dictionary(uniqueKeysWithValues: rows.enumerated().compactMap { i, r in r.intensity?.value.map { (i, $0) } })
        for i in ranked.indices where (intensities[i] ?? 0) > 0 { ranked[i].intensityRank = Comparison.rank(of: i, in: intensities)?.position }
        return MemberTable(rows: ranked, hasPeriod: p != nil)
    }
}
