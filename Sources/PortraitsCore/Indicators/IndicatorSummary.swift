/// One headline indicator of a territory over a period, as published in the downloads, the compare
/// page and the level lists: the same definitions everywhere, so the figures agree.
public struct IndicatorDefinition: Sendable {
    public enum Unit: String, Sendable { case hectares = "ha", hectaresPerYear = "ha/an", percent = "%", perThousandHectares = "ha/an pour 1 000 ha" }
    /// Stable column name (snake case, ASCII): CSV headers, XLSX columns, GeoPackage fields, JS keys.
    public var id: String
    public var label: String
    public var unit: Unit
    public var decimals: Int
    /// The theme it belongs to (an XLSX sheet, a group of rows on the compare page).
    public var group: String
    /// The published value (in `unit`) from the figures.
    public var value: @Sendable (HeadlineFigures) -> Double
}

/// How the headline figures are published: one column per figure, with its stable name, label,
/// unit and theme, the same in the downloads, the compare page and the level lists.
public enum IndicatorSummary {
    public static let consumption = "Consommation d’espaces NAF"
    public static let artificialisation = "Artificialisation (loi Climat et résilience)"
    public static let sealing = "Imperméabilisation"
    public static let change = "Mutations"

    /// One hectare in m².
    static let ha = 1 / 10_000.0

    public static let definitions: [IndicatorDefinition] = [
        .init(id: "consommation_ha", label: "Consommation d’espaces NAF", unit: .hectares, decimals: 2, group: consumption) { $0.consumption * ha },
        .init(id: "consommation_ha_an", label: "Consommation par an", unit: .hectaresPerYear, decimals: 2, group: consumption) { $0.consumptionPerYear * ha },
        .init(id: "consommation_intensite", label: "Consommation par an pour 1 000 ha de territoire", unit: .perThousandHectares, decimals: 2, group: consumption) {
            $0.area > 0 ? $0.consumptionPerYear * ha / ($0.area / 10_000_000) : 0
        },
        .init(id: "retour_naf_ha", label: "Retour à des espaces NAF", unit: .hectares, decimals: 2, group: consumption) { $0.returnedToNAF * ha },
        .init(id: "artificialisation_ha", label: "Artificialisation", unit: .hectares, decimals: 2, group: artificialisation) { $0.artificialisation * ha },
        .init(id: "desartificialisation_ha", label: "Désartificialisation", unit: .hectares, decimals: 2, group: artificialisation) { $0.desartificialisation * ha },
        .init(id: "artificialisation_nette_ha", label: "Artificialisation nette", unit: .hectares, decimals: 2, group: artificialisation) { $0.netArtificialisation * ha },
        .init(id: "artificialisation_nette_ha_an", label: "Artificialisation nette par an", unit: .hectaresPerYear, decimals: 2, group: artificialisation) {
            $0.netArtificialisationPerYear * ha
        },
        .init(id: "surface_artificialisee_ha", label: "Surface artificialisée (fin de période)", unit: .hectares, decimals: 2, group: artificialisation) { $0.artificialisedAfter * ha },
        .init(id: "part_artificialisee_pct", label: "Part artificialisée (fin de période)", unit: .percent, decimals: 2, group: artificialisation) { 100 * $0.artificialisedShare },
        .init(id: "impermeabilisation_ha", label: "Imperméabilisation", unit: .hectares, decimals: 2, group: sealing) { $0.sealing * ha },
        .init(id: "desimpermeabilisation_ha", label: "Désimperméabilisation", unit: .hectares, decimals: 2, group: sealing) { $0.unsealing * ha },
        .init(id: "impermeabilisation_nette_ha", label: "Imperméabilisation nette", unit: .hectares, decimals: 2, group: sealing) { $0.netSealing * ha },
        .init(id: "surface_impermeable_ha", label: "Surface imperméable (fin de période)", unit: .hectares, decimals: 2, group: sealing) { $0.sealedAfter * ha },
        .init(id: "part_impermeable_pct", label: "Part imperméable (fin de période)", unit: .percent, decimals: 2, group: sealing) { 100 * $0.sealedShare },
        .init(id: "surface_changee_ha", label: "Surface ayant changé de classe", unit: .hectares, decimals: 2, group: change) { $0.changed * ha },
        .init(id: "part_changee_pct", label: "Part du territoire ayant changé de classe", unit: .percent, decimals: 2, group: change) {
            $0.area > 0 ? 100 * $0.changed / $0.area : 0
        },
    ]

    /// The published values of `definitions`, in order.
    public static func values(_ figures: HeadlineFigures) -> [Double] { definitions.map { $0.value(figures) } }
}
