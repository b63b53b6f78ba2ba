import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Consommation d’espaces NAF: total, per year, by destination and origin, compared between
/// periods. Reads the compute stage's consumption of every period (`IndicatorStore.consumption`).
package struct ConsumptionTheme: Sendable {
    package struct PeriodRow: Sendable {
        package let label: String, total: Figure, perYear: Figure, current: Bool
    }

    package let sentence: String
    package let chart: Chart
    package let total: Figure, perYear: Figure, returned: Figure
    package let destinations: [LabelledFigure]
    package let origins: [LabelledFigure]
    package let periods: [PeriodRow]
    package let undetermined: String?

    static func make(_ all: [ConsumptionFigures], periodIndex p: Int) -> ConsumptionTheme {
        let c = all[p]
        let period = c.period, span = c.span
        var sentence = "\(span.Between), \(Fmt.ha(c.total)) d’espaces naturels, agricoles et forestiers ont été consommés (devenus urbanisés), soit \(Fmt.haInText(c.perYear)) par an"
        if c.total > 0, let main = Destination.allCases.max(by: { (c.byDestination[$0] ?? 0) < (c.byDestination[$1] ?? 0) }), let v = c.byDestination[main], v > 0 {
            sentence += ", dont \(Fmt.pct(v / c.total)) pour \(main == .autre ? "d’autres usages" : "l’\(main.label)")"
        }
        sentence += "."
        // The yearly rate against the period before this one.
        if let ref = Consumption.previous(of: p, in: all), let change = Consumption.rateChange(current: c, reference: ref) {
            sentence += " Ce rythme est \(change >= 0 ? "en hausse" : "en baisse") de \(Fmt.pct(abs(change))) par rapport à \(ref.span.label) (\(Fmt.haInText(ref.perYear)) par an)."
        }
        let bars = all.map { BarRow(label: $0.span.description, value: $0.perYear, color: FluxColors.gain) }
        let alt = "Diagramme en barres de la consommation d’espaces par an, pour chaque période : "
            + all.map { "\($0.span.label) \(Fmt.ha($0.perYear)) par an" }.joined(separator: " ; ") + "."
        return ConsumptionTheme(
            sentence: sentence,
            chart: Chart(kind: "consommation ENAF par période", data: .periodBars(bars, highlighted: all.firstIndex { $0.period == period }), alt: alt),
            total: .ha(c.total), perYear: .ha(c.perYear), returned: .ha(c.returnedToNAF),
            destinations: Destination.allCases.map { LabelledFigure(label: $0.label, figure: .ha(c.byDestination[$0] ?? 0)) }
                + (c.undeterminedDestination > 0 ? [LabelledFigure(label: "non renseignée", figure: .ha(c.undeterminedDestination))] : []),
            origins: [NAFFamily.naturel, .agricole, .forestier].map { LabelledFigure(label: $0.label, figure: .ha(c.byOrigin[$0] ?? 0)) },
            periods: all.map { PeriodRow(label: $0.span.label, total: .ha($0.total), perYear: .ha($0.perYear), current: $0.period == period) },
            undetermined: c.undetermined > 0 ? "La famille (NAF ou urbanisé) de \(Fmt.ha(c.undetermined)) ne peut pas être déterminée avec les données disponibles." : nil)
    }
}
