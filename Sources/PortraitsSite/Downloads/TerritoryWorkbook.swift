import Foundation
import PortraitsCore

/// A territory's workbook (`donnees-67482-strasbourg.xlsx`): the same tables as the level files
/// and the CSV files beside the portrait, with the same columns — one sheet per theme with the
/// headline indicators of every period, the ZAN trajectory, the stock of every class at every
/// level and millésime, the transitions of every period at every level — then the columns and
/// the sources.
enum TerritoryWorkbook {
    static func bytes(_ t: Territory, tables: DownloadTables, attribution: [String], created: Date) throws -> [UInt8] {
        let project = tables.project
        let layout = project.layout
        let facts = project.facts[t.id]!
        let parents = tables.parentColumns(t.id.level)
        let key = DownloadColumn.territory(parents: parents)
        let keyCells: [XLSXCell] = [.text(t.id.code), .text(t.name)] + tables.parentCodes(t, parents).map { .text($0) }
        var sheets: [XLSXSheet] = []
        if !layout.periods.isEmpty {
            let values = layout.periods.indices.map { tables.indicators(t.id, period: $0) }
            for g in tables.groups {
                let columns = key + [.text("periode", "Période (début-fin)"), .number("surface_ha", "Surface du territoire", unit: "ha")]
                    + g.columns.map { DownloadColumn.indicator(tables.definitions[$0]) }
                let rows = layout.periods.enumerated().map { p, period -> [XLSXCell] in
                    keyCells + [.text(DownloadColumn.period(period)), .number(facts.area / 10_000, decimals: 2)]
                        + g.columns.map { .number(values[p][$0], decimals: tables.definitions[$0].decimals) }
                }
                sheets.append(XLSXSheet(name: g.name, title: "\(g.name) — \(t.name)", columns: columns, rows: rows))
            }
            if let z = tables.store?.zan(t) {
                sheets.append(XLSXSheet(name: "Trajectoire ZAN", title: "Trajectoire ZAN 2021–2030 — \(t.name)",
                                        columns: key + ZANColumns.columns, rows: [keyCells + ZANColumns.cells(z)]))
            }
        }
        sheets.append(XLSXSheet(name: "Occupation du sol", title: TerritoryCSV.stockTable.title + " — \(t.name)",
                                columns: TerritoryCSV.stockTable.columns, rows: TerritoryCSV.stockRows(t, facts: facts, project: project)))
        if let first = layout.periods.first {
            // The CSV's columns, the rows of the maps' level (every level is in the CSV files).
            let dim = project.nomenclature.primary
            let rows = layout.periods.indices.flatMap { TerritoryCSV.transitionRows(t, facts: facts, periodIndex: $0, project: project) }
                .filter { row in
                    if case .text(let d) = row[3], case .number(let l, _) = row[4] { return d == dim.id && Int(l) == project.displayLevel }
                    return false
                }
            sheets.append(XLSXSheet(name: "Mutations", title: "Mutations entre classes de chaque période (\(PortraitPage.levelName(project))) — \(t.name)",
                                    columns: TerritoryCSV.transitionsTable(first).columns, rows: rows))
        }
        return try XLSXWorkbook.bytes(sheets: sheets, title: "Occupation du sol — \(t.name)",
                                      sources: tables.sourceLines(attribution: attribution), created: created, headerComments: false)
    }
}
