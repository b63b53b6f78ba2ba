import PortraitsCore
import PortraitsProject
import PortraitsModel

/// The per-territory downloads beside the portraits: the stock at every level of every dimension and
/// every millésime, and the transitions of each period at every level (long format, French CSV).
/// Each file is a table and nothing else; `metadata` describes them (`csv-metadata.json`).
package enum TerritoryCSV {

    package static let territoryColumns: [DownloadColumn] = [
        .text("niveau_territoire", "Niveau du territoire (commune, epci, scot, departement, region)"),
        .text("code", "Code du territoire (INSEE ou SIREN)"), .text("territoire", "Nom du territoire"),
    ]
    package static let classColumns: [DownloadColumn] = [
        .text("dimension", "Dimension de la nomenclature (couverture, usage…)"), .integer("niveau", "Niveau de la nomenclature (1 = le plus agrégé)"),
    ]

    package static let stockTable = stockTable(ranked: false)

    package static func stockTable(ranked: Bool) -> CSVDescription {
        CSVDescription(file: SitePaths.stockFile, title: "Surfaces de toutes les classes, à tous les niveaux et à tous les millésimes",
                       columns: territoryColumns + classColumns + [
            .text("code_classe", "Code de la classe"), .text("classe", "Libellé de la classe"), DownloadColumn.millesime(ranked: ranked),
            .number("surface_ha", "Surface", unit: "ha"), .number("part_pct", "Part de la surface décrite", unit: "%"),
        ], schema: "stock")
    }

    /// `label`: the period's name in the title (`2019–2021`, or a territory's years).
    package static func transitionsTable(_ period: Period, label: String? = nil, ranked: Bool = false) -> CSVDescription {
        CSVDescription(file: SitePaths.transitionsFile(period), title: "Mutations entre classes, \(label ?? period.label), à tous les niveaux",
                       columns: territoryColumns + classColumns + [
            DownloadColumn.periodColumn(ranked: ranked),
            .text("code_classe_debut", "Code de la classe au début de la période"), .text("classe_debut", "Classe au début de la période"),
            .text("code_classe_fin", "Code de la classe à la fin de la période"), .text("classe_fin", "Classe à la fin de la période"),
            .number("surface_ha", "Surface", unit: "ha"),
        ], schema: "mutations")
    }

    package static func stockRows(_ territory: Territory, facts: AreaFacts, project: Project) -> [[XLSXCell]] {
        var rows: [[XLSXCell]] = []
        for (d, dim) in project.nomenclature.dimensions.enumerated() {
            for level in 1...dim.depth {
                for (m, year) in project.layout.millesimes.enumerated() {
                    let yearCell: XLSXCell = project.layout.ranked
                        ? .text(project.years(territory.id).millesimes[m].map(DownloadColumn.years) ?? "") : .number(Double(year), decimals: 0)
                    for r in Stock.byClass(facts, millesime: m, nomenclature: project.nomenclature, dimension: d, level: level) where r.area > 0 {
                        rows.append(key(territory) + [.text(dim.id), .number(Double(level), decimals: 0), .text(r.code), .text(r.label),
                                                       yearCell, .number(r.area / 10_000, decimals: 2), .number(r.share * 100, decimals: 2)])
                    }
                }
            }
        }
        return rows
    }

    /// The transitions of period `p` at every level of every dimension, or at `only` one.
    package static func transitionRows(_ territory: Territory, facts: AreaFacts, periodIndex p: Int, project: Project,
                               only: (dimension: Int, level: Int)? = nil) -> [[XLSXCell]] {
        let period = DownloadColumn.period(project.years(territory.id).periods[p] ?? PeriodSpan(project.layout.periods[p]))
        var rows: [[XLSXCell]] = []
        for (d, dim) in project.nomenclature.dimensions.enumerated() where only == nil || only!.dimension == d {
            for level in 1...dim.depth where only == nil || only!.level == level {
                let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, dimension: d, level: level)
                for i in m.classes.indices {
                    for j in m.classes.indices where m.matrix[i][j] > 0 {
                        rows.append(key(territory) + [.text(dim.id), .number(Double(level), decimals: 0), .text(period),
                                                       .text(m.classes[i].code), .text(m.classes[i].label), .text(m.classes[j].code), .text(m.classes[j].label),
                                                       .number(m.matrix[i][j] / 10_000, decimals: 2)])
                    }
                }
            }
        }
        return rows
    }

    /// The transitions file of period `p` for a territory, titled with its years.
    static func transitionsTable(_ project: Project, _ t: Territory, _ p: Int) -> CSVDescription {
        let span = project.years(t.id).periods[p] ?? PeriodSpan(project.layout.periods[p])
        return transitionsTable(project.layout.periods[p], label: span.label, ranked: project.layout.ranked)
    }

    package static func key(_ t: Territory) -> [XLSXCell] { [.text(t.id.level.rawValue), .text(t.id.code), .text(t.name)] }

    package static func stock(_ territory: Territory, facts: AreaFacts, project: Project) -> [UInt8] {
        FrenchCSV.bytes(stockTable(ranked: project.layout.ranked), rows: stockRows(territory, facts: facts, project: project))
    }

    package static func transitions(_ territory: Territory, facts: AreaFacts, periodIndex p: Int, project: Project) -> [UInt8] {
        FrenchCSV.bytes(transitionsTable(project, territory, p), rows: transitionRows(territory, facts: facts, periodIndex: p, project: project))
    }

    /// The description of every CSV of a territory's folder: its stock, its transitions and the
    /// table of each of its portrait pages.
    package static func metadata(_ territory: Territory, views: [PortraitView], project: Project, attribution: [String]) throws -> [UInt8] {
        let tables = [stockTable(ranked: project.layout.ranked)] + project.layout.periods.indices.map { transitionsTable(project, territory, $0) }
            + views.map { PortraitCSV.table(view: $0, levelName: PortraitBuilder.levelName(project), years: ViewYears.of($0, territory.id, project: project)) }
        return try CSVMetadata.bytes(tables, title: "Occupation du sol — \(territory.name) (\(territory.id.level.inText) \(territory.id.code))",
                                     sources: DownloadTables(project: project).sourceLines(attribution: attribution), schemaRoot: "../../")
    }

    /// The shared schemas the territories' descriptions point to (`donnees/schemas/`).
    package static func schemas(project: Project) -> [CSVDescription] {
        let ranked = project.layout.ranked
        var out = [stockTable(ranked: ranked)]
        if let first = project.layout.periods.first { out.append(transitionsTable(first, label: ProjectYears.periodName(project, 0), ranked: ranked)) }
        var seen = Set<String>()
        for view in PortraitView.all(project.layout) {
            let t = PortraitCSV.table(view: view, levelName: PortraitBuilder.levelName(project))
            if seen.insert(t.schema ?? "").inserted { out.append(t) }
        }
        return out
    }
}
