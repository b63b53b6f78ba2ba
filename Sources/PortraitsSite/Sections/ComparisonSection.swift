import PortraitsCore
import PortraitsGraphics

/// Comparison with the parent territories and rank among siblings.
enum ComparisonSection {
    static func context(territory: Territory, periodIndex p: Int, project: Project, indicators: IndicatorStore) -> [String: Any] {
        let ids = [territory.id] + territory.parents.reversed()
        let rows = ids.compactMap { id -> [String: Any]? in
            guard let t = project.catalog[id], let h = indicators.headline(id, p) else { return nil }
            return ["name": t.name, "level": id.level.label, "self": id == territory.id,
                    "artificialised": Fmt.pct(h.artificialisedShare), "sealed": Fmt.pct(h.sealedShare),
                    "consumption": Fmt.ha(h.consumptionPerYear), "intensity": FrenchNumber.format(h.consumptionIntensity / 10_000, decimals: 2),
                    "net": Fmt.signedHa(h.netArtificialisationPerYear)]
        }
        let pairs = ids.compactMap { id -> (String, HeadlineFigures)? in
            guard let t = project.catalog[id], let h = indicators.headline(id, p) else { return nil }
            return (t.name, h)
        }
        let scene = DotPlot.scene(rows: [
            DotPlot.Row(label: "Consommation par an pour 1 000 ha", values: pairs.map { ($0.0, $0.1.consumptionIntensity) }, format: .hectares(signed: false)),
            DotPlot.Row(label: "Part artificialisée", values: pairs.map { ($0.0, $0.1.artificialisedShare) }, format: .percent),
            DotPlot.Row(label: "Part imperméabilisée", values: pairs.map { ($0.0, $0.1.sealedShare) }, format: .percent),
        ])
        var c: [String: Any] = ["rows": rows, "scene": scene,
                                "alt": "Graphique comparant \(territory.name) à ses territoires parents pour la consommation d’espaces rapportée à la surface, la part artificialisée et la part imperméabilisée ; valeurs dans le tableau ci-dessous."]
        if let (parent, ranks) = indicators.ranks(territory, p) {
            c["rank"] = "Parmi les \(ranks.consumption.count) \(territory.id.level.pluralInText) de \(parent.name) : "
                + "\(ordinal(ranks.consumption.position)) pour la consommation d’espaces par an rapportée à la surface, "
                + "\(ordinal(ranks.artificialised.position)) pour la part artificialisée (1 = la plus forte)."
        }
        return c
    }

    static func ordinal(_ n: Int) -> String { n == 1 ? "1er" : "\(n)e" }
}
