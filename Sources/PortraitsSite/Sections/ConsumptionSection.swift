import PortraitsCore
import PortraitsGraphics

/// Consommation d'espaces NAF: total, per year, by destination and origin, compared between periods.
enum ConsumptionSection {
    /// `all`: the territory's consumption of every period (`IndicatorStore.consumption`), made once
    /// by the compute stage.
    static func context(_ all: [ConsumptionFigures], periodIndex p: Int) -> [String: Any] {
        let c = all[p]
        let period = c.period
        var sentence = "Entre \(period.start) et \(period.end), \(Fmt.ha(c.total)) d’espaces naturels, agricoles et forestiers ont été consommés (devenus urbanisés), soit \(Fmt.ha(c.perYear)) par an"
        if c.total > 0, let main = Destination.allCases.max(by: { (c.byDestination[$0] ?? 0) < (c.byDestination[$1] ?? 0) }), let v = c.byDestination[main], v > 0 {
            sentence += ", dont \(Fmt.pct(v / c.total)) pour \(main == .autre ? "d’autres usages" : "l’\(main.label)")"
        }
        sentence += "."
        // The other published periods, for comparison of the yearly rate.
        let others = all.enumerated().filter { $0.offset != p }.map(\.element)
        if let ref = others.filter({ $0.period.end <= period.start }).max(by: { $0.period < $1.period }), let change = Consumption.rateChange(current: c, reference: ref) {
            sentence += " Ce rythme est \(change >= 0 ? "en hausse" : "en baisse") de \(Fmt.pct(abs(change))) par rapport à \(ref.period.label) (\(Fmt.ha(ref.perYear)) par an)."
        }
        let scene = PeriodBarChart.scene(rows: all.map { BarRow(label: $0.period.label, value: $0.perYear, color: FluxColors.gain) },
                                         highlighted: all.firstIndex { $0.period == period })
        var out: [String: Any] = [
            "sentence": sentence,
            "scene": scene,
            "alt": "Diagramme en barres de la consommation d’espaces par an, pour chaque période : "
                + all.map { "\($0.period.label) \(Fmt.ha($0.perYear)) par an" }.joined(separator: " ; ") + ".",
            "total": Fmt.ha(c.total), "perYear": Fmt.ha(c.perYear), "returned": Fmt.ha(c.returnedToNAF),
            "destinations": Destination.allCases.map { ["label": $0.label, "area": Fmt.ha(c.byDestination[$0] ?? 0)] }
                + (c.undeterminedDestination > 0 ? [["label": "non renseignée", "area": Fmt.ha(c.undeterminedDestination)]] : []),
            "origins": [NAFFamily.naturel, .agricole, .forestier].map { ["label": $0.label, "area": Fmt.ha(c.byOrigin[$0] ?? 0)] },
            "periods": all.map { f -> [String: Any] in
                ["label": f.period.label, "total": Fmt.ha(f.total), "perYear": Fmt.ha(f.perYear), "current": f.period == period]
            },
        ]
        if c.undetermined > 0 { out["undetermined"] = "La famille (NAF ou urbanisé) de \(Fmt.ha(c.undetermined)) ne peut pas être déterminée avec les données disponibles." }
        return out
    }
}
