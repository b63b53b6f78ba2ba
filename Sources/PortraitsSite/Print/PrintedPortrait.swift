import Foundation
import PortraitsCore
import PortraitsGraphics

/// The printed portrait of a territory for one view: a cover (territory, level, period, key
/// figures, locator map), the land-cover and change maps, one part per theme (its chart, the
/// sentences that explain the numbers for this territory, its table), the comparison with the
/// parents, and a page of method and sources. Composed from the same sections as the web page.
struct PrintedPortrait {
    let project: Project
    let territory: Territory
    let view: PortraitView
    let indicators: IndicatorStore
    let maps: TerritoryMaps
    /// "YYYY-MM-DD", printed on the cover and in the footers.
    let date: String

    var facts: AreaFacts { project.facts[territory.id]! }
    var title: String { "\(territory.name) (\(territory.id.level.label.lowercased()) \(territory.id.code))" }

    /// Appends the portrait to `c`, starting on a new page unless `c` is empty. Bookmarks: the
    /// territory at `level`, its parts one level below.
    func compose(into c: inout PageComposer, level: Int) {
        if !c.isEmpty { c.newPage() }
        cover(&c, level: level)
        c.newPage()
        landCover(&c, level: level + 1)
        if let period = view.period, let p = project.layout.periods.firstIndex(of: period) {
            themes(&c, period: period, p: p, level: level + 1)
        } else {
            stockOnly(&c, level: level + 1)
        }
        method(&c, level: level + 1)
    }

    func footer(page: Int, total: Int) -> String {
        "\(title) · \(view.period.map { "période \($0.label)" } ?? "millésime \(view.millesime)") · édité le \(Self.frenchDate(date)) · \(project.config.site.title)"
    }

    var periodText: String {
        view.period.map { "période \($0.label) (millésimes \($0.start) et \($0.end))" } ?? "millésime \(view.millesime)"
    }

    // MARK: - Parts

    func cover(_ c: inout PageComposer, level: Int) {
        c.paragraph(project.config.site.title.uppercased(), size: 9, color: Palette.muted, bold: true)
        c.space(40)
        c.paragraph("Portrait de territoire", size: 13, color: Palette.muted)
        c.heading(territory.name, size: 30, outline: level, keepWithNext: 0)
        c.paragraph("\(territory.id.level.label) \(territory.id.code)" + parentsText, size: 11, color: Palette.muted)
        c.paragraph(view.period.map { "Période \($0.label)" } ?? "Millésime \(view.millesime)", size: 18, bold: true)
        c.space(10)
        c.keyFigures(keyFigures)
        if let locator = maps.locator(for: territory, size: 200) {
            c.space(6)
            c.paragraph(locator.title, size: 9, color: Palette.muted)
            c.figure(locator.scene, maxHeight: 200)
        }
        for notice in project.config.site.notices { c.paragraph(notice, size: 9, color: Palette.muted) }
        c.paragraph("Édité le \(Self.frenchDate(date)). Les chiffres sont en hectares (Lambert-93), calculés commune par commune puis additionnés.", size: 8.5, color: Palette.muted)
    }

    var parentsText: String {
        let names = territory.parents.compactMap { project.catalog[$0] }.sorted { $0.id.level.rank > $1.id.level.rank }
        guard !names.isEmpty else { return "" }
        return " · " + names.map { t in
            let label = Self.inSentence(t.id.level.label)
            return t.name.lowercased().hasPrefix(label.lowercased()) ? t.name : "\(label) \(t.name)"
        }.joined(separator: ", ")
    }


    var keyFigures: [(value: String, caption: String)] {
        let m = project.layout.index(of: view.millesime)!
        var items: [(String, String)] = [(Fmt.ha(facts.area), "surface du territoire"),
                                         (Fmt.pct(facts.area > 0 ? facts.covered[m] / facts.area : 0), "couverte par l’occupation du sol en \(view.millesime)")]
        if let period = view.period, let p = project.layout.periods.firstIndex(of: period), let h = indicators.headline(territory.id, p) {
            // The headline figures the compute stage made, as the pages and downloads read them.
            items.append((Fmt.pct(h.artificialisedShare), "artificialisé en \(period.end) (loi Climat et Résilience)"))
            items.append((Fmt.ha(h.consumption), "d’espaces NAF consommés \(period.label), soit \(Fmt.ha(h.consumptionPerYear)) par an"))
            items.append((Fmt.signedHa(h.netArtificialisation), "artificialisation nette \(period.label)"))
            items.append((Fmt.pct(h.sealedShare), "imperméabilisé en \(period.end)"))
        } else {
            let sealed = Sealing.sealedArea(facts, millesime: m, traits: project.traits)
            items.append((Fmt.pct(facts.area > 0 ? sealed / facts.area : 0), "imperméabilisé en \(view.millesime)"))
        }
        return items
    }

    func landCover(_ c: inout PageComposer, level: Int) {
        c.heading("Occupation du sol en \(view.millesime)", outline: level)
        let input = maps.input(for: territory, millesime: view.millesime, source: "Millésime \(view.millesime) · \(project.config.site.mapCredit)")
        c.figure(LandCoverMap.scene(input), maxHeight: 360)
        let rows = PortraitPage.stockRows(facts, view: view, project: project)
        let header = ["Classe"] + (view.period.map { ["\($0.start) (ha)"] } ?? []) + ["\(view.millesime) (ha)", "part"] + (view.period != nil ? ["évolution (ha)"] : [])
        c.table(header, rows.map { r in
            [r.cls.label] + (r.before.map { [FrenchNumber.format($0.area / 10_000)] } ?? [])
                + [FrenchNumber.format(r.cls.area / 10_000), FrenchNumber.percent(r.cls.share)]
                + (r.before.map { [FrenchNumber.format((r.cls.area - $0.area) / 10_000)] } ?? [])
        }, numeric: Set(1..<header.count))
        guard let period = view.period, let p = project.layout.periods.firstIndex(of: period) else { return }
        c.heading("Carte des changements \(period.label)", size: 12, outline: nil, keepWithNext: 300)
        let changeInput = maps.changeInput(for: territory, periodIndex: p, source: "Changements \(period.label) · \(project.config.site.mapCredit)")
        c.figure(LandCoverMap.scene(changeInput), maxHeight: 330)
        let changes = indicators.headline(territory.id, p)?.changes ?? ChangedArea()
        let kinds = changes.shownKinds
        if kinds.isEmpty {
            c.paragraph("Aucune surface n’a changé de classe entre \(period.start) et \(period.end).")
        } else {
            var rows = kinds.filter(\.changesCover).map { [$0.label, Fmt.ha(changes[$0])] }
            rows.append(["Total des changements de couverture", Fmt.ha(changes.coverChange)])
            if kinds.contains(.usage) { rows.append([ChangeKind.usage.label + ", couverture inchangée", Fmt.ha(changes[.usage])]) }
            c.table(["Nature du changement", "Surface"], rows, numeric: [1])
        }
    }

    func themes(_ c: inout PageComposer, period: Period, p: Int, level: Int) {
        let evolution = EvolutionSection.context(facts, period: period, project: project)
        section(&c, "Évolution par classe", evolution, level: level)
        c.table(["Classe", "\(period.start) (ha)", "\(period.end) (ha)", "évolution (ha)", "relative", "par an (ha)"],
                rows(evolution["rows"], ["label", "before", "after", "change", "relative", "perYear"]), numeric: [1, 2, 3, 4, 5])

        let mutations = MutationsSection.context(facts, periodIndex: p, project: project)
        section(&c, "Mutations entre classes", mutations, level: level, scenes: ["flowScene"])
        c.paragraph("\(mutations["grossChange"] as? String ?? "") ont changé de classe, \(mutations["persistence"] as? String ?? "") n’ont pas changé.", size: 9)
        if let main = mutations["main"] as? [[String: Any]], !main.isEmpty {
            c.table(["Principales mutations : de", "vers", "surface"], rows(main, ["from", "to", "area"]), numeric: [2])
        }

        let sealing = SealingSection.context(facts, periodIndex: p, project: project)
        section(&c, "Imperméabilisation", sealing, level: level, scenes: ["stackScene", "scene"])
        c.table(["Sols imperméabilisés", "valeur"], [
            ["Surface imperméabilisée en \(period.start)", sealing["before"] as? String ?? ""],
            ["Surface imperméabilisée en \(period.end)", sealing["after"] as? String ?? ""],
            ["Part du territoire en \(period.end)", sealing["share"] as? String ?? ""],
            ["Part des sols urbanisés en \(period.end)", sealing["shareUrbanised"] as? String ?? ""],
            ["Imperméabilisation nette", sealing["net"] as? String ?? ""],
        ], numeric: [1])

        let consumption = ConsumptionSection.context(indicators.consumption(territory.id), periodIndex: p)
        section(&c, "Consommation d’espaces naturels, agricoles et forestiers", consumption, level: level)
        c.table(["Période", "consommation", "par an"], rows(consumption["periods"], ["label", "total", "perYear"]), numeric: [1, 2])
        c.table(["Destination", "surface"], rows(consumption["destinations"], ["label", "area"]), numeric: [1])

        let artificialisation = ArtificialisationSection.context(facts, periodIndex: p, project: project)
        section(&c, "Artificialisation (loi Climat et Résilience)", artificialisation, level: level)
        c.table(["", "avec les seuils du décret", "matrice seule"], rows(artificialisation["rows"], ["label", "threshold", "matrix"]), numeric: [1, 2])

        if let zan = ZANSection.context(territory: territory, facts: facts, project: project, indicators: indicators) {
            section(&c, "Trajectoire ZAN", zan, level: level)
            c.table(["", "valeur"], rows(zan["rows"], ["label", "value"]), numeric: [1])
        }

        let comparison = ComparisonSection.context(territory: territory, periodIndex: p, project: project, indicators: indicators)
        section(&c, "Comparaison avec les territoires parents", comparison, level: level)
        c.table(["Territoire", "artificialisé", "imperméabilisé", "conso. NAF / an", "artif. nette / an"],
                rows(comparison["rows"], ["name", "artificialised", "sealed", "consumption", "net"]), numeric: [1, 2, 3, 4])
    }

    func stockOnly(_ c: inout PageComposer, level: Int) {
        let m = project.layout.index(of: view.millesime)!
        let stock = StockOnlySection.context(facts, millesime: m, project: project)
        if let sentence = stock["sentence"] as? String {
            c.heading("Artificialisation et imperméabilisation en \(view.millesime)", outline: level)
            c.paragraph(sentence)
        }
        c.paragraph("Une seule date d’occupation du sol : le portrait présente le stock, sans évolution.", size: 9, color: Palette.muted)
    }

    func method(_ c: inout PageComposer, level: Int) {
        c.heading("Méthode et sources", outline: level, keepWithNext: 120)
        let n = project.nomenclature
        let texts = [
            "Occupation du sol : nomenclature « \(n.name) », \(PortraitPage.levelName(project)). Les surfaces sont calculées par intersection des polygones d’occupation du sol avec les communes (GEOS, Lambert-93), commune par commune, puis additionnées pour l’EPCI, le SCoT, le département et la région : rien n’est moyenné ni extrapolé.",
            "Consommation d’espaces naturels, agricoles et forestiers : surfaces naturelles, agricoles ou forestières en début de période et urbanisées en fin de période, d’après l’occupation du sol (et non les fichiers fonciers retenus par l’observatoire national).",
            "Artificialisation : matrice couverture × usage du décret n° 2023-1096 (annexe à l’article R. 101-1 du code de l’urbanisme), puis ses seuils (bâti à partir de 50 m², autres surfaces jugées par îlots de 2 500 m², infrastructures linéaires à partir de 5 m de large).",
            "Imperméabilisation : surfaces bâties et revêtues (zones imperméables de la nomenclature).",
            "Trajectoire ZAN : consommation de référence 2011–2020, enveloppe 2021–2030 égale à la moitié, avec la garantie communale de 1 ha.",
        ]
        for t in texts { c.paragraph(t, size: 9) }
        c.paragraph("Sources", size: 10, bold: true)
        for a in project.config.site.attribution { c.paragraph(a, size: 9) }
        if let base = project.config.site.baseURL {
            let url = (base.hasSuffix("/") ? base : base + "/") + SitePaths.portrait(territory.id, view)
            c.paragraph("Portrait en ligne, données téléchargeables et méthode détaillée : " + url, size: 9, link: .uri(url))
        }
    }

    // MARK: - Helpers

    /// A theme: heading (bookmark), the section's sentence, then its charts.
    func section(_ c: inout PageComposer, _ title: String, _ context: [String: Any], level: Int, scenes: [String] = ["scene"]) {
        // The heading, its sentences and its first chart go on one page.
        let sentence = (context["sentence"] as? String).map { c.paragraphHeight($0) } ?? 0
        let chart = scenes.first.flatMap { context[$0] as? Scene }.map { c.figureHeight($0, maxHeight: 300) } ?? 0
        c.heading(title, outline: level, keepWithNext: sentence + chart)
        if let sentence = context["sentence"] as? String { c.paragraph(sentence) }
        for key in scenes { if let scene = context[key] as? Scene { c.figure(scene, maxHeight: 300) } }
        if let note = context["undetermined"] as? String { c.paragraph(note, size: 9, color: Palette.muted) }
    }

    func rows(_ list: Any?, _ keys: [String]) -> [[String]] {
        guard let list = list as? [[String: Any]] else { return [] }
        return list.map { d in keys.map { k in (d[k] as? String) ?? (d[k].map { "\($0)" } ?? "") } }
    }

    /// A level's label inside a sentence: "Département" → "département", acronyms kept ("EPCI", "SCoT").
    static func inSentence(_ label: String) -> String {
        label.dropFirst().contains { $0.isUppercase } ? label : label.prefix(1).lowercased() + label.dropFirst()
    }

    /// "2026-11-26" → "26 novembre 2026".
    static func frenchDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        guard parts.count == 3, (1...12).contains(parts[1]) else { return iso }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }
}
