import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel

/// A territory's workbook (`donnees-67482-strasbourg.xlsx`): the same tables as the level files
/// and the CSV files beside the portrait, with the same columns — one sheet per theme with the
/// headline indicators of every period, the ZAN trajectory, the stock of every class at every
/// level and millésime, the transitions of every period at every level — then the columns and
/// the sources.
package enum TerritoryWorkbook {
    package static func bytes(_ t: Territory, tables: DownloadTables, attribution: [String], created: Date) throws -> [UInt8] {
        let project = tables.project
        let layout = project.layout
        let facts = project.facts[t.id]!
        let parents = tables.parentColumns(t.id.level)
        let key = DownloadColumn.territory(parents: parents)
        var sheets: [XLSXSheet] = []
        if !layout.periods.isEmpty {
            sheets += tables.themeSheets(key: key, rows: layout.periods.indices.map { tables.indicatorRow(t, period: $0, parents: parents) }, title: t.name)
            if let z = tables.store?.zan(t) {
                sheets.append(XLSXSheet(name: "Trajectoire ZAN", title: "Trajectoire ZAN 2021–2030 — \(t.name)",
                                        columns: key + ZANColumns.columns, rows: [tables.keyCells(t, parents: parents) + ZANColumns.cells(z)]))
            }
        }
        sheets.append(XLSXSheet(name: "Occupation du sol", title: TerritoryCSV.stockTable.title + " — \(t.name)",
                                columns: TerritoryCSV.stockTable.columns, rows: TerritoryCSV.stockRows(t, facts: facts, project: project)))
        if let first = layout.periods.first {
            // The CSV's columns, the rows of the maps' level (every level is in the CSV files).
            let rows = layout.periods.indices.flatMap {
                TerritoryCSV.transitionRows(t, facts: facts, periodIndex: $0, project: project, only: (dimension: 0, level: project.displayLevel))
            }
            sheets.append(XLSXSheet(name: "Mutations", title: "Mutations entre classes de chaque période (\(PortraitBuilder.levelName(project))) — \(t.name)",
                                    columns: TerritoryCSV.transitionsTable(first).columns, rows: rows))
        }
        return try XLSXWorkbook.bytes(sheets: sheets, title: "Occupation du sol — \(t.name)",
                                      sources: tables.sourceLines(attribution: attribution), created: created, headerComments: false)
    }
}
