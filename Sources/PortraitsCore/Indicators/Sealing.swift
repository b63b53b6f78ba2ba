/// Imperméabilisation over a period.
public struct SealingFigures: Sendable, Equatable {
    /// Sealed area at t0 and t1 (m²).
    public var sealedBefore: Double
    public var sealedAfter: Double
    /// Urbanised area at t1, the denominator of the share of urbanised soils: land of the NAF family
    /// « urbanisé » and sealed land whatever its use (a farm building), as the composition counts
    /// them, so that the share never exceeds 100 %.
    public var urbanisedAfter: Double
    public var territoryArea: Double
    /// Not sealed at t0 → sealed at t1, and the reverse (m²).
    public var sealing: Double
    public var unsealing: Double
    /// Area whose status the rules cannot tell (m², at t1).
    public var undetermined: Double

    public var net: Double { sealing - unsealing }
    public var shareOfTerritory: Double { territoryArea > 0 ? sealedAfter / territoryArea : 0 }
    public var shareOfUrbanised: Double? { urbanisedAfter > 0 ? sealedAfter / urbanisedAfter : nil }
}

public enum Sealing {
    /// Sealed surfaces (the classes the rules mark `impermeable`) at t0 and t1, and the flux between
    /// them from the transitions of the period.
    public static func figures(_ facts: AreaFacts, period p: Int, layout: FactsLayout, traits: TraitsTable) -> SealingFigures {
        let period = layout.periods[p]
        let a = layout.index(of: period.start)!, b = layout.index(of: period.end)!
        func sealed(_ m: Int) -> (Double, Double) {
            var s = 0.0, u = 0.0
            for (k, v) in facts.orderedStock(m) {
                switch traits[k].sealed { case true?: s += v; case nil: u += v; default: break }
            }
            return (s, u)
        }
        var urbanised = 0.0
        for (k, v) in facts.orderedStock(b) where traits[k].sealed == true || traits[k].naf == .urbanise { urbanised += v }
        var sealing = 0.0, unsealing = 0.0
        for (t, v) in facts.orderedTransitions(p) {
            let s0 = traits[t.from].sealed, s1 = traits[t.to].sealed
            if s0 == false && s1 == true { sealing += v }
            if s0 == true && s1 == false { unsealing += v }
        }
        let (before, _) = sealed(a), (after, undetermined) = sealed(b)
        return SealingFigures(sealedBefore: before, sealedAfter: after, urbanisedAfter: urbanised, territoryArea: facts.area,
                              sealing: sealing, unsealing: unsealing, undetermined: undetermined)
    }

    /// Sealed area at one millésime (for territories with a single date).
    public static func sealedArea(_ facts: AreaFacts, millesime m: Int, traits: TraitsTable) -> Double {
        facts.orderedStock(m).reduce(0) { $0 + (traits[$1.key].sealed == true ? $1.value : 0) }
    }
}

/// How the land described at one millésime splits for imperméabilisation (m²): sealed, urbanised
/// but not sealed (gardens, bare urban land), and the rest (natural, agricultural, forest land, or
/// land the rules cannot tell).
public struct SealingComposition: Sendable, Equatable {
    public var sealed: Double
    public var urbanisedNotSealed: Double
    public var other: Double

    public var total: Double { sealed + urbanisedNotSealed + other }
}

extension Sealing {
    /// The composition of millésime `m`: sealed classes; urbanised classes (NAF family « urbanisé »)
    /// that are not sealed; everything else.
    public static func composition(_ facts: AreaFacts, millesime m: Int, traits: TraitsTable) -> SealingComposition {
        var sealed = 0.0, urbanised = 0.0, total = 0.0
        for (k, v) in facts.orderedStock(m) {
            let t = traits[k]
            total += v
            if t.sealed == true { sealed += v } else if t.naf == .urbanise { urbanised += v }
        }
        return SealingComposition(sealed: sealed, urbanisedNotSealed: urbanised, other: max(0, total - sealed - urbanised))
    }
}
