import CXLSXWriter
import Foundation
import PortraitsCore

/// A cell of a spreadsheet: text, or a number typed as a number (with its display format).
enum XLSXCell {
    case text(String)
    case number(Double, decimals: Int)
    case empty
}

/// A sheet: a title line, a header row (bold, frozen) and rows.
struct XLSXSheet {
    var name: String
    var title: String
    var header: [String]
    var rows: [[XLSXCell]]
    /// Column widths in characters (the last one repeats).
    var widths: [Double] = [12, 36, 14]
}

/// An XLSX workbook written with libxlsxwriter. libxlsxwriter writes to a file: the workbook is
/// made in a temporary file and returned as bytes, so that only the output writer touches `Output/`.
/// The document date is the build date, so two builds of the same inputs give the same bytes.
enum XLSXWorkbook {
    static func bytes(sheets: [XLSXSheet], title: String, created: Date) throws -> [UInt8] {
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
        let heading = workbook_add_format(wb)
        format_set_bold(heading)
        format_set_font_size(heading, 12)
        var numberFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
        func numberFormat(_ decimals: Int) -> UnsafeMutablePointer<lxw_format> {
            if let f = numberFormats[decimals] { return f }
            let f = workbook_add_format(wb)!
            format_set_num_format(f, decimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: decimals))
            numberFormats[decimals] = f
            return f
        }
        var used = Set<String>()
        for sheet in sheets {
            let name = uniqueName(sheet.name, &used)
            guard let ws = workbook_add_worksheet(wb, name) else { throw InputError(tmp, "cannot add the sheet \(name)") }
            worksheet_write_string(ws, 0, 0, sheet.title, heading)
            for (j, h) in sheet.header.enumerated() { worksheet_write_string(ws, 2, lxw_col_t(j), h, bold) }
            for (i, row) in sheet.rows.enumerated() {
                let r = lxw_row_t(i + 3)
                for (j, cell) in row.enumerated() {
                    switch cell {
                    case .text(let s): worksheet_write_string(ws, r, lxw_col_t(j), s, nil)
                    case .number(let v, let d):
                        if v.isFinite { worksheet_write_number(ws, r, lxw_col_t(j), DownloadTables.stable(v), numberFormat(d)) }
                    case .empty: break
                    }
                }
            }
            let columns = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
            for j in 0..<columns {
                worksheet_set_column(ws, lxw_col_t(j), lxw_col_t(j), j < sheet.widths.count ? sheet.widths[j] : sheet.widths.last!, nil)
            }
            worksheet_freeze_panes(ws, 3, 0)
        }
        let err = workbook_close(wb)
        guard err == LXW_NO_ERROR else { throw InputError(tmp, "libxlsxwriter: \(String(cString: lxw_strerror(err)))") }
        guard let data = FileManager.default.contents(atPath: tmp) else { throw InputError(tmp, "cannot read the workbook back") }
        return [UInt8](data)
    }

    /// Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique.
    static func uniqueName(_ name: String, _ used: inout Set<String>) -> String {
        var base = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
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
