/// Consumption of natural, agricultural and forest spaces (ENAF) over a period.
public struct ConsumptionFigures: Sendable, Equatable {
    /// The period's key in the layout (years, or ranks when départements have different years).
    public var period: Period
    /// The years it sums, for labels and rates.
    public var span: PeriodSpan
    /// Land NAF at t0 and urbanised at t1 (m²).
    public var total: Double
    /// The same by NAF family of origin.
    public var byOrigin: [NAFFamily: Double]
    /// The same by destination at t1 (habitat, activité, infrastructure, autre; "non renseignée"
    /// when the usage cannot tell).
    public var byDestination: [Destination: Double]
    public var undeterminedDestination: Double
    /// Urbanised at t0 and NAF at t1 (renaturation of urbanised land), m².
    public var returnedToNAF: Double
    /// Area whose family the rules cannot tell at t0 or t1 (m²).
    public var undetermined: Double

    /// Per year, made commune by commune where the communes' periods differ in length (see
    /// `TerritoryYears.scaledByYears`); nil where the total over the span's years is the rate.
    public var scaledPerYear: Double?

    public init(period: Period, span: PeriodSpan? = nil, total: Double, byOrigin: [NAFFamily: Double], byDestination: [Destination: Double],
                undeterminedDestination: Double, returnedToNAF: Double, undetermined: Double, scaledPerYear: Double? = nil) {
        self.period = period
        self.span = span ?? PeriodSpan(period)
        self.total = total
        self.byOrigin = byOrigin
        self.byDestination = byDestination
        self.undeterminedDestination = undeterminedDestination
        self.returnedToNAF = returnedToNAF
        self.undetermined = undetermined
        self.scaledPerYear = scaledPerYear
    }

    public var perYear: Double {
        if let scaledPerYear { return scaledPerYear }
        let years = span.years ?? 0
        return years > 0 ? total / Double(years) : 0
    }
}

public enum Consumption {
    /// `span`: the years the period sums (default: the layout's period, in years); `scaled`: the
    /// facts scaled by each commune's years when their lengths differ.
    public static func figures(_ facts: AreaFacts, period p: Int, layout: FactsLayout, traits: TraitsTable,
                               span: PeriodSpan? = nil, scaled: AreaFacts? = nil) -> ConsumptionFigures {
        var f = ConsumptionFigures(period: layout.periods[p], span: span, total: 0, byOrigin: [:], byDestination: [:], undeterminedDestination: 0,
                                   returnedToNAF: 0, undetermined: 0)
        for (t, v) in facts.orderedTransitions(p) {
            let a = traits[t.from], b = traits[t.to]
            guard let fa = a.naf, let fb = b.naf else { f.undetermined += v; continue }
            if fa.isNAF && fb == .urbanise {
                f.total += v
                f.byOrigin[fa, default: 0] += v
                if let d = b.destination { f.byDestination[d, default: 0] += v } else { f.undeterminedDestination += v }
            } else if fa == .urbanise && fb.isNAF {
                f.returnedToNAF += v
            }
        }
        if let scaled { f.scaledPerYear = figures(scaled, period: p, layout: layout, traits: traits).total }
        return f
    }

    /// The period `current`'s rate is compared with: the latest of the others that ends before
    /// `current` starts (nil when there is none).
    public static func previous(of current: Int, in all: [ConsumptionFigures]) -> ConsumptionFigures? {
        let start = all[current].period.start
        return all.enumerated().filter { $0.offset != current && $0.element.period.end <= start }.map(\.element).max { $0.period < $1.period }
    }

    /// The per-year rate of `current` against `reference`: change in % (nil when the reference is 0).
    public static func rateChange(current: ConsumptionFigures, reference: ConsumptionFigures) -> Double? {
        reference.perYear > 0 ? (current.perYear - reference.perYear) / reference.perYear : nil
    }
}
