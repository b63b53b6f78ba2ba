import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Trajectoire ZAN: reference consumption, allowance, current pace, projection (the compute
/// stage's `ZANTrajectory`).
package struct ZANTheme: Sendable {
    package let sentence: String
    package let chart: Chart
    package let rows: [LabelledFigure]

    /// `commune`: the trajectory of a single commune, whose table says whether the guarantee
    /// raised its own allowance rather than counting communes (« 0 » or « 1 »).
    static func make(_ t: ZANTrajectory, commune: Bool = false) -> ZANTheme {
        let asked = t.referenceAsked, used = t.referenceUsed
        var sentence = "Consommation de référence \(asked.label) : \(Fmt.ha(t.referenceConsumption))"
        if t.referenceIsEstimated { sentence += " (estimée à partir de la période \(used.label), ramenée à \(ZAN.interval(of: asked).years) ans : les millésimes disponibles ne coïncident pas avec la période de référence)" }
        let raised = commune && t.guaranteedCommunes > 0
        sentence += ". Enveloppe 2021–2030 : \(Fmt.ha(t.allowance)) (\(raised ? "relevée à 1 ha par la garantie communale, la moitié de la référence étant inférieure" : "la moitié, avec la garantie communale de 1 ha")). "
        sentence += "Au rythme de \(t.currentPeriod.label) (\(Fmt.haInText(t.currentPace)) par an), la consommation 2021–2030 atteindrait \(Fmt.ha(t.projection))"
        if let r = t.projectionRatio { sentence += ", soit \(Fmt.pct(r)) de l’enveloppe" }
        if let y = t.exhaustionYear, y <= 2030 { sentence += " ; l’enveloppe serait épuisée en \(y)" }
        sentence += "."
        let input = TrajectoryChart.Input(currentPace: t.currentPace, referencePace: t.referenceConsumption / Double(ZAN.interval(of: asked).years),
                                          allowance: t.allowance)
        return ZANTheme(
            sentence: sentence,
            chart: Chart(kind: "trajectoire ZAN", data: .trajectory(input),
                         alt: "Graphique de la trajectoire 2021–2031 : consommation cumulée au rythme actuel, au rythme de référence, et enveloppe. " + sentence),
            rows: [
                LabelledFigure(label: "Consommation de référence \(asked.label)\(t.referenceIsEstimated ? " (d’après \(used.label))" : "")", figure: .ha(t.referenceConsumption)),
                LabelledFigure(label: raised ? "Enveloppe 2021–2030 (relevée à 1 ha par la garantie communale)" : "Enveloppe 2021–2030", figure: .ha(t.allowance)),
            ] + (commune ? [] : [
                LabelledFigure(label: "Communes relevées à 1 ha (garantie communale)", figure: .count(t.guaranteedCommunes)),
            ]) + [
                LabelledFigure(label: "Rythme actuel (\(t.currentPeriod.label)), par an", figure: .ha(t.currentPace)),
                LabelledFigure(label: "Projection 2021–2030 au rythme actuel", figure: .ha(t.projection)),
                LabelledFigure(label: "Part de l’enveloppe", figure: .pct(t.projectionRatio)),
            ])
    }
}
