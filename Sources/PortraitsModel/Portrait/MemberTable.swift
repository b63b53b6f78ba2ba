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
        /// The member's own years (`2018–2021`) where the group's members were photographed in
        /// different years; nil otherwise.
        package var years: String? = nil
    }

    package let rows: [Row]
    /// True when the rows do not all have the same years (each then says its own).
    package var mixedYears: Bool { rows.contains { $0.years != nil } }
    /// Whether the figures cover a period (else the stock at one millésime).
    package let hasPeriod: Bool
    /// Among whom the rows are ranked.
    package let ranking: Ranking

    /// Among whom a table's rows are ranked.
    package enum Ranking: Sendable, Equatable {
        /// Among the members the group ranks on their own portraits (a département's EPCI: « parmi
        /// les 24 EPCI du Bas-Rhin »), so that the table and the fiches say the same rank; the other
        /// rows (an EPCI ranked in the département of its seat, a commune outside any EPCI) have
        /// none. `count`: how many are ranked, all of `level`.
        case asOnTheirPortraits(count: Int, level: TerritoryLevel)
        /// Among all the rows (a SCoT's communes, ranked on their own portraits among their EPCI's).
        case amongRows
    }

    /// `group`: the territory whose members the rows are; its members ranked among its children
    /// on their own portraits (`IndicatorStore.ranks`) are ranked among themselves, else all rows
    /// among all.
    package static func make(_ children: [Territory], of group: Territory, view: PortraitView, project: Project, indicators: IndicatorStore) -> MemberTable {
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
        // The rows the group ranks on their portraits: those whose ranking parent is the group.
        let children = Dictionary(uniqueKeysWithValues: children.map { ($0.id, $0) })
        let siblings = Set(rows.indices.filter { i in
            guard let t = children[rows[i].id], let level = IndicatorStore.rankingParentLevel(t.id.level) else { return false }
            return level == group.id.level && t.parents.first(where: { $0.level == level }) == group.id
        })
        let ranking: Ranking = siblings.first.map { .asOnTheirPortraits(count: siblings.count, level: rows[$0].id.level) } ?? .amongRows
        var ranked = rows
        let intensities = Dictionary(uniqueKeysWithValues: rows.enumerated().compactMap { i, r -> (Int, Double)? in
            guard siblings.isEmpty || siblings.contains(i) else { return nil }
            return r.intensity?.value.map { (i, $0) }
        })
        for i in ranked.indices where (intensities[i] ?? 0) > 0 { ranked[i].intensityRank = Comparison.rank(of: i, in: intensities)?.position }
        // Members of different years (only by rank): each row says its own.
        if layout.ranked {
            let own = ranked.map { ViewYears.of(view, $0.id, project: project).short }
            if Set(own).count > 1 { for i in ranked.indices { ranked[i].years = own[i] } }
        }
        return MemberTable(rows: ranked, hasPeriod: p != nil, ranking: ranking)
    }
}
