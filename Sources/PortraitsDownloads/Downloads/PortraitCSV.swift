import PortraitsCore
import PortraitsProject
import PortraitsModel

/// The CSV beside each portrait page: its land-cover table, one row per class at the display
/// level, at the millésime of a single-year page or at both ends of a period with the change.
package enum PortraitCSV {
    /// The table of a portrait page as a CSV: one row per class at the display level, at the
    /// millésime of a single-year page, or at both ends of a period with the change.
    /// `years`: the territory's, for the title (else the view's name).
    package static func table(view: PortraitView, levelName: String, years: ViewYears? = nil) -> CSVDescription {
        var columns: [DownloadColumn] = TerritoryCSV.territoryColumns + [.text("code_classe", "Code de la classe (\(levelName))"), .text("classe", "Classe")]
        if view.period != nil {
            columns += [DownloadColumn.periodColumn(ranked: view.ranked),
                        .number("surface_debut_ha", "Surface au début de la période", unit: "ha"),
                        .number("part_debut_pct", "Part au début de la période", unit: "%"),
                        .number("surface_fin_ha", "Surface à la fin de la période", unit: "ha"),
                        .number("part_fin_pct", "Part à la fin de la période", unit: "%"),
                        .number("evolution_ha", "Évolution sur la période", unit: "ha")]
        } else {
            columns += [DownloadColumn.millesime(ranked: view.ranked), .number("surface_ha", "Surface", unit: "ha"), .number("part_pct", "Part de la surface décrite", unit: "%")]
        }
        return CSVDescription(file: "\(view.id).csv", title: "Occupation du sol par classe (\(levelName)), \(years?.short ?? view.label)",
                              columns: columns, schema: view.period != nil ? "tableau-periode" : "tableau-millesime")
    }

    /// The figures of a portrait as a French CSV (`table`).
    package static func bytes(_ portrait: Portrait) -> [UInt8] {
        let view = portrait.view
        var out = FrenchCSV(Self.table(view: view, levelName: portrait.levelName, years: portrait.years))
        let id = portrait.territory
        for r in portrait.stockRows {
            var f = [id.level.rawValue, id.code, portrait.name, r.code, r.label]
            if let p = portrait.years.period, let b = r.before, let share = r.beforeShare, let delta = r.delta {
                f += [DownloadColumn.period(p), FrenchCSV.number(b / 10_000), FrenchCSV.number(share * 100),
                      FrenchCSV.number(r.after / 10_000), FrenchCSV.number(r.afterShare * 100), FrenchCSV.number(delta / 10_000)]
            } else {
                f += [DownloadColumn.years(portrait.years.millesime), FrenchCSV.number(r.after / 10_000), FrenchCSV.number(r.afterShare * 100)]
            }
            out.row(f)
        }
        return out.bytes
    }
}
