import PortraitsCore
import PortraitsGraphics

/// Trajectoire ZAN: reference, allowance, pace, projection.
enum ZANSection {
    static func context(territory: Territory, facts: AreaFacts, project: Project, indicators: IndicatorStore) -> [String: Any]? {
        guard let t = indicators.zan(territory) else { return nil }
        let asked = t.referenceAsked, used = t.referenceUsed
        var sentence = "Consommation de référence \(asked.label) : \(Fmt.ha(t.referenceConsumption))"
        if ZAN.interval(of: asked) != used { sentence += " (estimée à partir de la période \(used.label), ramenée à \(ZAN.interval(of: asked).years) ans : les millésimes disponibles ne coïncident pas avec la période de référence)" }
        sentence += ". Enveloppe 2021–2030 : \(Fmt.ha(t.allowance)) (la moitié, avec la garantie communale de 1 ha). "
        sentence += "Au rythme de \(t.currentPeriod.label) (\(Fmt.ha(t.currentPace)) par an), la consommation 2021–2030 atteindrait \(Fmt.ha(t.projection))"
        if let r = t.projectionRatio { sentence += ", soit \(Fmt.pct(r)) de l’enveloppe" }
        if let y = t.exhaustionYear, y <= 2030 { sentence += " ; l’enveloppe serait épuisée en \(y)" }
        sentence += "."
        let scene = TrajectoryChart.scene(.init(currentPace: t.currentPace, referencePace: t.referenceConsumption / Double(ZAN.interval(of: asked).years),
                                               allowance: t.allowance))
        return [
            "sentence": sentence,
            "scene": scene,
            "alt": "Graphique de la trajectoire 2021–2031 : consommation cumulée au rythme actuel, au rythme de référence, et enveloppe. " + sentence,
            "rows": [
                ["label": "Consommation de référence \(asked.label)\(ZAN.interval(of: asked) != used ? " (d’après \(used.label))" : "")", "value": Fmt.ha(t.referenceConsumption)],
                ["label": "Enveloppe 2021–2030", "value": Fmt.ha(t.allowance)],
                ["label": "Communes relevées à 1 ha (garantie communale)", "value": FrenchNumber.format(Double(t.guaranteedCommunes), decimals: 0)],
                ["label": "Rythme actuel (\(t.currentPeriod.label)), par an", "value": Fmt.ha(t.currentPace)],
                ["label": "Projection 2021–2030 au rythme actuel", "value": Fmt.ha(t.projection)],
                ["label": "Part de l’enveloppe", "value": t.projectionRatio.map(Fmt.pct) ?? "–"],
            ],
        ]
    }
}
