import Foundation
import PortraitsCore

/// CSV the way French spreadsheet users open it: UTF-8 with BOM, `;` separator, decimal comma,
/// CRLF line ends; fields quoted when they hold a separator, a quote or a line break.
struct FrenchCSV {
    private var text = "\u{FEFF}"

    mutating func row(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ";") + "\r\n"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number with a decimal comma and no grouping (`1234,56`), as spreadsheets parse it.
    static func number(_ v: Double, decimals: Int = 2) -> String {
        FrenchNumber.plain(v, decimals: decimals).replacingOccurrences(of: ".", with: ",")
    }

    var bytes: [UInt8] { Array(text.utf8) }
}
