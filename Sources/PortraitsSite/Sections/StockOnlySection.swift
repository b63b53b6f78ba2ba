import PortraitsCore

/// With a single millésime: sealed and artificialised stock, no flux.
enum StockOnlySection {
    static func context(_ facts: AreaFacts, millesime m: Int, project: Project) -> [String: Any] {
        let year = project.layout.millesimes[m]
        let sealed = Sealing.sealedArea(facts, millesime: m, traits: project.traits)
        let matrix = Artificialisation.matrixArea(facts, millesime: m, traits: project.traits)
        let undetermined = Artificialisation.undeterminedArea(facts, millesime: m, traits: project.traits)
        var c: [String: Any] = [
            "rows": [
                ["label": "Surface imperméabilisée en \(year)", "value": Fmt.ha(sealed)],
                ["label": "Surface artificialisée (LCR, avec les seuils du décret)", "value": Fmt.ha(facts.lcr[m])],
                ["label": "Surface artificialisée (matrice seule)", "value": Fmt.ha(matrix)],
            ],
            "sentence": "En \(year), \(Fmt.ha(sealed)) sont imperméabilisés (\(Fmt.pct(facts.area > 0 ? sealed / facts.area : 0)) du territoire). Sans second millésime, ni flux ni consommation d’espaces ne peuvent être calculés.",
        ]
        if undetermined > 0 {
            c["undetermined"] = "L’usage du sol n’est pas renseigné : \(Fmt.ha(undetermined)) ne peuvent pas être classés artificialisés ou non (la matrice du décret dépend de l’usage pour les formations herbacées). Les surfaces artificialisées ci-dessus sont donc des minimums."
        }
        return c
    }
}
