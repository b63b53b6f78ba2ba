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
}
