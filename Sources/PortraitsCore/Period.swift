/// A pair of millésimes (t0 < t1).
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let start: Int
    public let end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var years: Int { end - start }

    /// `2019-2021`: the file-name and display form.
    public var description: String { "\(start)-\(end)" }

    /// `2019–2021` with an en dash, for French text.
    public var label: String { "\(start)–\(end)" }

    public static func < (a: Period, b: Period) -> Bool { a.start != b.start ? a.start < b.start : a.end < b.end }

    /// The default periods of a list of millésimes: each consecutive pair, then first → last when it
    /// differs from them. One millésime gives no period.
    public static func defaults(for millesimes: [Int]) -> [Period] {
        let m = Array(Set(millesimes)).sorted()
        guard m.count >= 2 else { return [] }
        var out = zip(m, m.dropFirst()).map { Period($0, $1) }
        let whole = Period(m.first!, m.last!)
        if !out.contains(whole) { out.append(whole) }
        return out
    }
}
