import PortraitsCore
import PortraitsProject

/// With a single millésime: sealed and artificialised stock, no flux.
package struct StockOnlyTheme: Sendable {
    package let sentence: String
    package let rows: [LabelledFigure]
    package let undetermined: String?

    static func make(_ facts: AreaFacts, millesime m: Int, year: YearSpan, project: Project) -> StockOnlyTheme {
        let sealed = Sealing.sealedArea(facts, millesime: m, traits: project.traits)
        let matrix = Artificialisation.matrixArea(facts, millesime: m, traits: project.traits)
        let undetermined = Artificialisation.undeterminedArea(facts, millesime: m, traits: project.traits)
        return StockOnlyTheme(
            sentence: "En \(year), \(Fmt.ha(sealed)) sont imperméabilisés (\(Fmt.pct(facts.area > 0 ? sealed / facts.area : 0)) du territoire). Sans second millésime, ni flux ni consommation d’espaces ne peuvent être calculés.",
            rows: [
                LabelledFigure(label: "Surface imperméabilisée en \(year)", figure: .ha(sealed)),
                LabelledFigure(label: "Surface artificialisée (LCR, avec les seuils du décret)", figure: .ha(facts.lcr[m])),
                LabelledFigure(label: "Surface artificialisée (matrice seule)", figure: .ha(matrix)),
            ],
            undetermined: undetermined > 0
                ? "L’usage du sol n’est pas renseigné : \(Fmt.ha(undetermined)) ne peuvent pas être classés artificialisés ou non (la matrice du décret dépend de l’usage pour les formations herbacées). Les surfaces artificialisées ci-dessus sont donc des minimums."
                : nil)
    }
}
