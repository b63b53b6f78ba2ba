import Foundation
import PortraitsCore

/// The level-wide files of the "Données" page: for each level, every territory of the site in one
/// file — headline indicators per period (CSV, long by period), the ZAN trajectory (CSV), the stock
/// of every leaf class per millésime (CSV, wide) — and all of them again in one workbook. The CSV
/// files hold their table only; `metadata` describes them all (`donnees/csv-metadata.json`).
enum LevelDownloads {
    /// "communes", "departements", "epci": the level in file names.
    static func slug(_ level: TerritoryLevel) -> String { PortraitPDF.slug(level.pluralLabel) }
    static func indicatorsCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-indicateurs.csv" }
    static func zanCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-trajectoire-zan.csv" }
    static func stockCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-occupation-du-sol.csv" }
    static func workbook(_ level: TerritoryLevel) -> String { "donnees/\(slug(level)).xlsx" }
    static let metadataPath = "donnees/\(CSVMetadata.fileName)"

    static func territories(_ level: TerritoryLevel, _ project: Project) -> [Territory] {
        project.catalog.all(level).sorted { $0.id < $1.id }
    }

    static func file(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }

    // MARK: Tables

    static func indicatorsTable(_ level: TerritoryLevel, tables: DownloadTables) -> CSVDescription {
        CSVDescription(file: file(indicatorsCSV(level)), title: "Indicateurs par période — \(level.pluralLabel)",
                       columns: DownloadColumn.territory(parents: tables.parentColumns(level))
                        + [.text("periode", "Période (début-fin)"), .number("surface_ha", "Surface du territoire", unit: "ha")]
                        + tables.definitions.map(DownloadColumn.indicator))
    }

    static func indicatorRows(_ level: TerritoryLevel, tables: DownloadTables) -> [[XLSXCell]] {
        let parents = tables.parentColumns(level)
        var rows: [[XLSXCell]] = []
        for t in territories(level, tables.project) {
            for (p, period) in tables.layout.periods.enumerated() {
                rows.append([.text(t.id.code), .text(t.name)] + tables.parentCodes(t, parents).map { .text($0) }
                            + [.text(DownloadColumn.period(period)), .number(tables.project.facts[t.id]!.area / 10_000, decimals: 2)]
                            + zip(tables.definitions, tables.indicators(t.id, period: p)).map { .number($1, decimals: $0.decimals) })
            }
        }
        return rows
    }

    static func zanTable(_ level: TerritoryLevel, tables: DownloadTables) -> CSVDescription {
        CSVDescription(file: file(zanCSV(level)), title: "Trajectoire ZAN 2021–2030 — \(level.pluralLabel)",
                       columns: DownloadColumn.territory(parents: tables.parentColumns(level)) + ZANColumns.columns)
    }

    static func zanRows(_ level: TerritoryLevel, tables: DownloadTables) -> [[XLSXCell]] {
        let parents = tables.parentColumns(level)
        return territories(level, tables.project).compactMap { t in
            guard let z = tables.store?.zan(t) else { return nil }
            return [.text(t.id.code), .text(t.name)] + tables.parentCodes(t, parents).map { .text($0) } + ZANColumns.cells(z)
        }
    }

    static func stockTable(_ level: TerritoryLevel, tables: DownloadTables) -> CSVDescription {
        CSVDescription(file: file(stockCSV(level)), title: "Surface de chaque classe à chaque millésime — \(level.pluralLabel)",
                       columns: DownloadColumn.territory(parents: tables.parentColumns(level))
                        + [.number("surface_ha", "Surface du territoire", unit: "ha")]
                        + tables.layout.millesimes.flatMap { y in
                            tables.leafColumns.map { DownloadColumn.number("\($0.cls.code)_\(y)_ha", "\($0.cls.code) \($0.cls.label), \(y)", unit: "ha") }
                        })
    }

    static func stockRows(_ level: TerritoryLevel, tables: DownloadTables) -> [[XLSXCell]] {
        let parents = tables.parentColumns(level)
        return territories(level, tables.project).map { t in
            let stock = tables.layout.millesimes.indices.flatMap { tables.leafStock(t.id, millesime: $0) }
            return [.text(t.id.code), .text(t.name)] + tables.parentCodes(t, parents).map { .text($0) }
                + [.number(tables.project.facts[t.id]!.area / 10_000, decimals: 2)] + stock.map { .number($0 / 10_000, decimals: 2) }
        }
    }

    /// The tables of a level, in the order of the workbook; the indicator and ZAN tables only when
    /// there are periods.
    static func all(_ level: TerritoryLevel, tables: DownloadTables) -> [(table: CSVDescription, rows: [[XLSXCell]], path: String)] {
        var out: [(CSVDescription, [[XLSXCell]], String)] = []
        if !tables.layout.periods.isEmpty {
            out.append((indicatorsTable(level, tables: tables), indicatorRows(level, tables: tables), indicatorsCSV(level)))
            if tables.store?.zanReference != nil {
                out.append((zanTable(level, tables: tables), zanRows(level, tables: tables), zanCSV(level)))
            }
        }
        out.append((stockTable(level, tables: tables), stockRows(level, tables: tables), stockCSV(level)))
        return out
    }

    // MARK: Files

    static func metadata(_ levels: [TerritoryLevel], tables: DownloadTables, attribution: [String]) throws -> [UInt8] {
        let described = levels.flatMap { level in all(level, tables: tables).map(\.table) }
        return try CSVMetadata.bytes(described, title: "Occupation du sol — fichiers par niveau", sources: tables.sourceLines(attribution: attribution))
    }

    /// One sheet per theme of the indicators (columns: the territory, the period, the theme's
    /// indicators), the ZAN trajectory, one sheet of stock per dimension, the columns, the sources.
    static func workbookBytes(_ level: TerritoryLevel, tables: DownloadTables, attribution: [String], created: Date) throws -> [UInt8] {
        let parents = tables.parentColumns(level)
        let project = tables.project
        let key = DownloadColumn.territory(parents: parents)
        var sheets: [XLSXSheet] = []
        if !tables.layout.periods.isEmpty {
            let rows = indicatorRows(level, tables: tables)
            let fixed = key.count + 2
            for g in tables.groups {
                let columns = key + [.text("periode", "Période (début-fin)"), .number("surface_ha", "Surface du territoire", unit: "ha")]
                    + g.columns.map { DownloadColumn.indicator(tables.definitions[$0]) }
                sheets.append(XLSXSheet(name: g.name, title: "\(g.name) — \(level.pluralLabel)", columns: columns,
                                        rows: rows.map { row in Array(row.prefix(fixed)) + g.columns.map { row[fixed + $0] } }))
            }
            if tables.store?.zanReference != nil {
                let z = zanTable(level, tables: tables)
                sheets.append(XLSXSheet(name: "Trajectoire ZAN", title: z.title, columns: z.columns, rows: zanRows(level, tables: tables)))
            }
        }
        let stock = stockTable(level, tables: tables)
        let stockRows = stockRows(level, tables: tables)
        let fixed = key.count + 1
        var offset = fixed
        for dim in project.nomenclature.dimensions {
            // This dimension's leaves at each millésime, out of the stock table's columns.
            let n = dim.leaves.count
            let perYear = tables.layout.millesimes.indices.map { m in (offset + m * tables.leafColumns.count)..<(offset + m * tables.leafColumns.count + n) }
            let columns = Array(stock.columns.prefix(fixed)) + perYear.flatMap { stock.columns[$0] }
            sheets.append(XLSXSheet(name: dim.name, title: "\(dim.name) : surface par classe et par millésime — \(level.pluralLabel)",
                                    columns: columns, rows: stockRows.map { row in Array(row.prefix(fixed)) + perYear.flatMap { row[$0] } }))
            offset += n
        }
        return try XLSXWorkbook.bytes(sheets: sheets, title: "Occupation du sol — \(level.pluralLabel)",
                                      sources: tables.sourceLines(attribution: attribution), created: created)
    }
}

/// The columns of the ZAN trajectory, shared by the level tables and a territory's workbook.
enum ZANColumns {
    static let columns: [DownloadColumn] = [
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

    static func cells(_ z: ZANTrajectory) -> [XLSXCell] {
        [.text(DownloadColumn.period(z.referenceAsked)), .text(DownloadColumn.period(z.referenceUsed)),
         .number(z.referenceConsumption / 10_000, decimals: 2), .number(z.allowance / 10_000, decimals: 2),
         .number(Double(z.guaranteedCommunes), decimals: 0), .text(DownloadColumn.period(z.currentPeriod)),
         .number(z.currentPace / 10_000, decimals: 2), .number(z.projection / 10_000, decimals: 2),
         z.projectionRatio.map { .number($0 * 100, decimals: 2) } ?? .empty,
         z.exhaustionYear.map { .number(Double($0), decimals: 0) } ?? .empty]
    }
}
