import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Imperméabilisation: sealed stock at both ends, shares, flux, and the composition of the soils.
package struct SealingTheme: Sendable {
    package struct Composition: Sendable {
        package let year: String, sealed: Figure, urbanised: Figure, other: Figure, sealedShare: Figure
    }

    package let sentence: String
    package let fluxChart: Chart
    package let stackChart: Chart
    package let composition: [Composition]
    package let before: Figure, after: Figure
    package let share: Figure, shareUrbanised: Figure
    package let sealing: Figure, unsealing: Figure, net: Figure
    package let undetermined: String?

    static let legend = [
        LegendEntry(label: "Imperméabilisés", color: RGBColor(r: 0x4d, g: 0x4d, b: 0x4d)),
        LegendEntry(label: "Urbanisés non imperméabilisés", color: RGBColor(r: 0xf4, g: 0xa5, b: 0x82)),
        LegendEntry(label: "Autres sols", color: RGBColor(r: 0xd9, g: 0xef, b: 0x8b)),
    ]

    static func make(_ facts: AreaFacts, periodIndex p: Int, span: PeriodSpan, project: Project) -> SealingTheme {
        let period = span
        let s = Sealing.figures(facts, period: p, layout: project.layout, traits: project.traits)
        var sentence = "En \(period.end), \(Fmt.ha(s.sealedAfter)) sont imperméabilisés, soit \(Fmt.pct(s.shareOfTerritory)) du territoire"
        if let u = s.shareOfUrbanised { sentence += " et \(Fmt.pct(u)) des sols urbanisés" }
        sentence += ". \(period.Between), \(Fmt.ha(s.sealing)) ont été imperméabilisés et \(Fmt.ha(s.unsealing)) désimperméabilisés : imperméabilisation nette de \(Fmt.signedHa(s.net))."
        let flux = [
            BarRow(label: "Imperméabilisation", value: s.sealing, color: FluxColors.gain),
            BarRow(label: "Désimperméabilisation", value: -s.unsealing, color: FluxColors.loss),
            BarRow(label: "Imperméabilisation nette", value: s.net, color: FluxColors.net),
        ]
        let key = project.layout.periods[p]
        let a = project.layout.index(of: key.start)!, b = project.layout.index(of: key.end)!
        let years = [period.start, period.end]
        let parts = [a, b].map { Sealing.composition(facts, millesime: $0, traits: project.traits) }
        let stack = zip(years, parts).map { year, c in StackedBarRow(label: year.description, values: [c.sealed, c.urbanisedNotSealed, c.other]) }
        let shares = zip(years, parts).map { year, c in
            "en \(year), \(Fmt.pct(c.total > 0 ? c.sealed / c.total : 0)) imperméabilisés et \(Fmt.pct(c.total > 0 ? c.urbanisedNotSealed / c.total : 0)) urbanisés non imperméabilisés"
        }
        return SealingTheme(
            sentence: sentence,
            fluxChart: Chart(kind: "imperméabilisation : flux", data: .divergingBars(flux, keepZeros: true),
                             alt: "Diagramme des flux d’imperméabilisation \(period.between). " + sentence),
            stackChart: Chart(kind: "imperméabilisation : parts", data: .stackedBars(stack, legend: legend),
                              alt: "Barres empilées de la composition des sols décrits aux deux dates (imperméabilisés, urbanisés non imperméabilisés, autres sols) : " + shares.joined(separator: " ; ") + "."),
            composition: zip(years, parts).map { year, c in
                Composition(year: year.description, sealed: .ha(c.sealed), urbanised: .ha(c.urbanisedNotSealed), other: .ha(c.other),
                            sealedShare: .pct(c.total > 0 ? c.sealed / c.total : 0))
            },
            before: .ha(s.sealedBefore), after: .ha(s.sealedAfter), share: .pct(s.shareOfTerritory), shareUrbanised: .pct(s.shareOfUrbanised),
            sealing: .ha(s.sealing), unsealing: .ha(s.unsealing), net: .signedHa(s.net),
            undetermined: s.undetermined > 0 ? "Les règles de la nomenclature ne permettent pas de classer \(Fmt.ha(s.undetermined)) (données incomplètes)." : nil)
    }
}
