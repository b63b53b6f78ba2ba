import PortraitsCore
import PortraitsProject

/// Short helpers for the French text of the portraits (sentences, tables).
package enum Fmt {
    package static func ha(_ m2: Double) -> String { FrenchNumber.hectares(m2) }
    /// Hectares in a sentence: a positive area that rounds to zero reads « moins de 0,1 ha », not
    /// « 0,0 ha » beside a total that is not zero (« 0,3 ha… soit moins de 0,1 ha par an »).
    package static func haInText(_ m2: Double) -> String {
        m2 > 0 && ha(m2) == ha(0) ? "moins de " + FrenchNumber.hectares(1_000) : ha(m2)
    }
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
