import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Comparison with the parent territories (their headline figures) and rank among siblings.
package struct ComparisonTheme: Sendable {
    package struct Row: Sendable {
        package let name: String, level: String, isSelf: Bool
        package let artificialised: Figure, sealed: Figure, consumption: Figure, intensity: Figure, net: Figure
        /// The row's own years (`2018–2021 ou 2019–2022`) where the rows' years differ; nil otherwise.
        package var years: String? = nil
    }

    package let rows: [Row]
    package let chart: Chart
    package let rank: String?

    static func make(territory: Territory, periodIndex p: Int, project: Project, indicators: IndicatorStore) -> ComparisonTheme {
        let ids = [territory.id] + territory.parents.reversed()
        let pairs = ids.compactMap { id -> (TerritoryID, String, HeadlineFigures)? in
            guard let t = project.catalog[id], let h = indicators.headline(id, p) else { return nil }
            return (id, t.name, h)
        }
        var rows = pairs.map { id, name, h in
            Row(name: name, level: id.level.label, isSelf: id == territory.id, artificialised: .pct(h.artificialisedShare), sealed: .pct(h.sealedShare),
                consumption: .ha(h.consumptionPerYear), intensity: Figure(value: h.consumptionIntensity, unit: .intensity),
                net: .signedHa(h.netArtificialisationPerYear))
        }
        // Rows of different years (by rank, a parent across départements): each says its own.
        if project.layout.ranked, let view = PortraitView.all(project.layout).first(where: { $0.period == project.layout.periods[p] }) {
            let own = pairs.map { ViewYears.of(view, $0.0, project: project).short }
            if Set(own).count > 1 { for i in rows.indices { rows[i].years = own[i] } }
        }
        let dots = [
            DotPlot.Row(label: "Consommation par an pour 1 000 ha", values: pairs.map { ($0.1, $0.2.consumptionIntensity) }, format: .hectares(signed: false)),
            DotPlot.Row(label: "Part artificialisée", values: pairs.map { ($0.1, $0.2.artificialisedShare) }, format: .percent),
            DotPlot.Row(label: "Part imperméabilisée", values: pairs.map { ($0.1, $0.2.sealedShare) }, format: .percent),
        ]
        var rank: String?
        if let (parent, ranks) = indicators.ranks(territory, p) {
            // A territory that consumed nothing has no rank for it (« – » in the atlases' tables):
            // tied with every other at zero, an ordinal would read as a place among consumers.
            let consumed = (pairs.first { $0.0 == territory.id }?.2.consumptionIntensity ?? 0) > 0
            rank = "Parmi les \(ranks.consumption.count) \(territory.id.level.pluralInText) \(FrenchText.de(parent.id, parent.name)) : "
                + (consumed ? "\(ordinal(ranks.consumption.position)) pour la consommation d’espaces par an rapportée à la surface, "
                            : "aucune consommation d’espaces sur la période (sans rang), ")
                + "\(ordinal(ranks.artificialised.position)) pour la part artificialisée (1 = la plus forte)."
        }
        return ComparisonTheme(
            rows: rows,
            chart: Chart(kind: "comparaison avec les parents", data: .dots(dots),
                         alt: "Graphique comparant \(territory.name) à ses territoires parents pour la consommation d’espaces rapportée à la surface, la part artificialisée et la part imperméabilisée ; valeurs dans le tableau ci-dessous."),
            rank: rank)
    }

    static func ordinal(_ n: Int) -> String { n == 1 ? "1er" : "\(n)e" }
}
