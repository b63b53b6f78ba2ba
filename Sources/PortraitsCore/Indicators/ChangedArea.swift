/// The area of each kind of change over a period at the display level, from the facts: what the
/// change map's table, the sentences and the downloads show. Its changes of cover (every kind but
/// `.usage`) add up to `MutationMatrix.grossChange` at the same level, because both are sums of the
/// same pieces (see `ChangeKind`).
public struct ChangedArea: Sendable, Equatable {
    /// m² per kind; kinds absent have no entry.
    public var byKind: [ChangeKind: Double]
    /// The part of `.usage` by status (consumption, artificialisation, désartificialisation), m².
    public var usageByStatus: [LandChange.Status: Double]

    /// The kinds present, in the order of `ChangeKind.allCases`.
    public var kinds: [ChangeKind] { ChangeKind.allCases.filter { (byKind[$0] ?? 0) > 0 } }

    /// Land whose cover changed at the display level: the matrix's gross change.
    public var coverChange: Double { ChangeKind.allCases.filter(\.changesCover).reduce(0) { $0 + (byKind[$1] ?? 0) } }

    public subscript(kind: ChangeKind) -> Double { byKind[kind] ?? 0 }

    public init(byKind: [ChangeKind: Double] = [:], usageByStatus: [LandChange.Status: Double] = [:]) {
        self.byKind = byKind
        self.usageByStatus = usageByStatus
    }

    /// The changes of period `p` at display level `level`.
    public static func of(_ facts: AreaFacts, period p: Int, level: Int) -> ChangedArea {
        var result = ChangedArea()
        for (change, area) in facts.orderedChanges(p) {
            guard let kind = change.kind(atLevel: level) else { continue }
            result.byKind[kind, default: 0] += area
            if kind == .usage { result.usageByStatus[change.status, default: 0] += area }
        }
        return result
    }
}
