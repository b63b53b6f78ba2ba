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
        let a = project.layout.index(of: period.start)!, b = project.layout.index(of: period.end)!
        let parts = [a, b].map { Sealing.composition(facts, millesime: $0, traits: project.traits) }
        let stack = StackedBarChart.scene(rows: zip([period.start, period.end], parts).map { year, c in
            StackedBarRow(label: String(year), values: [c.sealed, c.urbanisedNotSealed, c.other])
        }, legend: SealingSection.legend)
        let shares = zip([period.start, period.end], parts).map { year, c in
            "en \(year), \(Fmt.pct(c.total > 0 ? c.sealed / c.total : 0)) imperméabilisés et \(Fmt.pct(c.total > 0 ? c.urbanisedNotSealed / c.total : 0)) urbanisés non imperméabilisés"
        }
        var c: [String: Any] = [
            "sentence": sentence,
            "scene": scene,
            "stackScene": stack,
            "stackAlt": "Barres empilées de la composition des sols décrits aux deux dates (imperméabilisés, urbanisés non imperméabilisés, autres sols) : " + shares.joined(separator: " ; ") + ".",
            "composition": zip([period.start, period.end], parts).map { year, c -> [String: Any] in
                ["year": year, "sealed": Fmt.ha(c.sealed), "urbanised": Fmt.ha(c.urbanisedNotSealed), "other": Fmt.ha(c.other),
                 "sealedShare": Fmt.pct(c.total > 0 ? c.sealed / c.total : 0)]
            },
            "alt": "Diagramme des flux d’imperméabilisation entre \(period.start) et \(period.end). " + sentence,
            "before": Fmt.ha(s.sealedBefore), "after": Fmt.ha(s.sealedAfter),
            "share": Fmt.pct(s.shareOfTerritory), "shareUrbanised": s.shareOfUrbanised.map(Fmt.pct) ?? "–",
            "sealing": Fmt.ha(s.sealing), "unsealing": Fmt.ha(s.unsealing), "net": Fmt.signedHa(s.net),
        ]
        if s.undetermined > 0 { c["undetermined"] = "Les règles de la nomenclature ne permettent pas de classer \(Fmt.ha(s.undetermined)) (données incomplètes)." }
        return c
    }

    static let legend = [
        LegendEntry(label: "Imperméabilisés", color: RGBColor(r: 0x4d, g: 0x4d, b: 0x4d)),
        LegendEntry(label: "Urbanisés non imperméabilisés", color: RGBColor(r: 0xf4, g: 0xa5, b: 0x82)),
        LegendEntry(label: "Autres sols", color: RGBColor(r: 0xd9, g: 0xef, b: 0x8b)),
    ]
}
