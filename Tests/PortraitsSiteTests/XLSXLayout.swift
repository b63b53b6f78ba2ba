import Foundation
import XCTest

/// An XLSX file read from the zip's XML with unzip, as a reader would find it: its layout as text
/// (for a golden file) and the cells of a sheet.
struct XLSXLayout {
    let path: String

    func part(_ name: String) throws -> String { try runTool("/usr/bin/unzip", ["-p", path, name]) }

    static func matches(_ pattern: String, _ text: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    func sharedStrings() throws -> [String] {
        Self.matches("<si>(.*?)</si>", try part("xl/sharedStrings.xml")).map { si in
            Self.matches("<t[^>]*>(.*?)</t>", si[0]).map { $0[0] }.joined()
        }
    }

    /// Each sheet in order with its header row (shared strings resolved), its frozen rows, its
    /// autofilter and its row count.
    static func describe(_ path: String) throws -> String {
        let book = XLSXLayout(path: path)
        let strings = try book.sharedStrings()
        let names = matches("<sheet name=\"([^\"]*)\"", try book.part("xl/workbook.xml")).map { $0[0] }
        var out: [String] = []
        for (i, name) in names.enumerated() {
            let xml = try book.part("xl/worksheets/sheet\(i + 1).xml")
            let firstRow = matches("<row r=\"1\"[^>]*>(.*?)</row>", xml).first?[0] ?? ""
            let header = matches("<c r=\"[A-Z]+1\"[^>]*t=\"s\"[^>]*><v>([0-9]+)</v></c>", firstRow).map { strings[Int($0[0])!] }
            let rows = matches("<row r=\"([0-9]+)\"", xml).count
            let frozen = matches("ySplit=\"([0-9]+)\"", xml).first?[0] ?? "0"
            let filter = matches("<autoFilter ref=\"([^\"]*)\"", xml).first?[0] ?? "none"
            out.append("\(name) | rows \(rows) | frozen \(frozen) | filter \(filter)\n  " + header.joined(separator: ";"))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The cells of sheet `n` (1-based) as text, row by row: shared strings resolved, numbers as
    /// written (full precision).
    static func cells(_ path: String, sheet n: Int) throws -> [[String]] {
        let book = XLSXLayout(path: path)
        let strings = try book.sharedStrings()
        return matches("<row [^>]*>(.*?)</row>", try book.part("xl/worksheets/sheet\(n).xml")).map { row in
            matches("<c r=\"[A-Z]+[0-9]+\"([^>]*)>(?:<v>([^<]*)</v>)?</c>", row[0]).map { c in
                c[0].contains("t=\"s\"") ? strings[Int(c[1])!] : c[1]
            }
        }
    }
}
