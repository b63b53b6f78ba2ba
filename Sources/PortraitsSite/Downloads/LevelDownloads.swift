import Foundation
import PortraitsCore

/// The level-wide files of the "Données" page: for each level, every territory of the site in one
/// file — headline indicators per period (CSV, long by period) and the stock of every leaf class
/// per millésime (CSV, wide), both again in one workbook with one sheet per theme.
enum LevelDownloads {
    /// "communes", "departements", "epci": the level in file names.
    static func slug(_ level: TerritoryLevel) -> String { PortraitPDF.slug(level.pluralLabel) }
    static func indicatorsCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-indicateurs.csv" }
    static func stockCSV(_ level: TerritoryLevel) -> String { "donnees/\(slug(level))-occupation-du-sol.csv" }
    static func workbook(_ level: TerritoryLevel) -> String { "donnees/\(slug(level)).xlsx" }
    static let geopackage = "donnees/communes-indicateurs.gpkg"

    static func territories(_ level: TerritoryLevel, _ project: Project) -> [Territory] {
        project.catalog.all(level).sorted { $0.id < $1.id }
    }

    static func indicatorRows(_ level: TerritoryLevel, tables: DownloadTables) -> (header: [String], rows: [(Territory, Int, [Double])]) {
        let parents = tables.parentColumns(level)
        let header = ["code", "nom"] + parents.map { "code_\($0.rawValue)" } + ["periode", "surface_ha"] + tables.definitions.map(\.id)
        var rows: [(Territory, Int, [Double])] = []
        for t in territories(level, tables.project) {
            for p in tables.layout.periods.indices { rows.append((t, p, tables.indicators(t.id, period: p))) }
        }
        return (header, rows)
    }

    static func indicatorsCSVBytes(_ level: TerritoryLevel, tables: DownloadTables, attribution: [String]) -> [UInt8] {
        var out = FrenchCSV()
        let (header, rows) = indicatorRows(level, tables: tables)
        let parents = tables.parentColumns(level)
        out.row(header)
        for (t, p, values) in rows {
            out.row([t.id.code, t.name] + tables.parentCodes(t, parents) + [tables.layout.periods[p].description,
                     FrenchCSV.number(tables.project.facts[t.id]!.area / 10_000)]
                    + zip(tables.definitions, values).map { FrenchCSV.number($1, decimals: $0.decimals) })
        }
        footer(&out, tables: tables, attribution: attribution)
        return out.bytes
    }

    static func stockCSVBytes(_ level: TerritoryLevel, tables: DownloadTables, attribution: [String]) -> [UInt8] {
        var out = FrenchCSV()
        let parents = tables.parentColumns(level)
        let leaves = tables.leafColumns
        out.row(["code", "nom"] + parents.map { "code_\($0.rawValue)" } + ["surface_ha"]
                + tables.layout.millesimes.flatMap { y in leaves.map { "\($0.cls.code)_\(y)_ha" } })
        for t in territories(level, tables.project) {
            let stock = tables.layout.millesimes.indices.flatMap { tables.leafStock(t.id, millesime: $0) }
            out.row([t.id.code, t.name] + tables.parentCodes(t, parents) + [FrenchCSV.number(tables.project.facts[t.id]!.area / 10_000)]
                    + stock.map { FrenchCSV.number($0 / 10_000) })
        }
        footer(&out, tables: tables, attribution: attribution)
        return out.bytes
    }

    static func footer(_ out: inout FrenchCSV, tables: DownloadTables, attribution: [String]) {
        out.row([])
        for line in tables.sourceLines(attribution: attribution) { out.row(["source", line]) }
        out.row(["colonnes", "Indicateurs : " + tables.definitions.map { "\($0.id) = \($0.label) (\($0.unit.rawValue))" }.joined(separator: " ; ")])
    }

    static func workbookBytes(_ level: TerritoryLevel, tables: DownloadTables, attribution: [String], created: Date) throws -> [UInt8] {
        let parents = tables.parentColumns(level)
        let project = tables.project
        let list = territories(level, project)
        var sheets: [XLSXSheet] = []
        let (_, rows) = indicatorRows(level, tables: tables)
        for g in tables.layout.periods.isEmpty ? [] : tables.groups {
            let header = ["Code", "Nom"] + parents.map { "Code \($0.label)" } + ["Période", "Surface (ha)"] + g.columns.map { DownloadTables.header(tables.definitions[$0]) }
            let cells = rows.map { (t, p, values) -> [XLSXCell] in
                [.text(t.id.code), .text(t.name)] + tables.parentCodes(t, parents).map { .text($0) }
                + [.text(tables.layout.periods[p].label), .number(project.facts[t.id]!.area / 10_000, decimals: 2)]
                + g.columns.map { .number(values[$0], decimals: tables.definitions[$0].decimals) }
            }
            sheets.append(XLSXSheet(name: g.name, title: "\(g.name) — \(level.pluralLabel)", header: header, rows: cells,
                                    widths: [12, 36] + parents.map { _ in 12 } + [12, 14, 18]))
        }
        for (d, dim) in project.nomenclature.dimensions.enumerated() {
            let leaves = dim.leaves.map { dim.classes[$0] }
            let offset = tables.leafColumns.firstIndex { $0.dimension == d }!
            let header = ["Code", "Nom", "Surface (ha)"] + tables.layout.millesimes.flatMap { y in leaves.map { "\($0.code) \($0.shortLabel) \(y) (ha)" } }
            let cells = list.map { t -> [XLSXCell] in
                let stock = tables.layout.millesimes.indices.flatMap { m in tables.leafStock(t.id, millesime: m)[offset..<(offset + leaves.count)] }
                return [.text(t.id.code), .text(t.name), .number(project.facts[t.id]!.area / 10_000, decimals: 2)]
                    + stock.map { .number($0 / 10_000, decimals: 2) }
            }
            sheets.append(XLSXSheet(name: dim.name, title: "\(dim.name) : surface par classe et par millésime — \(level.pluralLabel)",
                                    header: header, rows: cells, widths: [12, 36, 14, 16]))
        }
        sheets.append(TerritoryWorkbook.sourcesSheet(tables.sourceLines(attribution: attribution)))
        return try XLSXWorkbook.bytes(sheets: sheets, title: "Occupation du sol — \(level.pluralLabel)", created: created)
    }
}
