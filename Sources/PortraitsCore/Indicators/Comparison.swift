/// Rank of a territory among its siblings for one indicator.
public struct Rank: Sendable, Equatable {
    /// 1 = the highest value.
    public var position: Int
    public var count: Int
}

public enum Comparison {
    /// The rank of `id` among `values` (highest first; ties share the better rank), nil when absent.
    public static func rank<ID: Hashable>(of id: ID, in values: [ID: Double]) -> Rank? {
        guard let v = values[id] else { return nil }
        let above = values.values.filter { $0 > v }.count
        return Rank(position: above + 1, count: values.count)
    }
}

/// The headline figures of a territory over a period, compared with its parents and siblings.
public struct Headline: Sendable, Equatable {
    /// Share of the territory artificialised at t1 (thresholds), 0…1.
    public var artificialisedShare: Double
    /// Consumption of ENAF per year over the period (m²/year).
    public var consumptionPerYear: Double
    /// Share of the territory sealed at t1.
    public var sealedShare: Double
    /// Net artificialisation per year (thresholds), m²/year.
    public var netArtificialisationPerYear: Double
    /// Consumption per year per 1 000 ha of territory: comparable between territories of any size.
    public var consumptionIntensity: Double

    public static func compute(_ facts: AreaFacts, period p: Int, layout: FactsLayout, traits: TraitsTable) -> Headline {
        let art = Artificialisation.figures(facts, period: p, layout: layout, traits: traits)
        let cons = Consumption.figures(facts, period: p, layout: layout, traits: traits)
        let seal = Sealing.figures(facts, period: p, layout: layout, traits: traits)
        let years = Double(max(layout.periods[p].years, 1))
        return Headline(artificialisedShare: art.shareOfTerritory, consumptionPerYear: cons.perYear, sealedShare: seal.shareOfTerritory,
                        netArtificialisationPerYear: art.thresholdFlux.net / years,
                        consumptionIntensity: facts.area > 0 ? cons.perYear / (facts.area / 10_000_000) : 0)
    }
}
