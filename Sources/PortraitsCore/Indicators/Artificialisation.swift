/// Artificialisation as defined by the Loi Climat et Résilience (art. 192; decree n° 2023-1096).
public struct ArtificialisationFigures: Sendable, Equatable {
    /// With the CS × US matrix only (m²), at t0 and t1.
    public var matrixBefore: Double
    public var matrixAfter: Double
    public var matrixFlux: LCRFlux
    /// After the decree's thresholds (patches of 2 500 m², built from 50 m², linear from 5 m).
    public var thresholdBefore: Double
    public var thresholdAfter: Double
    public var thresholdFlux: LCRFlux
    /// Area whose status the rules cannot tell at t1 (no usage code, for example).
    public var undetermined: Double
    public var territoryArea: Double

    public var shareOfTerritory: Double { territoryArea > 0 ? thresholdAfter / territoryArea : 0 }
    /// Thresholds minus matrix at t1: what the thresholds change.
    public var thresholdEffect: Double { thresholdAfter - matrixAfter }
}

public enum Artificialisation {
    /// Matrix-only figures from the stock and transitions; threshold figures from the tabulation.
    public static func figures(_ facts: AreaFacts, period p: Int, layout: FactsLayout, traits: TraitsTable) -> ArtificialisationFigures {
        let period = layout.periods[p]
        let a = layout.index(of: period.start)!, b = layout.index(of: period.end)!
        var flux = LCRFlux()
        for (t, v) in facts.orderedTransitions(p) {
            let s0 = traits[t.from].artificialised, s1 = traits[t.to].artificialised
            if s0 == false && s1 == true { flux.artificialisation += v }
            if s0 == true && s1 == false { flux.desartificialisation += v }
        }
        return ArtificialisationFigures(matrixBefore: matrixArea(facts, millesime: a, traits: traits), matrixAfter: matrixArea(facts, millesime: b, traits: traits),
                                        matrixFlux: flux, thresholdBefore: facts.lcr[a], thresholdAfter: facts.lcr[b], thresholdFlux: facts.lcrFlux[p],
                                        undetermined: undeterminedArea(facts, millesime: b, traits: traits), territoryArea: facts.area)
    }

    /// Artificialised area of a millésime with the matrix only.
    public static func matrixArea(_ facts: AreaFacts, millesime m: Int, traits: TraitsTable) -> Double {
        facts.orderedStock(m).reduce(0) { $0 + (traits[$1.key].artificialised == true ? $1.value : 0) }
    }

    public static func undeterminedArea(_ facts: AreaFacts, millesime m: Int, traits: TraitsTable) -> Double {
        facts.orderedStock(m).reduce(0) { $0 + (traits[$1.key].artificialised == nil ? $1.value : 0) }
    }
}
