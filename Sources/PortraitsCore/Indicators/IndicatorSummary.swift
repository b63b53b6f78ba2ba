/// One headline indicator of a territory over a period, as published in the downloads, the compare
/// page and the level lists: the same definitions everywhere, so the figures agree.
public struct IndicatorDefinition: Sendable, Equatable {
    public enum Unit: String, Sendable { case hectares = "ha", hectaresPerYear = "ha/an", percent = "%", perThousandHectares = "ha/an pour 1 000 ha" }
    /// Stable column name (snake case, ASCII): CSV headers, XLSX columns, GeoPackage fields, JS keys.
    public var id: String
    public var label: String
    public var unit: Unit
    public var decimals: Int
    /// The theme it belongs to (an XLSX sheet, a group of rows on the compare page).
    public var group: String
}

/// The headline indicators of a territory × period, computed by the indicator functions.
public enum IndicatorSummary {
    public static let consumption = "Consommation d’espaces NAF"
    public static let artificialisation = "Artificialisation (loi Climat et résilience)"
    public static let sealing = "Imperméabilisation"
    public static let change = "Mutations"

    public static let definitions: [IndicatorDefinition] = [
        .init(id: "consommation_ha", label: "Consommation d’espaces NAF", unit: .hectares, decimals: 2, group: consumption),
        .init(id: "consommation_ha_an", label: "Consommation par an", unit: .hectaresPerYear, decimals: 2, group: consumption),
        .init(id: "consommation_intensite", label: "Consommation par an pour 1 000 ha de territoire", unit: .perThousandHectares, decimals: 2, group: consumption),
        .init(id: "retour_naf_ha", label: "Retour à des espaces NAF", unit: .hectares, decimals: 2, group: consumption),
        .init(id: "artificialisation_ha", label: "Artificialisation", unit: .hectares, decimals: 2, group: artificialisation),
        .init(id: "desartificialisation_ha", label: "Désartificialisation", unit: .hectares, decimals: 2, group: artificialisation),
        .init(id: "artificialisation_nette_ha", label: "Artificialisation nette", unit: .hectares, decimals: 2, group: artificialisation),
        .init(id: "artificialisation_nette_ha_an", label: "Artificialisation nette par an", unit: .hectaresPerYear, decimals: 2, group: artificialisation),
        .init(id: "surface_artificialisee_ha", label: "Surface artificialisée (fin de période)", unit: .hectares, decimals: 2, group: artificialisation),
        .init(id: "part_artificialisee_pct", label: "Part artificialisée (fin de période)", unit: .percent, decimals: 2, group: artificialisation),
        .init(id: "impermeabilisation_ha", label: "Imperméabilisation", unit: .hectares, decimals: 2, group: sealing),
        .init(id: "desimpermeabilisation_ha", label: "Désimperméabilisation", unit: .hectares, decimals: 2, group: sealing),
        .init(id: "impermeabilisation_nette_ha", label: "Imperméabilisation nette", unit: .hectares, decimals: 2, group: sealing),
        .init(id: "surface_impermeable_ha", label: "Surface imperméable (fin de période)", unit: .hectares, decimals: 2, group: sealing),
        .init(id: "part_impermeable_pct", label: "Part imperméable (fin de période)", unit: .percent, decimals: 2, group: sealing),
        .init(id: "surface_changee_ha", label: "Surface ayant changé de classe", unit: .hectares, decimals: 2, group: change),
        .init(id: "part_changee_pct", label: "Part du territoire ayant changé de classe", unit: .percent, decimals: 2, group: change),
    ]

    /// The values of `definitions`, in order, for period `p` (hectares, percent, per year as labelled).
    /// The change of class is counted at `level` of the primary dimension, as on the portrait.
    public static func values(_ facts: AreaFacts, period p: Int, layout: FactsLayout, traits: TraitsTable,
                              nomenclature: Nomenclature, level: Int) -> [Double] {
        let cons = Consumption.figures(facts, period: p, layout: layout, traits: traits)
        let art = Artificialisation.figures(facts, period: p, layout: layout, traits: traits)
        let seal = Sealing.figures(facts, period: p, layout: layout, traits: traits)
        let years = Double(max(layout.periods[p].years, 1))
        let changed = Mutations.matrix(facts, period: p, nomenclature: nomenclature, dimension: 0, level: level).grossChange
        let ha = 1 / 10_000.0
        let share = { (v: Double) in facts.area > 0 ? 100 * v / facts.area : 0 }
        return [
            cons.total * ha, cons.perYear * ha, facts.area > 0 ? cons.perYear * ha / (facts.area / 10_000_000) : 0, cons.returnedToNAF * ha,
            art.thresholdFlux.artificialisation * ha, art.thresholdFlux.desartificialisation * ha, art.thresholdFlux.net * ha,
            art.thresholdFlux.net / years * ha, art.thresholdAfter * ha, 100 * art.shareOfTerritory,
            seal.sealing * ha, seal.unsealing * ha, seal.net * ha, seal.sealedAfter * ha, 100 * seal.shareOfTerritory,
            changed * ha, share(changed),
        ]
    }
}
