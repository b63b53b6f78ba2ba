import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Makes a `Portrait` from the facts and the compute stage's figures: the one place where a
/// portrait's figures, sentences and chart data are made.
package enum PortraitBuilder {
    package static func levelName(_ project: Project) -> String {
        let dim = project.nomenclature.primary
        return "\(dim.name.lowercased()), \(dim.levelNames[project.displayLevel - 1].lowercased())"
    }

    static func make(_ territory: Territory, view: PortraitView, project: Project, indicators: IndicatorStore) -> Portrait {
        let facts = project.facts[territory.id]!
        let layout = project.layout
        let m = layout.index(of: view.millesime)!
        let years = ViewYears.of(view, territory.id, project: project)
        let rows = stockRows(facts, view: view, project: project)
        let coveredShare = facts.area > 0 ? facts.covered[m] / facts.area : 0
        var caveats = Portrait.Caveats()
        if coveredShare < 0.995 {
            caveats.coverage = "L’occupation du sol ne couvre que \(Fmt.pct(coveredShare)) de ce territoire en \(years.millesime) : les surfaces et les parts ci-dessous portent sur la partie couverte, sans extrapolation."
        }
        let overlap = facts.overlap(m)
        if overlap >= 10_000 {
            caveats.overlap = "Les polygones d’occupation du sol livrés se chevauchent sur \(FrenchNumber.hectares(overlap, decimals: 2)) : ces surfaces sont comptées dans chacune des classes concernées, telles que livrées, si bien que le total des classes dépasse la surface couverte."
        }
        if let nc = rows.first(where: { $0.code == Nomenclature.unclassifiedCode }) {
            // Each code once, though several files (départements) hold it.
            let codes = Set(project.tabulation.sources.flatMap(\.unclassified).map(\.code)).sorted().map { "« \($0.isEmpty ? "(vide)" : $0) »" }
            caveats.unclassified = "\(Fmt.ha(nc.after)) portent un code absent de la nomenclature (\(codes.joined(separator: ", "))) : elles sont comptées comme « non classé » et ne sont classées ni artificialisées, ni imperméabilisées, ni en espace NAF."
        }
        var themes: Portrait.Themes?
        var stockOnly: StockOnlyTheme?
        if let period = view.period, let p = layout.periods.firstIndex(of: period), let span = years.period {
            themes = Portrait.Themes(
                evolution: EvolutionTheme.make(facts, period: period, years: years, project: project),
                mutations: MutationsTheme.make(facts, territory: territory, periodIndex: p, span: span, project: project, indicators: indicators),
                sealing: SealingTheme.make(facts, periodIndex: p, span: span, project: project),
                consumption: ConsumptionTheme.make(indicators.consumption(territory.id), periodIndex: p),
                artificialisation: ArtificialisationTheme.make(facts, periodIndex: p, span: span, project: project),
                zan: indicators.zan(territory).map { ZANTheme.make($0, commune: territory.id.level == .commune) },
                comparison: ComparisonTheme.make(territory: territory, periodIndex: p, project: project, indicators: indicators))
        } else {
            stockOnly = StockOnlyTheme.make(facts, millesime: m, year: years.millesime, project: project)
        }
        let caveatList = [caveats.coverage, caveats.overlap, caveats.unclassified].compactMap { $0 }
        let message: KeyMessage
        if let period = view.period, let p = layout.periods.firstIndex(of: period), let h = indicators.headline(territory.id, p), let themes, let span = years.period {
            message = KeyMessage.period(h, period: span, consumption: indicators.consumption(territory.id), periodIndex: p,
                                        zan: indicators.zan(territory), rank: themes.comparison.rank, caveats: caveatList)
        } else {
            message = KeyMessage.stock(millesime: years.millesime, area: facts.area, artificialised: facts.lcr[m],
                                       sealed: Sealing.sealedArea(facts, millesime: m, traits: project.traits), caveats: caveatList)
        }
        let children = territory.children.compactMap { project.catalog[$0] }
        var childrenTitle: String?
        if let first = children.first {
            // A département lists its EPCI, then its communes that belong to none.
            let label = children.contains { $0.id.level != first.id.level } ? "\(first.id.level.pluralLabel) et communes hors EPCI" : first.id.level.pluralLabel
            childrenTitle = "\(label) du territoire (\(children.count))"
        }
        let levelName = levelName(project)
        return Portrait(
            territory: territory.id, name: territory.name, view: view, years: years,
            parents: territory.parents.compactMap { id in project.catalog[id].map { Portrait.Link(id: id, name: $0.name) } },
            children: children.map { Portrait.Link(id: $0.id, name: $0.name) },
            childrenTitle: childrenTitle,
            members: MemberTable.make(children, of: territory, view: view, project: project, indicators: indicators),
            communes: territory.id.level == .departement
                ? MemberTable.make(territory.communeIndices.compactMap { project.catalog[TerritoryID(.commune, project.catalog.communes[$0].code)] },
                                   of: territory, view: view, project: project, indicators: indicators)
                : nil,
            area: .ha(facts.area), coveredShare: .pct(coveredShare),
            communeCount: territory.id.level != .commune ? .count(territory.communeIndices.count) : nil,
            caveats: caveats, message: message, levelName: levelName,
            stockTitle: years.period.map { "Occupation du sol en \($0.start) et en \($0.end)" } ?? "Occupation du sol en \(years.millesime)",
            stockCaption: "Surfaces par classe, triées par surface en \(years.millesime)\(years.millesime.single == nil ? " (\(years.millesime.detail))" : "").",
            stockRows: rows,
            stockChart: stockChart(rows, territory: territory, years: years),
            mapAlt: mapAlt(rows, territory: territory, years: years),
            mapCaption: "Occupation du sol en \(years.millesime.label), \(levelName). Contour du territoire en noir.",
            themes: themes, stockOnly: stockOnly)
    }

    /// The classes present at either date, at the display level.
    static func stockRows(_ facts: AreaFacts, view: PortraitView, project: Project) -> [Portrait.StockRow] {
        let layout = project.layout
        let after = Stock.byClass(facts, millesime: layout.index(of: view.millesime)!, nomenclature: project.nomenclature, level: project.displayLevel)
        let before = view.period.map { Stock.byClass(facts, millesime: layout.index(of: $0.start)!, nomenclature: project.nomenclature, level: project.displayLevel) }
        return after.indices.compactMap { i in
            let a = after[i], b = before?[i]
            guard a.area > 0 || (b?.area ?? 0) > 0 else { return nil }
            return Portrait.StockRow(code: a.code, label: a.label, shortLabel: a.shortLabel, color: a.color, after: a.area, afterShare: a.share,
                                     before: b?.area, beforeShare: b?.share)
        }
    }

    static func stockChart(_ rows: [Portrait.StockRow], territory: Territory, years: ViewYears) -> Chart {
        let top = rows.sorted { $0.after > $1.after }.prefix(3)
        let list = top.map { "\($0.label) \(Fmt.ha($0.after))" + ($0.before.map { " (\(Fmt.ha($0)) en \(years.period!.start))" } ?? "") }
        let what = years.period.map { "Diagramme en barres comparant l’occupation du sol de \($0.start) et de \($0.end) par classe" }
            ?? "Diagramme en barres de l’occupation du sol en \(years.millesime) par classe"
        let alt = "\(what), pour \(territory.name). Classes principales en \(years.millesime) : \(list.joined(separator: " ; ")). Détail dans le tableau ci-dessous."
        let data = rows.map { StockComparisonRow(label: $0.shortLabel, color: $0.color, before: $0.before ?? 0, after: $0.after) }
        return Chart(kind: "stock par classe", data: .stockComparison(data, before: years.period.map { $0.start.description }, after: years.millesime.description), alt: alt)
    }

    static func mapAlt(_ rows: [Portrait.StockRow], territory: Territory, years: ViewYears) -> String {
        let list = rows.sorted { $0.after > $1.after }.prefix(3).map { "\($0.label) (\(Fmt.pct($0.afterShare)))" }
        return "Carte de l’occupation du sol \(FrenchText.de(territory.id, territory.name)) en \(years.millesime.label), par classe. Classes principales : \(list.joined(separator: ", ")). Les communes voisines sont en gris clair."
    }
}
