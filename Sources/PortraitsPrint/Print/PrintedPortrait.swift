import Foundation
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel

/// The printed portrait of a territory for one view: a cover (territory, level, period, key
/// figures, locator map), the land-cover and change maps, one part per theme (its chart, the
/// sentences that explain the numbers for this territory, its table), the comparison with the
/// parents, and a page of method and sources. Lays out the same `Portrait` model as the web page;
/// computes no figure.
package struct PrintedPortrait {
    package let project: Project
    package let territory: Territory
    package let portrait: Portrait
    /// The territory's map scenes, shared with its web map files when drawn in the same job.
    package let scenes: TerritoryScenes
    /// "YYYY-MM-DD", printed on the cover and in the footers.
    package let date: String

    package var view: PortraitView { portrait.view }
    package var title: String { "\(territory.name) (\(territory.id.level.inText) \(territory.id.code))" }

    /// Appends the portrait to `c`, starting on a new page unless `c` is empty. Bookmarks: the
    /// territory at `level`, its parts one level below.
    package func compose(into c: inout PageComposer, level: Int) {
        if !c.atPageTop { c.newPage() }
        cover(&c, level: level)
        c.newPage()
        landCover(&c, level: level + 1)
        if let period = portrait.years.period, let themes = portrait.themes {
            self.themes(&c, themes, period: period, level: level + 1)
        } else if let stock = portrait.stockOnly {
            stockOnly(&c, stock, level: level + 1)
        }
        method(&c, level: level + 1)
    }

    /// The footer of every page: the territory, the period, the date (what a page torn out of the
    /// file still needs to say); the date only where the line has room for it (it is on the cover too).
    package var footer: String {
        let full = "\(title) · \(portrait.years.namedShort) · édité le \(Self.frenchDate(date))"
        return PageComposer.footerFits(full, measure: .cairo) ? full : "\(title) · \(portrait.years.namedShort)"
    }

    package var periodText: String {
        portrait.years.detailed
    }

    // MARK: - Parts

    func cover(_ c: inout PageComposer, level: Int) {
        c.paragraph(project.config.site.title.uppercased(), size: 9, color: Palette.muted, bold: true)
        c.space(20)
        c.paragraph("Portrait de territoire", size: 13, color: Palette.muted)
        c.heading(territory.name, size: 30, outline: level, keepWithNext: 0)
        let size = [portrait.area.text] + (portrait.communeCount.map { ["\($0.text) communes"] } ?? [])
        c.paragraph("\(territory.id.level.label) \(territory.id.code) · \(size.joined(separator: ", "))" + parentsText, size: 11, color: Palette.muted)
        c.paragraph(portrait.years.Named, size: 18, bold: true)
        // The message first, as the page's first screen says it: one sentence, the figures that
        // say it, the ZAN projection's caveat under them, the rank, what the figures cannot say.
        let message = portrait.message
        self.message(&c, size: 11, locatorWidth: 130, locatorCaption: true)
        if let rank = message.rank { c.paragraph(rank) }
        for caveat in message.caveats { c.paragraph(caveat, size: PageComposer.noteSize) }
        for notice in project.config.site.notices { c.paragraph(notice, size: PageComposer.noteSize, color: Palette.muted) }
        c.paragraph("Édité le \(Self.frenchDate(date)). Les chiffres sont en hectares (Lambert-93), calculés commune par commune puis additionnés.", size: PageComposer.noteSize, color: Palette.muted)
    }

    /// The message as every first page prints it (the cover, an atlas's cover, a fiche): the
    /// sentence with the locator at its right (the région has none), the key figures, the ZAN
    /// projection's caveat under them.
    func message(_ c: inout PageComposer, size: Double, locatorWidth: Double, locatorCaption: Bool, notes: Double = PageComposer.noteSize) {
        let message = portrait.message
        if let locator = scenes.locator {
            c.paragraph(message.sentence, size: size, beside: locator.scene, figureWidth: locatorWidth, alt: locator.title)
            if locatorCaption { c.paragraph(locator.title, size: PageComposer.captionSize, color: Palette.muted) }
        } else {
            c.paragraph(message.sentence, size: size)
        }
        c.space(4)
        c.keyFigures(message.items.map { ($0.figure.text, $0.label + ($0.detail.map { " · " + $0 } ?? "")) }, perLine: 2)
        for caveat in message.items.compactMap(\.caveat) { c.paragraph(caveat, size: notes, color: Palette.muted) }
    }

    var parentsText: String {
        let parents = portrait.parents.sorted { $0.id.level.rank > $1.id.level.rank }
        guard !parents.isEmpty else { return "" }
        return " · " + parents.map { t in
            let label = t.id.level.inText
            if t.name.lowercased().hasPrefix(label.lowercased()) { return t.name }
            // « département du Bas-Rhin », « département de la Moselle »; « région Grand Est ».
            return t.id.level == .departement ? "\(label) \(FrenchText.de(t.id, t.name))" : "\(label) \(t.name)"
        }.joined(separator: ", ")
    }


    func landCover(_ c: inout PageComposer, level: Int) {
        c.heading("Occupation du sol en \(portrait.years.millesime.label)", outline: level)
        let map = scenes.landCover(view.millesime)
        c.map(frame: map.frame, legend: map.legend, maxHeight: 380, alt: portrait.mapAlt, rasterDPI: map.raster ? Self.mapDPI : nil)
        let header = ["Classe"] + (portrait.years.period.map { ["\($0.start) (ha)"] } ?? []) + ["\(portrait.years.millesime) (ha)", "part"] + (view.period != nil ? ["évolution (ha)"] : [])
        c.table(header, portrait.stockRows.map { r in
            [r.label] + (r.before.map { [Fmt.num($0)] } ?? []) + [Fmt.num(r.after), Fmt.pct(r.afterShare)] + (r.delta.map { [Fmt.num($0)] } ?? [])
        }, numeric: Set(1..<header.count))
        guard let key = view.period, let p = project.layout.periods.firstIndex(of: key), let period = portrait.years.period,
              let changes = portrait.themes?.mutations.changes else { return }
        let changeMap = scenes.changes(p)
        c.heading("Carte des changements \(period.label)", size: 12, outline: nil, keepWithNext: c.mapHeight(changeMap.frame, changeMap.legend, maxHeight: 340))
        c.map(frame: changeMap.frame, legend: changeMap.legend, maxHeight: 340, alt: changes.mapAlt, rasterDPI: changeMap.raster ? Self.mapDPI : nil)
        if changes.isEmpty {
            c.paragraph("Aucune surface n’a changé de classe \(period.between).")
        } else {
            var rows = changes.rows.map { [$0.kind.label, $0.area.text] }
            rows.append(["Total des changements de couverture", changes.coverTotal.text])
            if let usage = changes.usage { rows.append([usage.row.label + ", couverture inchangée", usage.row.figure.text]) }
            c.table(["Nature du changement", "Surface"], rows, numeric: [1])
            // What the change of use alone is, as the page says it under its table.
            if let usage = changes.usage, !usage.detail.isEmpty { c.paragraph("\(usage.row.label) : \(usage.detail).", size: PageComposer.noteSize, color: Palette.muted) }
        }
    }

    func themes(_ c: inout PageComposer, _ t: Portrait.Themes, period: PeriodSpan, level: Int) {
        let evolution = t.evolution
        section(&c, "Évolution par classe", evolution.sentence, [evolution.chart], level: level)
        c.table(["Classe", "\(period.start) (ha)", "\(period.end) (ha)", "évolution (ha)", "relative", "par an (ha)"],
                evolution.rows.map { [$0.label, $0.before.text, $0.after.text, $0.change.text, $0.relative.text, $0.perYear.text] }, numeric: [1, 2, 3, 4, 5])

        let mutations = t.mutations
        section(&c, "Mutations entre classes", mutations.sentence, [mutations.flowChart], level: level)
        c.paragraph(mutations.grossChange.text != Figure.ha(0).text
                    ? "\(mutations.grossChange.text) ont changé de classe, \(mutations.persistence.text) n’ont pas changé."
                    : "Aucune surface n’a changé de classe : \(mutations.persistence.text) sont restés dans la leur.")
        if !mutations.main.isEmpty {
            c.table(["Principales mutations : de", "vers", "surface"], mutations.main.map { [$0.from, $0.to, $0.area.text] }, numeric: [2])
        }

        let sealing = t.sealing
        section(&c, "Imperméabilisation", sealing.sentence, [sealing.stackChart, sealing.fluxChart], level: level, note: sealing.undetermined)
        c.table(["Sols imperméabilisés", "valeur"], [
            ["Surface imperméabilisée en \(period.start)", sealing.before.text],
            ["Surface imperméabilisée en \(period.end)", sealing.after.text],
            ["Part du territoire en \(period.end)", sealing.share.text],
            ["Part des sols urbanisés en \(period.end)", sealing.shareUrbanised.text],
            ["Imperméabilisation nette", sealing.net.text],
        ], numeric: [1])

        let consumption = t.consumption
        section(&c, "Consommation d’espaces naturels, agricoles et forestiers", consumption.sentence, [consumption.chart], level: level, note: consumption.undetermined)
        c.table(["Période", "consommation", "par an"], consumption.periods.map { [$0.label, $0.total.text, $0.perYear.text] }, numeric: [1, 2])
        c.table(["Destination", "surface"], consumption.destinations.map { [$0.label, $0.figure.text] }, numeric: [1])

        let artificialisation = t.artificialisation
        section(&c, "Artificialisation (loi Climat et Résilience)", artificialisation.sentence, [artificialisation.chart], level: level,
                note: artificialisation.undetermined)
        c.table(["", "avec les seuils du décret", "matrice seule"], artificialisation.rows.map { [$0.label, $0.threshold.text, $0.matrix.text] }, numeric: [1, 2])

        if let zan = t.zan {
            section(&c, "Trajectoire ZAN", zan.sentence, [zan.chart], level: level)
            c.table(["", "valeur"], zan.rows.map { [$0.label, $0.figure.text] }, numeric: [1])
        }

        let comparison = t.comparison
        // The rank among siblings, as the page gives it.
        section(&c, "Comparaison avec les territoires parents", comparison.rank, [comparison.chart], level: level)
        // With no parent to compare with (the région), the chart's sentence says so; no one-row table.
        if comparison.rows.count > 1 {
            c.table(Self.comparisonHeader, comparison.rows.map(Self.comparisonCells), numeric: [1, 2, 3, 4, 5])
        }
    }

    func stockOnly(_ c: inout PageComposer, _ stock: StockOnlyTheme, level: Int) {
        c.heading("Artificialisation et imperméabilisation en \(portrait.years.millesime.label)", outline: level)
        c.paragraph(stock.sentence, lead: true)
        c.table(["", "surface"], stock.rows.map { [$0.label, $0.figure.text] }, numeric: [1])
        if let note = stock.undetermined { c.paragraph(note, size: PageComposer.noteSize, color: Palette.muted) }
        c.paragraph("Une seule date d’occupation du sol : le portrait présente le stock, sans évolution.", size: PageComposer.noteSize, color: Palette.muted)
    }

    func method(_ c: inout PageComposer, level: Int) {
        let n = project.nomenclature
        let texts = [
            "Occupation du sol : nomenclature « \(n.name) », \(PortraitBuilder.levelName(project)). Les surfaces sont calculées par intersection des polygones d’occupation du sol avec les communes (GEOS, Lambert-93), commune par commune, puis additionnées pour l’EPCI, le SCoT, le département et la région : rien n’est moyenné ni extrapolé.",
            "Consommation d’espaces naturels, agricoles et forestiers : surfaces naturelles, agricoles ou forestières en début de période et urbanisées en fin de période, d’après l’occupation du sol (et non les fichiers fonciers retenus par l’observatoire national).",
            "Artificialisation : matrice couverture × usage du décret n° 2023-1096 (annexe à l’article R. 101-1 du code de l’urbanisme), puis ses seuils (bâti à partir de 50 m², autres surfaces jugées par îlots de 2 500 m², infrastructures linéaires à partir de 5 m de large).",
            "Imperméabilisation : surfaces bâties et revêtues (zones imperméables de la nomenclature).",
            "Trajectoire ZAN : consommation de référence 2011–2020, enveloppe 2021–2030 égale à la moitié, avec la garantie communale de 1 ha.",
        ]
        let path = SitePaths.portrait(territory.id, view)
        let url = project.config.site.publicBaseURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + path }
        // No public address (none given, or a placeholder such as the demo's): say where the
        // portrait is on the portal, link nothing.
        let online = "Portrait en ligne, données téléchargeables et méthode détaillée : "
            + (url ?? "portail « \(project.config.site.title) », page \(path).")
        let texts2 = project.config.site.attribution + [online]
        let sourcesHeight = c.paragraphHeight("Sources", size: 10.5) + texts2.reduce(0) { $0 + c.paragraphHeight($1, size: PageComposer.noteSize) }
        // The method and the sources on one page (they are read together, and the sources alone
        // would make a last page of a few lines); started on a new page if they do not fit.
        let methodHeight = texts.reduce(0) { $0 + c.paragraphHeight($1, size: PageComposer.noteSize) }
        c.heading("Méthode et sources", outline: level, keepWithNext: min(methodHeight + sourcesHeight, c.pageContentHeight - 60))
        for t in texts { c.paragraph(t, size: PageComposer.noteSize) }
        // The sources and the address stay together (never two lines alone on a last page).
        c.ensure(sourcesHeight)
        c.paragraph("Sources", size: 10.5, bold: true)
        for a in project.config.site.attribution { c.paragraph(a, size: PageComposer.noteSize) }
        c.paragraph(online, size: PageComposer.noteSize, link: url.map { .uri($0) })
    }

    // MARK: - Helpers

    /// A theme: heading (bookmark), its sentence, then its charts and its note. A chart that would
    /// show nothing is replaced by the sentence that says so.
    func section(_ c: inout PageComposer, _ title: String, _ sentence: String?, _ charts: [Chart], level: Int, note: String? = nil) {
        let shown = charts.filter { $0.emptySentence == nil }
        let drawn = shown.map(\.scene)
        let omitted = Array(Set(charts.compactMap(\.emptySentence))).sorted()
        // The heading, its sentences and its first chart go on one page.
        let sentenceHeight = sentence.map { c.paragraphHeight($0) } ?? 0
        let chartHeight = drawn.first.map { c.figureHeight($0, maxHeight: Self.chartMaxHeight) } ?? 0
        c.heading(title, outline: level, keepWithNext: sentenceHeight + chartHeight)
        if let sentence { c.paragraph(sentence, lead: !drawn.isEmpty) }
        for text in omitted { c.paragraph(text, size: PageComposer.noteSize, color: Palette.muted, lead: !drawn.isEmpty) }
        for (chart, scene) in zip(shown, drawn) { c.figure(scene, maxHeight: Self.chartMaxHeight, alt: chart.alt) }
        if let note { c.paragraph(note, size: PageComposer.noteSize, color: Palette.muted) }
    }

    /// The comparison with the parents as a table: the shares and the consumption per 1 000 ha the
    /// chart shows, then the absolute figures per year.
    static let comparisonHeader = ["Territoire", "artificialisé", "imperméabilisé", "conso. NAF / an pour 1\u{00A0}000\u{00A0}ha", "conso. NAF / an", "artif. nette / an"]
    static func comparisonCells(_ r: ComparisonTheme.Row) -> [String] {
        [r.name + (r.years.map { " (\($0))" } ?? ""), r.artificialised.text, r.sealed.text, r.intensity.text, r.consumption.text, r.net.text]
    }

    /// The resolution of a printed map that is an image: one the web draws as an image too (above
    /// `TerritoryMaps.rasterThreshold` vertices), whose polygons would weigh megabytes in the PDF.
    static let mapDPI = 200.0

    /// The tallest a chart is printed: a taller one would be shrunk below the text sizes of print.
    static let chartMaxHeight = 460.0


    /// "2026-11-26" → "26 novembre 2026".
    package static func frenchDate(_ iso: String) -> String { BuildDay.french(iso) }

    package init(project: Project, portrait: Portrait, scenes: TerritoryScenes, date: String) {
        self.project = project
        self.territory = scenes.territory
        self.portrait = portrait
        self.scenes = scenes
        self.date = date
    }
}
