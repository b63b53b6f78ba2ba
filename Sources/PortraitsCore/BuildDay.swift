import Foundation

/// The day of a build, as printed on PDFs, workbooks and the sitemap.
public enum BuildDay {
    /// Today, UTC, or the day of `SOURCE_DATE_EPOCH` (reproducible builds): "2026-11-26".
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let d = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", d.year!, d.month!, d.day!)
    }

    /// "2026-12-06" written in French: "6 décembre 2026" (the 1st: "1er décembre 2026").
    public static func french(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        guard parts.count == 3, (1...12).contains(parts[1]) else { return iso }
        return "\(parts[2] == 1 ? "1er" : String(parts[2])) \(months[parts[1] - 1]) \(parts[0])"
    }

    /// Noon of the day `iso`, UTC: the date given to files a build writes inside archives.
    public static func date(_ iso: String) -> Date {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        var c = DateComponents()
        c.year = parts.first ?? 2000
        c.month = parts.count > 1 ? parts[1] : 1
        c.day = parts.count > 2 ? parts[2] : 1
        c.hour = 12
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c) ?? Date(timeIntervalSince1970: 0)
    }
}
