import PortraitsCore
import PortraitsProject

/// What a reader must see first: the web page's first screen, the PDF's page 1. It holds one
/// sentence that says what happened and the figures that say it: consumption of NAF land against
/// the previous period, net artificialisation, net sealing, and the ZAN status with its caveat.
/// It also holds the rank among siblings and what the figures cannot say. Coverage is among the
/// caveats only when the land cover does not cover the whole territory.
package struct KeyMessage: Sendable {
    package struct Item: Sendable {
        /// What the figure is: "d’espaces NAF consommés".
        package let label: String
        package let figure: Figure
        /// What puts it in perspective: "soit 6,2 ha par an, contre 4,1 ha par an en 2010–2019".
        package let detail: String?
        /// What the figure is not, said with it (the ZAN projection's caveat).
        package var caveat: String? = nil
    }

    package let sentence: String
    package let items: [Item]
    /// The rank among the siblings in their parent, when there are siblings.
    package let rank: String?
    /// Coverage below 100 %, overlapping polygons, unknown codes.
    package let caveats: [String]

    /// A period: what was consumed, artificialised and sealed, and where the ZAN envelope stands.
    static func period(_ h: HeadlineFigures, period: PeriodSpan, consumption all: [ConsumptionFigures], periodIndex p: Int,
                       zan: ZANTrajectory?, rank: String?, caveats: [String]) -> KeyMessage {
        let c = all[p]
        // The comparison the consumption theme makes.
        let previous = Consumption.previous(of: p, in: all)
        var pace = "soit \(Fmt.haInText(h.consumptionPerYear)) par an"
        if let previous { pace += ", contre \(Fmt.haInText(previous.perYear)) par an en \(previous.span.label)" }
        var sentence = "\(period.Between), \(Fmt.ha(c.total)) d’espaces naturels, agricoles et forestiers ont été consommés sur ce territoire (\(Fmt.haInText(h.consumptionPerYear)) par an"
        if let previous, let change = Consumption.rateChange(current: c, reference: previous) {
            sentence += abs(change) < 0.005 ? ", au même rythme qu’en \(previous.span.label)" : ", \(change > 0 ? "plus" : "moins") vite qu’en \(previous.span.label)"
        }
        sentence += "). L’artificialisation nette est de \(Fmt.signedHa(h.netArtificialisation)), l’imperméabilisation nette de \(Fmt.signedHa(h.netSealing))."
        var items = [
            Item(label: "d’espaces NAF consommés \(period.label)", figure: .ha(h.consumption), detail: pace),
            Item(label: "artificialisation nette \(period.label) (loi Climat et Résilience)", figure: .signedHa(h.netArtificialisation),
                 detail: "\(Fmt.pct(h.artificialisedShare)) du territoire artificialisé en \(period.end)"),
            Item(label: "imperméabilisation nette \(period.label)", figure: .signedHa(h.netSealing),
                 detail: "\(Fmt.pct(h.sealedShare)) du territoire imperméabilisé en \(period.end)"),
        ]
        if let t = zan {
            let exhausted = t.exhaustionYear.flatMap { $0 <= 2030 ? "l’enveloppe serait épuisée en \($0)" : nil } ?? "l’enveloppe ne serait pas épuisée en 2030"
            let reference = t.referenceIsEstimated ? " (estimée d’après \(t.referenceUsed.label))" : ""
            items.append(Item(label: "de l’enveloppe ZAN 2021–2030 consommée au rythme de \(t.currentPeriod.label)", figure: .pct(t.projectionRatio),
                              detail: "enveloppe de \(Fmt.ha(t.allowance)) ; \(exhausted)",
                              caveat: "Projection indicative : la consommation de référence \(t.referenceAsked.label)\(reference) est mesurée ici sur l’occupation du sol, "
                                  + "et non sur les fichiers fonciers retenus par l’État ; l’enveloppe qui s’applique au territoire est celle que fixent le SRADDET et les documents d’urbanisme."))
            if let r = t.projectionRatio {
                sentence += " Au rythme actuel, \(Fmt.pct(r)) de l’enveloppe ZAN 2021–2030 serait consommée" + (t.exhaustionYear.map { $0 <= 2030 ? ", épuisée en \($0)" : "" } ?? "") + "."
            }
        }
        return KeyMessage(sentence: sentence, items: items, rank: rank, caveats: caveats)
    }

    /// A single millésime: the stock, no flux.
    static func stock(millesime: YearSpan, area: Double, artificialised: Double, sealed: Double, caveats: [String]) -> KeyMessage {
        let share = { (v: Double) in area > 0 ? v / area : 0 }
        let sentence = "En \(millesime), \(Fmt.pct(share(artificialised))) du territoire est artificialisé au sens de la loi Climat et Résilience et \(Fmt.pct(share(sealed))) est imperméabilisé. "
            + "Avec une seule date d’occupation du sol, ni la consommation d’espaces ni l’artificialisation nette ne peuvent être calculées."
        return KeyMessage(sentence: sentence, items: [
            Item(label: "artificialisé en \(millesime) (loi Climat et Résilience)", figure: .pct(share(artificialised)), detail: Fmt.ha(artificialised)),
            Item(label: "imperméabilisé en \(millesime)", figure: .pct(share(sealed)), detail: Fmt.ha(sealed)),
        ], rank: nil, caveats: caveats)
    }
}
