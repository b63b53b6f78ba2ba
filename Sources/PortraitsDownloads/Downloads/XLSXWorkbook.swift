import CXLSXWriter
import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel

/// A cell of a spreadsheet: text, or a number typed as a number (with its display format).
package enum XLSXCell {
    case text(String)
    case number(Double, decimals: Int)
    case empty
}

/// A sheet: a table whose header row holds the column names (the same as in the CSV files and the
/// GeoPackage), each with its French title and unit as a comment; frozen, with an autofilter.
package struct XLSXSheet {
    package var name: String
    /// What the sheet holds, listed on the "Colonnes" sheet.
    package var title: String
    package var columns: [DownloadColumn]
    package var rows: [[XLSXCell]]
    /// A sheet of notes (the columns, the sources): no comments, no filter.
    package var isNote = false
}

/// An XLSX workbook written with libxlsxwriter. libxlsxwriter writes to a file: the workbook is
/// made in a temporary file and returned as bytes, so that only the output writer touches `Output/`.
/// The document date is the build date, so two builds of the same inputs give the same bytes.
package enum XLSXWorkbook {
    /// Above this many columns a sheet gets no header comments (libxlsxwriter writes comments in
    /// time that grows faster than their number); the "Colonnes" sheet still titles every column.
    package static let maxCommentedColumns = 300

    /// `headerComments`: each header cell carries its column's title as a comment (the level files;
    /// the thousands of territory workbooks rely on their "Colonnes" sheet, at a third of the size).
    package static func bytes(sheets: [XLSXSheet], title: String, sources: [String], created: Date, headerComments: Bool = true) throws -> [UInt8] {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        guard let wb = workbook_new(tmp) else { throw InputError(tmp, "libxlsxwriter cannot create the workbook") }
        var props = lxw_doc_properties()
        let cTitle = strdup(title), cAuthor = strdup("portraits")
        defer { free(cTitle); free(cAuthor) }
        props.title = cTitle
        props.author = cAuthor
        props.created = time_t(created.timeIntervalSince1970)
        workbook_set_properties(wb, &props)
        let bold = workbook_add_format(wb)
        format_set_bold(bold)
        format_set_text_wrap(bold)
        format_set_align(bold, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        var numberFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
        func numberFormat(_ decimals: Int) -> UnsafeMutablePointer<lxw_format> {
            if let f = numberFormats[decimals] { return f }
            let f = workbook_add_format(wb)!
            format_set_num_format(f, decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals))
            numberFormats[decimals] = f
            return f
        }
        var used = Set<String>()
        let notes = [columnsSheet(sheets), sourcesSheet(sources)]
        for sheet in sheets + notes {
            let name = uniqueName(sheet.name, &used)
            guard let ws = workbook_add_worksheet(wb, name) else { throw InputError(tmp, "cannot add the sheet \(name)") }
            for (j, c) in sheet.columns.enumerated() {
                worksheet_write_string(ws, 0, lxw_col_t(j), c.name, bold)
                if headerComments && !sheet.isNote && sheet.columns.count <= XLSXWorkbook.maxCommentedColumns { worksheet_write_comment(ws, 0, lxw_col_t(j), c.titleWithUnit) }
            }
            for (i, row) in sheet.rows.enumerated() {
                let r = lxw_row_t(i + 1)
                for (j, cell) in row.enumerated() {
                    switch cell {
                    case .text(let s): worksheet_write_string(ws, r, lxw_col_t(j), s, nil)
                    case .number(let v, let d):
                        if v.isFinite { worksheet_write_number(ws, r, lxw_col_t(j), DownloadTables.stable(v), numberFormat(d)) }
                    case .empty: break
                    }
                }
            }
            for (j, c) in sheet.columns.enumerated() {
                let longest = sheet.rows.prefix(200).reduce(c.name.count) { m, row in
                    if j < row.count, case .text(let s) = row[j] { return max(m, s.count) } else { return max(m, 12) }
                }
                worksheet_set_column(ws, lxw_col_t(j), lxw_col_t(j), Double(min(max(longest, 8), 80)) + 2, nil)
            }
            worksheet_freeze_panes(ws, 1, 0)
            if !sheet.isNote && !sheet.columns.isEmpty {
                worksheet_autofilter(ws, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.columns.count - 1))
            }
        }
        let err = workbook_close(wb)
        guard err == LXW_NO_ERROR else { throw InputError(tmp, "libxlsxwriter: \(String(cString: lxw_strerror(err)))") }
        guard let data = FileManager.default.contents(atPath: tmp) else { throw InputError(tmp, "cannot read the workbook back") }
        return [UInt8](data)
    }

    /// "Colonnes": every column of every sheet with its title and unit.
    package static func columnsSheet(_ sheets: [XLSXSheet]) -> XLSXSheet {
        var rows: [[XLSXCell]] = []
        for sheet in sheets {
            for c in sheet.columns {
                rows.append([.text(sheetName(sheet.name)), .text(sheet.title), .text(c.name), .text(c.title), c.unit.map { .text($0) } ?? .empty])
            }
        }
        return XLSXSheet(name: "Colonnes", title: "Les colonnes de chaque feuille",
                         columns: [.text("feuille", "Feuille"), .text("contenu", "Contenu de la feuille"), .text("colonne", "Colonne"),
                                   .text("libelle", "Libellé"), .text("unite", "Unité")],
                         rows: rows, isNote: true)
    }

    package static func sourcesSheet(_ lines: [String]) -> XLSXSheet {
        XLSXSheet(name: "Sources", title: "Sources, millésimes et licence", columns: [.text("mention", "Mention")],
                  rows: lines.map { [.text($0)] }, isNote: true)
    }

    /// A sheet name Excel accepts (at most 31 characters, none of []:*?/\) that reads whole: a
    /// long name loses its parenthesis, then its last words, never half a word.
    package static func sheetName(_ name: String) -> String {
        var s = name.map { "[]:*?/\\".contains($0) ? "-" : String($0) }.joined()
        if s.count > 31, let paren = s.range(of: " (") { s = String(s[..<paren.lowerBound]) }
        while s.count > 31, let space = s.lastIndex(of: " ") { s = String(s[..<space]) }
        return String(s.prefix(31))
    }

    /// Excel's rules for sheet names (`sheetName`), unique in the workbook.
    package static func uniqueName(_ name: String, _ used: inout Set<String>) -> String {
        var base = sheetName(name)
        if base.isEmpty { base = "Feuille" }
        var candidate = base
        var k = 2
        while used.contains(candidate.lowercased()) {
            candidate = String(base.prefix(28)) + " \(k)"
            k += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}
