/// The headline figures of a territory over a period, each a named field: what the key figures,
/// the level lists, the comparisons, ranks, compare page and downloads show. Computed once per
/// territory × period by the compute stage (`IndicatorStore`), read everywhere else.
///
/// Areas in m², shares as fractions 0…1, rates per year; `IndicatorSummary.definitions` says how
/// each is published (hectares, percent) and under which column name.
public struct HeadlineFigures: Sendable, Equatable {
    /// Area of the territory (m²).
    public var area: Double
    /// Years between the period's millésimes (at least 1).
    public var years: Double
    /// Consumption of NAF land over the period, per year, and per year per 1 000 ha of territory
    /// (comparable between territories of any size); land returned to NAF.
    public var consumption: Double
    public var consumptionPerYear: Double
    public var consumptionIntensity: Double
    public var returnedToNAF: Double
    /// Artificialisation under the decree's thresholds: flows, net, per year, stock and share at t1.
    public var artificialisation: Double
    public var desartificialisation: Double
    public var netArtificialisation: Double
    public var netArtificialisationPerYear: Double
    public var artificialisedAfter: Double
    public var artificialisedShare: Double
    /// Sealing: flows, net, stock and share at t1.
    public var sealing: Double
    public var unsealing: Double
    public var netSealing: Double
    public var sealedAfter: Double
    public var sealedShare: Double
    /// Land whose class changed (primary dimension at the display level) and its share.
    public var changed: Double
    public var changedShare: Double
    /// The changed land by kind of change at the display level (`changed` is the sum of its
    /// changes of cover).
    public var changes: ChangedArea

    /// The figures of period `p`; the change of class is counted at `level` of the primary
    /// dimension, as on the portrait. `consumption`: the period's consumption when the caller has
    /// it already.
    public static func compute(_ facts: AreaFacts, period p: Int, layout: FactsLayout, traits: TraitsTable,
                               nomenclature: Nomenclature, level: Int, consumption: ConsumptionFigures? = nil,
                               span: PeriodSpan? = nil, scaled: AreaFacts? = nil) -> HeadlineFigures {
        let cons = consumption ?? Consumption.figures(facts, period: p, layout: layout, traits: traits, span: span, scaled: scaled)
        let art = Artificialisation.figures(facts, period: p, layout: layout, traits: traits)
        let seal = Sealing.figures(facts, period: p, layout: layout, traits: traits)
        let years = Double(max((span ?? PeriodSpan(layout.periods[p])).years ?? 1, 1))
        let netPerYear = scaled.map { Artificialisation.figures($0, period: p, layout: layout, traits: traits).thresholdFlux.net } ?? art.thresholdFlux.net / years
        let changed = Mutations.matrix(facts, period: p, nomenclature: nomenclature, dimension: 0, level: level).grossChange
        return HeadlineFigures(
            area: facts.area, years: years,
            consumption: cons.total, consumptionPerYear: cons.perYear,
            consumptionIntensity: facts.area > 0 ? cons.perYear / (facts.area / 10_000_000) : 0, returnedToNAF: cons.returnedToNAF,
            artificialisation: art.thresholdFlux.artificialisation, desartificialisation: art.thresholdFlux.desartificialisation,
            netArtificialisation: art.thresholdFlux.net, netArtificialisationPerYear: netPerYear,
            artificialisedAfter: art.thresholdAfter, artificialisedShare: art.shareOfTerritory,
            sealing: seal.sealing, unsealing: seal.unsealing, netSealing: seal.net, sealedAfter: seal.sealedAfter,
            sealedShare: seal.shareOfTerritory,
            changed: changed, changedShare: facts.area > 0 ? changed / facts.area : 0,
            changes: ChangedArea.of(facts, period: p, level: level))
    }
}
