import Foundation
import PortraitsCore

/// A territory's workbook (`donnees-67482-strasbourg.xlsx`): one sheet per theme with the headline
/// indicators of every period, the stock of every class at every level and millésime, the
/// transitions of every period at the display level, and the sources.
enum TerritoryWorkbook {
    static func bytes(_ t: Territory, tables: DownloadTables, attribution: [String], created: Date) throws -> [UInt8] {
        let project = tables.project
        let layout = project.layout
        let facts = project.facts[t.id]!
        var sheets: [XLSXSheet] = []
        let periods = Array(layout.periods.enumerated())
        if !periods.isEmpty {
            let values = periods.map { tables.indicators(t.id, period: $0.offset) }
            for g in tables.groups {
                let rows = g.columns.map { i -> [XLSXCell] in
                    let d = tables.definitions[i]
                    return [.text(d.label), .text(d.unit.rawValue)] + values.map { .number($0[i], decimals: d.decimals) }
                }
                sheets.append(XLSXSheet(name: g.name, title: "\(g.name) — \(t.name) (\(t.id.level.label) \(t.id.code))",
                                        header: ["Indicateur", "Unité"] + periods.map(\.element.label), rows: rows, widths: [46, 18, 14]))
            }
        }
        var stockRows: [[XLSXCell]] = []
        for (d, dim) in project.nomenclature.dimensions.enumerated() {
            for level in 1...dim.depth {
                let perYear = layout.millesimes.indices.map { Stock.byClass(facts, millesime: $0, nomenclature: project.nomenclature, dimension: d, level: level) }
                for (k, row) in perYear[0].enumerated() {
                    stockRows.append([.text(dim.name), .number(Double(level), decimals: 0), .text(row.code), .text(row.label)]
                                     + perYear.map { .number($0[k].area / 10_000, decimals: 2) })
                }
            }
        }
        sheets.append(XLSXSheet(name: "Occupation du sol", title: "Surfaces par classe — \(t.name)",
                                header: ["Dimension", "Niveau", "Code", "Classe"] + layout.millesimes.map { "\($0) (ha)" },
                                rows: stockRows, widths: [20, 8, 12, 48, 14]))
        if !periods.isEmpty {
            var rows: [[XLSXCell]] = []
            for (p, period) in periods {
                let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, level: project.displayLevel)
                for i in m.classes.indices {
                    for j in m.classes.indices where m.matrix[i][j] > 0 {
                        rows.append([.text(period.label), .text(m.classes[i].code), .text(m.classes[i].label),
                                     .text(m.classes[j].code), .text(m.classes[j].label), .number(m.matrix[i][j] / 10_000, decimals: 2)])
                    }
                }
            }
            sheets.append(XLSXSheet(name: "Mutations", title: "Mutations entre classes (\(project.nomenclature.primary.name)) — \(t.name)",
                                    header: ["Période", "Code avant", "Classe avant", "Code après", "Classe après", "Surface (ha)"],
                                    rows: rows, widths: [12, 12, 40, 12, 40, 14]))
        }
        sheets.append(sourcesSheet(tables.sourceLines(attribution: attribution)))
        return try XLSXWorkbook.bytes(sheets: sheets, title: "Occupation du sol — \(t.name)", created: created)
    }

    static func sourcesSheet(_ lines: [String]) -> XLSXSheet {
        XLSXSheet(name: "Sources", title: "Sources, millésimes et licence", header: ["Mention"], rows: lines.map { [.text($0)] }, widths: [120])
    }
}
