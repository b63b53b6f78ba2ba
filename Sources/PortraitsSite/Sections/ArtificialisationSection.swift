import PortraitsCore
import PortraitsGraphics

/// Artificialisation (LCR): stock, flux, net, matrix-only beside thresholds.
enum ArtificialisationSection {
    /// ", soit 12,3 ha de plus qu’avec les seuils" (or "de moins"); nothing when they agree.
    static func effect(_ thresholdMinusMatrix: Double) -> String {
        let d = -thresholdMinusMatrix
        guard abs(d) >= 50 else { return " : les seuils ne changent rien ici" }
        return ", soit \(Fmt.ha(abs(d))) \(d > 0 ? "de plus" : "de moins") qu’avec les seuils"
    }

    static func context(_ facts: AreaFacts, periodIndex p: Int, project: Project) -> [String: Any] {
        let period = project.layout.periods[p]
        let a = Artificialisation.figures(facts, period: p, layout: project.layout, traits: project.traits)
        let sentence = "En \(period.end), \(Fmt.ha(a.thresholdAfter)) sont artificialisés au sens de la loi Climat et Résilience, soit \(Fmt.pct(a.shareOfTerritory)) du territoire. "
            + "Entre \(period.start) et \(period.end) : \(Fmt.ha(a.thresholdFlux.artificialisation)) artificialisés, \(Fmt.ha(a.thresholdFlux.desartificialisation)) désartificialisés, "
            + "artificialisation nette de \(Fmt.signedHa(a.thresholdFlux.net)). Avec la seule matrice couverture × usage, sans les seuils du décret, on compterait \(Fmt.ha(a.matrixAfter))\(effect(a.thresholdEffect))."
        let scene = DivergingBarChart.scene(rows: [
            BarRow(label: "Artificialisation", value: a.thresholdFlux.artificialisation, color: FluxColors.gain),
            BarRow(label: "Désartificialisation", value: -a.thresholdFlux.desartificialisation, color: FluxColors.loss),
            BarRow(label: "Artificialisation nette", value: a.thresholdFlux.net, color: FluxColors.net),
        ], keepZeros: true)
        var c: [String: Any] = [
            "sentence": sentence,
            "scene": scene,
            "alt": "Diagramme des flux d’artificialisation entre \(period.start) et \(period.end), avec les seuils du décret. " + sentence,
            "rows": [
                ["label": "Surface artificialisée en \(period.start)", "threshold": Fmt.ha(a.thresholdBefore), "matrix": Fmt.ha(a.matrixBefore)],
                ["label": "Surface artificialisée en \(period.end)", "threshold": Fmt.ha(a.thresholdAfter), "matrix": Fmt.ha(a.matrixAfter)],
                ["label": "Flux d’artificialisation", "threshold": Fmt.ha(a.thresholdFlux.artificialisation), "matrix": Fmt.ha(a.matrixFlux.artificialisation)],
                ["label": "Flux de désartificialisation", "threshold": Fmt.ha(a.thresholdFlux.desartificialisation), "matrix": Fmt.ha(a.matrixFlux.desartificialisation)],
                ["label": "Artificialisation nette", "threshold": Fmt.signedHa(a.thresholdFlux.net), "matrix": Fmt.signedHa(a.matrixFlux.net)],
            ],
            "share": Fmt.pct(a.shareOfTerritory),
        ]
        if a.undetermined > 0 {
            c["undetermined"] = "\(Fmt.ha(a.undetermined)) ne peuvent pas être classés (l’usage du sol n’est pas renseigné pour ces surfaces) : les chiffres ci-dessus ne les comptent pas."
        }
        return c
    }
}
