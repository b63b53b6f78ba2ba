import Foundation
import PortraitsCore
import PortraitsProject

/// CSV the way French spreadsheet users open it: UTF-8 with BOM, `;` separator, decimal comma,
/// CRLF line ends; fields quoted when they hold a separator, a quote or a line break.
package struct FrenchCSV {
    private var text = "\u{FEFF}"

    /// A table's CSV, its header row written.
    package init(_ table: CSVDescription) {
        row(table.header)
    }

    package init() {}

    package mutating func row(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ";") + "\r\n"
    }

    package static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number with a decimal comma and no grouping (`1234,56`), as spreadsheets parse it.
    package static func number(_ v: Double, decimals: Int = 2) -> String {
        FrenchNumber.plain(v, decimals: decimals).replacingOccurrences(of: ".", with: ",")
    }

    package var bytes: [UInt8] { Array(text.utf8) }

    /// A cell as the column says: text as is, numbers with their decimals and a decimal comma,
    /// an empty cell empty.
    package static func field(_ cell: XLSXCell, _ column: DownloadColumn) -> String {
        switch cell {
        case .text(let s): return s
        case .number(let v, let d): return v.isFinite ? number(v, decimals: column.kind == .integer ? 0 : d) : ""
        case .empty: return ""
        }
    }

    /// A whole table: header and rows (the same rows a workbook sheet holds).
    package static func bytes(_ table: CSVDescription, rows: [[XLSXCell]]) -> [UInt8] {
        var out = FrenchCSV(table)
        for row in rows { out.row(zip(table.columns, row).map { field($1, $0) }) }
        return out.bytes
    }
}
