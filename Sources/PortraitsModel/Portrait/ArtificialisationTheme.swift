import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Artificialisation (loi Climat et Résilience): stock, flux and net with the decree's thresholds,
/// beside the matrix alone.
package struct ArtificialisationTheme: Sendable {
    package struct Row: Sendable {
        package let label: String, threshold: Figure, matrix: Figure
    }

    package let sentence: String
    package let chart: Chart
    package let rows: [Row]
    package let share: Figure
    package let undetermined: String?

    /// ", soit 12,3 ha de plus qu’avec les seuils" (or "de moins"); nothing when they agree.
    static func effect(_ thresholdMinusMatrix: Double) -> String {
        let d = -thresholdMinusMatrix
        guard abs(d) >= 50 else { return " : les seuils ne changent rien ici" }
        return ", soit \(Fmt.ha(abs(d))) \(d > 0 ? "de plus" : "de moins") qu’avec les seuils"
    }

    static func make(_ facts: AreaFacts, periodIndex p: Int, span: PeriodSpan, project: Project) -> ArtificialisationTheme {
        let period = span
        let a = Artificialisation.figures(facts, period: p, layout: project.layout, traits: project.traits)
        let sentence = "En \(period.end), \(Fmt.ha(a.thresholdAfter)) sont artificialisés au sens de la loi Climat et Résilience, soit \(Fmt.pct(a.shareOfTerritory)) du territoire. "
            + "\(period.Between) : \(Fmt.ha(a.thresholdFlux.artificialisation)) artificialisés, \(Fmt.ha(a.thresholdFlux.desartificialisation)) désartificialisés, "
            + "artificialisation nette de \(Fmt.signedHa(a.thresholdFlux.net)). Avec la seule matrice couverture × usage, sans les seuils du décret, on compterait \(Fmt.ha(a.matrixAfter))\(effect(a.thresholdEffect))."
        let bars = [
            BarRow(label: "Artificialisation", value: a.thresholdFlux.artificialisation, color: FluxColors.gain),
            BarRow(label: "Désartificialisation", value: -a.thresholdFlux.desartificialisation, color: FluxColors.loss),
            BarRow(label: "Artificialisation nette", value: a.thresholdFlux.net, color: FluxColors.net),
        ]
        return ArtificialisationTheme(
            sentence: sentence,
            chart: Chart(kind: "artificialisation : flux", data: .divergingBars(bars, keepZeros: true),
                         alt: "Diagramme des flux d’artificialisation \(period.between), avec les seuils du décret. " + sentence),
            rows: [
                Row(label: "Surface artificialisée en \(period.start)", threshold: .ha(a.thresholdBefore), matrix: .ha(a.matrixBefore)),
                Row(label: "Surface artificialisée en \(period.end)", threshold: .ha(a.thresholdAfter), matrix: .ha(a.matrixAfter)),
                Row(label: "Flux d’artificialisation", threshold: .ha(a.thresholdFlux.artificialisation), matrix: .ha(a.matrixFlux.artificialisation)),
                Row(label: "Flux de désartificialisation", threshold: .ha(a.thresholdFlux.desartificialisation), matrix: .ha(a.matrixFlux.desartificialisation)),
                Row(label: "Artificialisation nette", threshold: .signedHa(a.thresholdFlux.net), matrix: .signedHa(a.matrixFlux.net)),
            ],
            share: .pct(a.shareOfTerritory),
            undetermined: a.undetermined > 0
                ? "\(Fmt.ha(a.undetermined)) ne peuvent pas être classés (l’usage du sol n’est pas renseigné pour ces surfaces) : les chiffres ci-dessus ne les comptent pas."
                : nil)
    }
}
