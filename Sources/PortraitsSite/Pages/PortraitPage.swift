import Foundation
import PortraitsCore
import PortraitsCairo
import PortraitsGraphics

/// One portrait: a territory at one view (period or millésime). Builds the page's template context,
/// its chart scene and its CSV from the facts; no I/O here.
struct PortraitPage {
    let project: Project
    let territory: Territory
    let view: PortraitView
    let views: [PortraitView]
    let mapFile: String
    let mapSize: (Double, Double)
    /// The change map of the view's period, with the area of each kind it shows.
    let changeMap: MapFile?
    let indicators: IndicatorStore
    /// The locator map (Cairo SVG) and its description; nil for the région.
    let locator: (svg: [UInt8], title: String)?
    /// The stock rows of the page (classes present at either date), computed once.
    let rows: [Row]

    init(project: Project, territory: Territory, view: PortraitView, views: [PortraitView], mapFile: String,
         mapSize: (Double, Double), changeMap: MapFile? = nil, indicators: IndicatorStore, locator: (svg: [UInt8], title: String)?) {
        self.project = project
        self.territory = territory
        self.view = view
        self.views = views
        self.mapFile = mapFile
        self.mapSize = mapSize
        self.changeMap = changeMap
        self.indicators = indicators
        self.locator = locator
        self.rows = Self.stockRows(project.facts[territory.id]!, view: view, project: project)
    }

    var facts: AreaFacts { project.facts[territory.id]! }
    var path: String { SitePaths.portrait(territory.id, view) }
    var levelName: String { Self.levelName(project) }

    /// "couverture du sol, niveau 4": the dimension and level of charts and maps.
    static func levelName(_ project: Project) -> String {
        let dim = project.nomenclature.primary
        return "\(dim.name.lowercased()), \(dim.levelNames[project.displayLevel - 1].lowercased())"
    }

    struct Row {
        var cls: StockRow
        var before: StockRow?
    }

    static func stockRows(_ facts: AreaFacts, view: PortraitView, project: Project) -> [Row] {
        let layout = project.layout
        let after = Stock.byClass(facts, millesime: layout.index(of: view.millesime)!, nomenclature: project.nomenclature, level: project.displayLevel)
        let before = view.period.map { Stock.byClass(facts, millesime: layout.index(of: $0.start)!, nomenclature: project.nomenclature, level: project.displayLevel) }
        return after.indices.compactMap { i in
            let r = Row(cls: after[i], before: before?[i])
            return (r.cls.area > 0 || (r.before?.area ?? 0) > 0) ? r : nil
        }
    }

    func chartScene() -> Scene {
        StockComparisonChart.scene(
            rows: rows.map { StockComparisonRow(label: $0.cls.shortLabel, color: $0.cls.color, before: $0.before?.area ?? 0, after: $0.cls.area) },
            beforeLabel: view.period.map { String($0.start) }, afterLabel: String(view.millesime))
    }

    func chartAlt() -> String {
        let top = rows.sorted { $0.cls.area > $1.cls.area }.prefix(3)
        let list = top.map { "\($0.cls.label) \(FrenchNumber.hectares($0.cls.area))" + ($0.before.map { " (\(FrenchNumber.hectares($0.area)) en \(view.period!.start))" } ?? "") }
        let what = view.period.map { "Diagramme en barres comparant l’occupation du sol de \($0.start) et de \($0.end) par classe" }
            ?? "Diagramme en barres de l’occupation du sol en \(view.millesime) par classe"
        return "\(what), pour \(territory.name). Classes principales en \(view.millesime) : \(list.joined(separator: " ; ")). Détail dans le tableau ci-dessous."
    }

    func mapAlt() -> String {
        let rows = self.rows.sorted { $0.cls.area > $1.cls.area }.prefix(3)
        let list = rows.map { "\($0.cls.label) (\(FrenchNumber.percent($0.cls.share)))" }
        return "Carte de l’occupation du sol de \(territory.name) en \(view.millesime), par classe. Classes principales : \(list.joined(separator: ", ")). Les communes voisines sont en gris clair."
    }

    func context(common: CommonContext) throws -> [String: Any] {
        let m = project.layout.index(of: view.millesime)!
        var c = common.context(path: path, title: "\(territory.name) (\(territory.id.level.label.lowercased())) · \(view.label)")
        c["description"] = "Portrait de l’occupation du sol de \(territory.name), \(view.period.map { "période \($0.label)" } ?? "millésime \(view.millesime)")."
        c["name"] = territory.name
        c["code"] = territory.id.code
        c["levelLabel"] = territory.id.level.label
        c["millesime"] = view.millesime
        c["parents"] = territory.parents.compactMap { id -> [String: Any]? in
            guard let p = project.catalog[id] else { return nil }
            return ["path": SitePaths.portrait(id, view), "name": p.name, "levelLabel": id.level.label]
        }
        c["hasViews"] = views.count > 1
        c["views"] = views.map { ["file": "\($0.id).html", "label": $0.label, "current": $0 == view] }
        if let p = view.period { c["period"] = ["start": p.start, "end": p.end] }
        c["areaHa"] = FrenchNumber.hectares(facts.area)
        let coveredShare = facts.area > 0 ? facts.covered[m] / facts.area : 0
        c["coveredShare"] = FrenchNumber.percent(coveredShare)
        if territory.id.level != .commune { c["communeCount"] = FrenchNumber.format(Double(territory.communeIndices.count), decimals: 0) }
        if coveredShare < 0.995 {
            c["coverageNote"] = "L’occupation du sol ne couvre que \(FrenchNumber.percent(coveredShare)) de ce territoire en \(view.millesime) : les surfaces et les parts ci-dessous portent sur la partie couverte, sans extrapolation."
        }
        let overlap = facts.overlap(m)
        if overlap >= 10_000 {
            c["overlapNote"] = "Les polygones d’occupation du sol livrés se chevauchent sur \(FrenchNumber.hectares(overlap, decimals: 2)) : ces surfaces sont comptées dans chacune des classes concernées, telles que livrées, si bien que le total des classes dépasse la surface couverte."
        }
        if let nc = rows.first(where: { $0.cls.code == Nomenclature.unclassifiedCode }) {
            let codes = project.tabulation.sources.flatMap(\.unclassified).map { "« \($0.code.isEmpty ? "(vide)" : $0.code) »" }
            c["unclassifiedNote"] = "\(FrenchNumber.hectares(nc.cls.area)) portent un code absent de la nomenclature (\(codes.joined(separator: ", "))) : elles sont comptées comme « non classé » et ne sont classées ni artificialisées, ni imperméabilisées, ni en espace NAF."
        }
        c["mapFile"] = mapFile.split(separator: "/").last.map(String.init) ?? mapFile
        c["mapAlt"] = mapAlt()
        c["mapWidth"] = Int(mapSize.0)
        c["mapHeight"] = Int(mapSize.1)
        c["mapCaption"] = "Occupation du sol en \(view.millesime), \(levelName). Contour du territoire en noir."
        c["stockTitle"] = view.period.map { "Occupation du sol en \($0.start) et en \($0.end)" } ?? "Occupation du sol en \(view.millesime)"
        c["stockCaption"] = "Surfaces par classe, triées par surface en \(view.millesime)."
        c["csvFile"] = "\(view.id).csv"
        let plan = PrintStage.plan(project)
        if plan.portrait(view) { c["pdfFile"] = SitePaths.portraitPDF(territory, view).split(separator: "/").last.map(String.init) }
        if plan.bundle(territory, view) {
            c["bundleFile"] = SitePaths.bundlePDF(territory, view).split(separator: "/").last.map(String.init)
            c["bundleCount"] = territory.communeIndices.count
        }
        c["stockCSV"] = TerritoryCSV.stockFile
        if let period = view.period { c["transitionsCSV"] = TerritoryCSV.transitionsFile(period) }
        c["csvMetadata"] = CSVMetadata.fileName
        c["levelName"] = levelName
        c["nomenclature"] = project.nomenclature.name
        c["rows"] = rows.map { r -> [String: Any] in
            var d: [String: Any] = ["label": r.cls.label, "code": r.cls.code, "color": r.cls.color.hex,
                                    "after": FrenchNumber.format(r.cls.area / 10_000), "afterShare": FrenchNumber.percent(r.cls.share)]
            if let b = r.before {
                d["before"] = FrenchNumber.format(b.area / 10_000)
                d["beforeShare"] = FrenchNumber.percent(b.share)
                d["delta"] = FrenchNumber.format((r.cls.area - b.area) / 10_000)
            }
            return d
        }
        let totalAfter = rows.reduce(0) { $0 + $1.cls.area }
        let totalBefore = rows.reduce(0) { $0 + ($1.before?.area ?? 0) }
        c["totalAfter"] = FrenchNumber.format(totalAfter / 10_000)
        c["totalBefore"] = FrenchNumber.format(totalBefore / 10_000)
        c["totalDelta"] = FrenchNumber.format((totalAfter - totalBefore) / 10_000)
        if let period = view.period, let p = project.layout.periods.firstIndex(of: period) {
            c["evolution"] = EvolutionSection.context(facts, period: period, project: project)
            var mutations = MutationsSection.context(facts, periodIndex: p, project: project)
            if let changeMap { mutations["changeMap"] = changeMapContext(changeMap, period: period, changes: indicators.headline(territory.id, p)?.changes ?? ChangedArea()) }
            c["mutations"] = mutations
            c["sealing"] = SealingSection.context(facts, periodIndex: p, project: project)
            c["consumption"] = ConsumptionSection.context(indicators.consumption(territory.id), periodIndex: p)
            c["artificialisation"] = ArtificialisationSection.context(facts, periodIndex: p, project: project)
            c["comparison"] = ComparisonSection.context(territory: territory, periodIndex: p, project: project, indicators: indicators)
            if let zan = ZANSection.context(territory: territory, facts: facts, project: project, indicators: indicators) { c["zan"] = zan }
        } else {
            c["stockOnly"] = StockOnlySection.context(facts, millesime: m, project: project)
        }
        try inlineCharts(&c, stock: chartScene(), stockAlt: chartAlt())
        let children = territory.children.compactMap { project.catalog[$0] }
        c["children"] = children.map { ["path": SitePaths.portrait($0.id, view), "name": $0.name, "code": $0.id.code] }
        c["hasChildren"] = !children.isEmpty
        if let first = children.first {
            // A département lists its EPCI, then its communes that belong to none.
            let label = children.contains { $0.id.level != first.id.level } ? "\(first.id.level.pluralLabel) et communes hors EPCI" : first.id.level.pluralLabel
            c["childrenTitle"] = "\(label) du territoire (\(children.count))"
        }
        return c
    }

    func changeMapContext(_ map: MapFile, period: Period, changes: ChangedArea) -> [String: Any] {
        let kinds = changes.shownKinds
        let list = kinds.map { "\($0.label.lowercased()) \(Fmt.ha(changes[$0]))" }
        let alt = "Carte des changements d’occupation du sol de \(territory.name) entre \(period.start) et \(period.end)"
            + (list.isEmpty ? " : aucun changement." : ", par nature du changement : \(list.joined(separator: " ; ")). Le reste du territoire n’a pas changé.")
        func row(_ k: ChangeKind) -> [String: Any] { ["label": k.label, "color": ChangeMapStyle.color(k).hex, "area": Fmt.ha(changes[k])] }
        var c: [String: Any] = ["file": map.path.split(separator: "/").last.map(String.init) ?? map.path, "alt": alt,
                                "width": Int(map.width), "height": Int(map.height),
                                "rows": kinds.filter(\.changesCover).map(row), "coverTotal": Fmt.ha(changes.coverChange)]
        if kinds.contains(.usage) {
            var usage = row(.usage)
            let parts: [(LandChange.Status, String)] = [(.consommation, "consommation d’espaces NAF"), (.artificialisation, "artificialisation"),
                                                         (.desartificialisation, "désartificialisation")]
            usage["detail"] = parts.compactMap { s, label in
                let area = changes.usageByStatus[s] ?? 0
                return Fmt.ha(area) != Fmt.ha(0) ? "dont \(label) \(Fmt.ha(area))" : nil
            }
                .joined(separator: ", ")
            c["usage"] = usage
        }
        return c
    }

    /// The charts a section may hold: scene key, alt key, chart key, id suffix.
    static let sectionCharts = [("scene", "alt", "chart", ""), ("flowScene", "flowAlt", "flowChart", "-flux"),
                                ("matrixScene", "matrixAlt", "matrixChart", "-matrice"), ("stackScene", "stackAlt", "stackChart", "-parts")]

    /// Draws every chart of the page with Cairo and inlines it, with one shared set of glyphs: each
    /// section holding a scene (`scene`, `flowScene`…) gets its chart (`chart`, `flowChart`…: inline
    /// SVG with its title as text alternative); the page gets `glyphs`.
    func inlineCharts(_ c: inout [String: Any], stock: Scene, stockAlt: String) throws {
        let inliner = SVGInliner()
        c["stockChart"] = inliner.inline(try CairoRenderer.svg(stock), id: "graphique-stock", title: stockAlt)
        if let locator { c["locator"] = inliner.inline(locator.svg, id: "carte-situation", title: locator.title, cssClass: "locator") }
        for key in ["evolution", "mutations", "sealing", "consumption", "artificialisation", "zan", "comparison"] {
            guard var section = c[key] as? [String: Any] else { continue }
            for (sceneKey, altKey, chartKey, suffix) in Self.sectionCharts {
                guard let scene = section[sceneKey] as? Scene else { continue }
                section[chartKey] = inliner.inline(try CairoRenderer.svg(scene), id: "graphique-\(key)\(suffix)", title: section[altKey] as? String ?? "")
                section[sceneKey] = nil
            }
            c[key] = section
        }
        c["glyphs"] = inliner.sharedDefinitions
    }

    /// The table of a portrait page as a CSV: one row per class at the display level, at the
    /// millésime of a single-year page, or at both ends of a period with the change.
    static func csvTable(view: PortraitView, levelName: String) -> CSVDescription {
        var columns: [DownloadColumn] = TerritoryCSV.territoryColumns + [.text("code_classe", "Code de la classe (\(levelName))"), .text("classe", "Classe")]
        if view.period != nil {
            columns += [.text("periode", "Période (début-fin)"),
                        .number("surface_debut_ha", "Surface au début de la période", unit: "ha"),
                        .number("part_debut_pct", "Part au début de la période", unit: "%"),
                        .number("surface_fin_ha", "Surface à la fin de la période", unit: "ha"),
                        .number("part_fin_pct", "Part à la fin de la période", unit: "%"),
                        .number("evolution_ha", "Évolution sur la période", unit: "ha")]
        } else {
            columns += [.integer("millesime", "Millésime"), .number("surface_ha", "Surface", unit: "ha"), .number("part_pct", "Part de la surface décrite", unit: "%")]
        }
        return CSVDescription(file: "\(view.id).csv", title: "Occupation du sol par classe (\(levelName)), \(view.period?.label ?? String(view.millesime))",
                              columns: columns, schema: view.period != nil ? "tableau-periode" : "tableau-millesime")
    }

    /// The figures of the page as a French CSV (`csvTable`).
    func csv() -> [UInt8] {
        var out = FrenchCSV(Self.csvTable(view: view, levelName: levelName))
        for r in rows {
            var f = [territory.id.level.rawValue, territory.id.code, territory.name, r.cls.code, r.cls.label]
            if let p = view.period, let b = r.before {
                f += [DownloadColumn.period(p), FrenchCSV.number(b.area / 10_000), FrenchCSV.number(b.share * 100),
                      FrenchCSV.number(r.cls.area / 10_000), FrenchCSV.number(r.cls.share * 100), FrenchCSV.number((r.cls.area - b.area) / 10_000)]
            } else {
                f += [String(view.millesime), FrenchCSV.number(r.cls.area / 10_000), FrenchCSV.number(r.cls.share * 100)]
            }
            out.row(f)
        }
        return out.bytes
    }
}

