/// Evolution of one class between the two millésimes of a period.
public struct EvolutionRow: Sendable, Equatable {
    public var code: String
    public var label: String
    public var shortLabel: String
    public var color: RGBColor
    /// m² at t0 and t1.
    public var before: Double
    public var after: Double
    /// t1 − t0, m².
    public var change: Double { after - before }
    /// (t1 − t0) / t0; nil when the class was absent at t0.
    public var relative: Double? { before > 0 ? change / before : nil }
    /// m² per year.
    public var perYear: Double
}

public enum Evolution {
    /// Evolution by class of `dimension` at `level` over `period`: S(k,t1) − S(k,t0), relative and per
    /// year (over `span`'s years, or commune by commune from `scaled` when their lengths differ).
    /// Classes absent at both dates are dropped.
    public static func byClass(_ facts: AreaFacts, period: Period, layout: FactsLayout, nomenclature: Nomenclature,
                               dimension: Int = 0, level: Int, span: PeriodSpan? = nil, scaled: AreaFacts? = nil) -> [EvolutionRow] {
        let years = (span ?? PeriodSpan(period)).years ?? 0
        guard let a = layout.index(of: period.start), let b = layout.index(of: period.end), years > 0 || scaled != nil else { return [] }
        let perYear0 = scaled.map { Stock.byClass($0, millesime: a, nomenclature: nomenclature, dimension: dimension, level: level) }
        let perYear1 = scaled.map { Stock.byClass($0, millesime: b, nomenclature: nomenclature, dimension: dimension, level: level) }
        let s0 = Stock.byClass(facts, millesime: a, nomenclature: nomenclature, dimension: dimension, level: level)
        let s1 = Stock.byClass(facts, millesime: b, nomenclature: nomenclature, dimension: dimension, level: level)
        return zip(s0, s1).enumerated().compactMap { i, pair in
            let (r0, r1) = pair
            guard r0.area > 0 || r1.area > 0 else { return nil }
            let perYear = perYear1.map { $0[i].area - perYear0![i].area } ?? (r1.area - r0.area) / Double(years)
            return EvolutionRow(code: r1.code, label: r1.label, shortLabel: r1.shortLabel, color: r1.color, before: r0.area, after: r1.area,
                                perYear: perYear)
        }
    }
}
