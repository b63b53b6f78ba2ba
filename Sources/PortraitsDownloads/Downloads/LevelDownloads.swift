import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel

/// The level-wide files of the "Données" page: for each level, every territory of the site in one
/// file — headline indicators per period (CSV, long by period), the ZAN trajectory (CSV), the stock
/// of every leaf class per millésime (CSV, wide) — and all of them again in one workbook. The CSV
/// files hold their table only; `metadata` describes them all (`donnees/csv-metadata.json`).
package enum LevelDownloads {
    /// "communes", "departements", "epci": the level in file names.
    package static func slug(_ level: TerritoryLevel) -> String { Slug.of(level.pluralLabel) }
    package static func indicatorsCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-indicateurs.csv" }
    package static func zanCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-trajectoire-zan.csv" }
    package static func stockCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-occupation-du-sol.csv" }
    package static func workbook(_ level: TerritoryLevel) -> String { "donnees/\(slug(level)).xlsx" }
    package static let metadataPath = "donnees/\(SitePaths.csvMetadataFile)"

    package static func territories(_ level: TerritoryLevel, _ project: Project) -> [Territory] {
        project.catalog.all(level).sorted { $0.id < $1.id }
    }

    // MARK: Tables

    package static func indicatorsTable(_ level: TerritoryLevel, tables: DownloadTables) -> CSVDescription {
        CSVDescription(file: SitePaths.fileName(indicatorsCSV(level)), title: "Indicateurs par période — \(level.pluralLabel)",
                       columns: DownloadColumn.territory(parents: tables.parentColumns(level))
                        + DownloadColumn.periodAndArea(ranked: tables.layout.ranked) + tables.definitions.map(DownloadColumn.indicator))
    }

    package static func indicatorRows(_ level: TerritoryLevel, tables: DownloadTables) -> [[XLSXCell]] {
        let parents = tables.parentColumns(level)
        var rows: [[XLSXCell]] = []
        for t in territories(level, tables.project) {
            for p in tables.layout.periods.indices { rows.append(tables.indicatorRow(t, period: p, parents: parents)) }
        }
        return rows
    }

    package static func zanTable(_ level: TerritoryLevel, tables: DownloadTables) -> CSVDescription {
        CSVDescription(file: SitePaths.fileName(zanCSV(level)), title: "Trajectoire ZAN 2021–2030 — \(level.pluralLabel)",
                       columns: DownloadColumn.territory(parents: tables.parentColumns(level)) + ZANColumns.columns)
    }

    package static func zanRows(_ level: TerritoryLevel, tables: DownloadTables) -> [[XLSXCell]] {
        let parents = tables.parentColumns(level)
        return territories(level, tables.project).compactMap { t in
            guard let z = tables.store?.zan(t) else { return nil }
            return tables.keyCells(t, parents: parents) + ZANColumns.cells(z)
        }
    }

    package static func stockTable(_ level: TerritoryLevel, tables: DownloadTables) -> CSVDescription {
        CSVDescription(file: SitePaths.fileName(stockCSV(level)), title: "Surface de chaque classe à chaque millésime — \(level.pluralLabel)",
                       columns: DownloadColumn.territory(parents: tables.parentColumns(level))
                        + [.number("surface_ha", "Surface du territoire", unit: "ha")]
                        + tables.layout.millesimes.indices.flatMap { m in
                            // By rank: the row's years of that rank first, then the classes.
                            let y = tables.layout.ranked ? "m\(tables.layout.millesimes[m])" : String(tables.layout.millesimes[m])
                            let name = ProjectYears.millesimeName(tables.project, m)
                            return (tables.layout.ranked ? [DownloadColumn.text("annees_\(y)", "Année(s) du \(name) du territoire, séparées par « ; » quand ses communes diffèrent")] : [])
                                + tables.leafColumns.map { DownloadColumn.number("\($0.cls.code)_\(y)_ha", "\($0.cls.code) \($0.cls.label), \(name)", unit: "ha") }
                        })
    }

    package static func stockRows(_ level: TerritoryLevel, tables: DownloadTables) -> [[XLSXCell]] {
        let parents = tables.parentColumns(level)
        return territories(level, tables.project).map { t in
            let years = tables.project.years(t.id)
            let stock = tables.layout.millesimes.indices.flatMap { m -> [XLSXCell] in
                (tables.layout.ranked ? [.text(years.millesimes[m].map(DownloadColumn.years) ?? "")] : [])
                    + tables.leafStock(t.id, millesime: m).map { .number($0 / 10_000, decimals: 2) }
            }
            return tables.keyCells(t, parents: parents) + [.number(tables.project.facts[t.id]!.area / 10_000, decimals: 2)] + stock
        }
    }

    /// The descriptions of a level's CSV files (those of `LevelTables`, without making their rows).
    package static func descriptions(_ level: TerritoryLevel, tables: DownloadTables) -> [CSVDescription] {
        var out: [CSVDescription] = []
        if !tables.layout.periods.isEmpty {
            out.append(indicatorsTable(level, tables: tables))
            if tables.store?.zanReference != nil { out.append(zanTable(level, tables: tables)) }
        }
        return out + [stockTable(level, tables: tables)]
    }

    package static func metadata(_ levels: [TerritoryLevel], tables: DownloadTables, attribution: [String]) throws -> [UInt8] {
        try CSVMetadata.bytes(levels.flatMap { descriptions($0, tables: tables) }, title: "Occupation du sol — fichiers par niveau",
                              sources: tables.sourceLines(attribution: attribution))
    }

    /// One sheet per theme of the indicators (columns: the territory, the period, the theme's
    /// indicators), the ZAN trajectory, one sheet of stock per dimension; the workbook adds the
    /// columns and the sources.
    package static func workbookBytes(_ made: LevelTables, tables: DownloadTables, attribution: [String], created: Date) throws -> [UInt8] {
        let level = made.level
        let project = tables.project
        let key = DownloadColumn.territory(parents: tables.parentColumns(level))
        var sheets: [XLSXSheet] = []
        if let indicators = made.indicators {
            sheets += tables.themeSheets(key: key, rows: indicators.rows, title: level.pluralLabel)
        }
        if let zan = made.zan {
            sheets.append(XLSXSheet(name: "Trajectoire ZAN", title: zan.table.title, columns: zan.table.columns, rows: zan.rows))
        }
        let stock = made.stock
        let fixed = key.count + 1
        var offset = fixed
        for dim in project.nomenclature.dimensions {
            // This dimension's leaves at each millésime, out of the stock table's columns.
            let n = dim.leaves.count
            // (By rank, each millésime's block starts with its years' column, kept in every sheet.)
            let block = tables.leafColumns.count + (tables.layout.ranked ? 1 : 0), lead = tables.layout.ranked ? 1 : 0
            let perYear = tables.layout.millesimes.indices.map { m -> [Int] in
                (lead > 0 ? [fixed + m * block] : []) + Array((offset + lead + m * block)..<(offset + lead + m * block + n))
            }
            let columns = Array(stock.table.columns.prefix(fixed)) + perYear.flatMap { $0.map { stock.table.columns[$0] } }
            sheets.append(XLSXSheet(name: dim.name, title: "\(dim.name) : surface par classe et par millésime — \(level.pluralLabel)",
                                    columns: columns, rows: stock.rows.map { row in Array(row.prefix(fixed)) + perYear.flatMap { $0.map { row[$0] } } }))
            offset += n
        }
        return try XLSXWorkbook.bytes(sheets: sheets, title: "Occupation du sol — \(level.pluralLabel)",
                                      sources: tables.sourceLines(attribution: attribution), created: created)
    }
}

/// A level's tables, each made once and read by its CSV file, the level's workbook and (the
/// indicators) the GeoPackage.
package struct LevelTables {
    package typealias Table = (table: CSVDescription, rows: [[XLSXCell]], path: String)
    package let level: TerritoryLevel
    package var indicators: Table?
    package var zan: Table?
    package var stock: Table

    package init(_ level: TerritoryLevel, tables: DownloadTables) {
        self.level = level
        if !tables.layout.periods.isEmpty {
            indicators = (LevelDownloads.indicatorsTable(level, tables: tables), LevelDownloads.indicatorRows(level, tables: tables), LevelDownloads.indicatorsCSV(level))
            if tables.store?.zanReference != nil {
                zan = (LevelDownloads.zanTable(level, tables: tables), LevelDownloads.zanRows(level, tables: tables), LevelDownloads.zanCSV(level))
            }
        }
        stock = (LevelDownloads.stockTable(level, tables: tables), LevelDownloads.stockRows(level, tables: tables), LevelDownloads.stockCSV(level))
    }
}

/// The columns of the ZAN trajectory, shared by the level tables and a territory's workbook.
package enum ZANColumns {
    package static let columns: [DownloadColumn] = [
        .text("reference_periode", "Période de référence demandée (années civiles)"),
        .text("reference_donnees", "Période des données utilisée pour la référence"),
        .number("consommation_reference_ha", "Consommation d’espaces NAF de la référence (ramenée à sa durée)", unit: "ha"),
        .number("enveloppe_2021_2030_ha", "Enveloppe 2021–2030 (moitié de la référence, garantie communale de 1 ha)", unit: "ha"),
        .integer("communes_garantie", "Communes relevées à 1 ha par la garantie communale"),
        .text("periode_actuelle", "Période du rythme actuel"),
        .number("rythme_actuel_ha_an", "Consommation par an sur la période actuelle", unit: "ha/an"),
        .number("projection_2021_2030_ha", "Consommation 2021–2030 au rythme actuel", unit: "ha"),
        .number("part_enveloppe_pct", "Projection rapportée à l’enveloppe", unit: "%"),
        .integer("annee_epuisement", "Année où l’enveloppe serait épuisée au rythme actuel (vide : pas avant 2100)"),
    ]

    package static func cells(_ z: ZANTrajectory) -> [XLSXCell] {
        [.text(DownloadColumn.period(z.referenceAsked)), .text(DownloadColumn.period(z.referenceUsed)),
         .number(z.referenceConsumption / 10_000, decimals: 2), .number(z.allowance / 10_000, decimals: 2),
         .number(Double(z.guaranteedCommunes), decimals: 0), .text(DownloadColumn.period(z.currentPeriod)),
         .number(z.currentPace / 10_000, decimals: 2), .number(z.projection / 10_000, decimals: 2),
         z.projectionRatio.map { .number($0 * 100, decimals: 2) } ?? .empty,
         z.exhaustionYear.map { .number(Double($0), decimals: 0) } ?? .empty]
    }
}
