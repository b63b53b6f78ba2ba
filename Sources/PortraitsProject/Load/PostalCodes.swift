import PortraitsCore

/// The commune → postal code table (`postal_codes:`): a commune may have several postal codes and
/// a postal code several communes. Errors name the file and the line.
package enum PostalCodes {
    package static func read(_ source: ProjectConfig.PostalCodeSource, communes: Set<String>) throws -> [String: [String]] {
        let csv = try MembershipLoader.readCSV(source.file)
        let ic = try csv.column(source.commune), ip = try csv.column(source.code)
        var out: [String: [String]] = [:]
        for row in csv.rows {
            let commune = row.fields[ic].trimmingWhitespace(), code = row.fields[ip].trimmingWhitespace()
            if commune.isEmpty && code.isEmpty { continue }
            guard code.count == 5, code.allSatisfy(\.isASCIIDigitFR) else {
                throw InputError("\(source.file), line \(row.line)", "postal code \"\(code)\" of commune \(commune) is not five digits")
            }
            // Communes outside the site (a national table) are skipped.
            guard communes.contains(commune) else { continue }
            if !(out[commune]?.contains(code) ?? false) { out[commune, default: []].append(code) }
        }
        return out.mapValues { $0.sorted() }
    }
}

extension Character {
    package var isASCIIDigitFR: Bool { ("0"..."9").contains(self) }
}
