/// A small RFC 4180 CSV reader: quoted fields, doubled quotes, `,` or `;` separator, CRLF, UTF-8 BOM.
///
/// Used for nomenclatures and membership tables; errors name the source and the line.
public struct CSVTable: Sendable {
    public let header: [String]
    /// Data rows with their 1-based line number in the source.
    public let rows: [(line: Int, fields: [String])]
    public let source: String

    /// Parses `text`. The separator is the one of `,` and `;` most frequent in the header line.
    public init(text: String, source: String) throws {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let sep: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var afterQuote = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let ch = next() {
            if inQuotes {
                if ch == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; afterQuote = true; pending = n }
                    } else { inQuotes = false }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1 }
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"":
                if field.isEmpty && !afterQuote { inQuotes = true } else {
                    throw InputError("\(source), line \(line)", "unexpected quote inside an unquoted field")
                }
            case sep:
                fields.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                fields.append(field); field = ""; afterQuote = false
                if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
            default:
                if afterQuote { throw InputError("\(source), line \(line)", "text after a closing quote") }
                field.append(ch)
            }
        }
        if inQuotes { throw InputError("\(source), line \(recordLine)", "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        guard let head = records.first else { throw InputError(source, "the file is empty (no header line)") }
        self.header = head.1.map { $0.trimmingWhitespace() }
        self.source = source
        var rows: [(line: Int, fields: [String])] = []
        for r in records.dropFirst() {
            if r.1.count != header.count {
                throw InputError("\(source), line \(r.0)", "\(r.1.count) fields where the header has \(header.count)")
            }
            rows.append((line: r.0, fields: r.1))
        }
        self.rows = rows
    }

    /// Index of a column, or an error naming the file and the missing column.
    public func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw InputError(source, "column \"\(name)\" is missing (columns: \(header.joined(separator: ", ")))")
        }
        return i
    }

    public func optionalColumn(_ name: String) -> Int? { header.firstIndex(of: name) }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
