import PortraitsCore
import PortraitsProject

/// Short helpers for the French text of the portraits (sentences, tables).
package enum Fmt {
    package static func ha(_ m2: Double) -> String { FrenchNumber.hectares(m2) }
    package static func num(_ m2: Double) -> String { FrenchNumber.format(m2 / 10_000) }
    package static func pct(_ share: Double) -> String { FrenchNumber.percent(share) }
    /// A signed change in hectares: `+12,3 ha`, `−4,0 ha`.
    package static func signedHa(_ m2: Double) -> String {
        let s = FrenchNumber.hectares(m2)
        return m2 > 0 && !s.hasPrefix("0,0") ? "+" + s : s
    }
    package static func signedPct(_ share: Double) -> String {
        let s = FrenchNumber.percent(share)
        return share > 0 && !s.hasPrefix("0,0") ? "+" + s : s
    }
    /// « label »
    package static func quoted(_ s: String) -> String { "«\u{00A0}\(s)\u{00A0}»" }
}

extension ChangedArea {
    /// The kinds a table and its text list: those whose area does not round to 0,0 ha (the map
    /// still draws them).
    var shownKinds: [ChangeKind] { kinds.filter { Fmt.ha(self[$0]) != Fmt.ha(0) } }
}
