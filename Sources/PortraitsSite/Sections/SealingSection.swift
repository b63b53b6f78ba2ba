import PortraitsCore
import PortraitsGraphics

/// Imperméabilisation: sealed stock, shares, flux.
enum SealingSection {
    static func context(_ facts: AreaFacts, periodIndex p: Int, project: Project) -> [String: Any] {
        let period = project.layout.periods[p]
        let s = Sealing.figures(facts, period: p, layout: project.layout, traits: project.traits)
        var sentence = "En \(period.end), \(Fmt.ha(s.sealedAfter)) sont imperméabilisés, soit \(Fmt.pct(s.shareOfTerritory)) du territoire"
        if let u = s.shareOfUrbanised { sentence += " et \(Fmt.pct(u)) des sols urbanisés" }
        sentence += ". Entre \(period.start) et \(period.end), \(Fmt.ha(s.sealing)) ont été imperméabilisés et \(Fmt.ha(s.unsealing)) désimperméabilisés : imperméabilisation nette de \(Fmt.signedHa(s.net))."
        let scene = DivergingBarChart.scene(rows: [
            BarRow(label: "Imperméabilisation", value: s.sealing, color: FluxColors.gain),
            BarRow(label: "Désimperméabilisation", value: -s.unsealing, color: FluxColors.loss),
            BarRow(label: "Imperméabilisation nette", value: s.net, color: FluxColors.net),
        ], keepZeros: true)
        var c: [String: Any] = [
            "sentence": sentence,
            "scene": scene,
            "alt": "Diagramme des flux d’imperméabilisation entre \(period.start) et \(period.end). " + sentence,
            "before": Fmt.ha(s.sealedBefore), "after": Fmt.ha(s.sealedAfter),
            "share": Fmt.pct(s.shareOfTerritory), "shareUrbanised": s.shareOfUrbanised.map(Fmt.pct) ?? "–",
            "sealing": Fmt.ha(s.sealing), "unsealing": Fmt.ha(s.unsealing), "net": Fmt.signedHa(s.net),
        ]
        if s.undetermined > 0 { c["undetermined"] = "Les règles de la nomenclature ne permettent pas de classer \(Fmt.ha(s.undetermined)) (données incomplètes)." }
        return c
    }
}
