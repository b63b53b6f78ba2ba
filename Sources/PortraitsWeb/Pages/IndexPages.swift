import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The home page and one index page per level, to go région → départements → EPCI (and SCoT) →
/// communes, with headline figures of the main period and a map of each level.
package struct IndexPages {
    package let project: Project
    package let main: PortraitView
    package let common: CommonContext
    package let docs: DocPages
    /// The headline figures the compute stage made for every territory × period.
    package let indicators: IndicatorStore

    package var lastMillesimeIndex: Int { project.layout.index(of: main.millesime)! }
    package var mainPeriod: Int? { main.period.flatMap { project.layout.periods.firstIndex(of: $0) } }

    package func levels() -> [TerritoryLevel] {
        TerritoryLevel.allCases.filter { !project.catalog.all($0).isEmpty }
    }

    package static func levelMap(_ level: TerritoryLevel, raster: Bool) -> String { "cartes/\(level.pathSegment).\(raster ? "png" : "svg")" }

    /// Every headline figure of a territory over the main period, for the home page's région (nil
    /// with one millésime); the level lists and maps read the compute stage's `IndicatorStore`.
    package func headline(_ t: Territory) -> [Double]? {
        mainPeriod.map { indicators.published(t.id, $0) }
    }

    package static func column(_ id: String) -> Int { IndicatorSummary.definitions.firstIndex { $0.id == id }! }

    func item(_ t: Territory) -> [String: Any] {
        let f = project.facts[t.id]!
        var c: [String: Any] = ["path": SitePaths.portrait(t.id, main), "name": t.name, "code": t.id.code,
                                "area": FrenchNumber.format(f.area / 10_000), "covered": FrenchNumber.percent(f.area > 0 ? f.covered[lastMillesimeIndex] / f.area : 0)]
        if let p = mainPeriod, let h = indicators.headline(t.id, p) {
            c["consumption"] = FrenchNumber.format(h.consumptionPerYear / 10_000, decimals: 1)
            c["intensity"] = FrenchNumber.format(h.consumptionIntensity / 10_000, decimals: 2)
            c["artificialised"] = FrenchNumber.format(100 * h.artificialisedShare, decimals: 1) + "\u{00A0}%"
            c["net"] = FrenchNumber.format(h.netArtificialisationPerYear / 10_000, decimals: 1)
        }
        return c
    }

    /// The map of a level: each territory coloured by its consumption per year per 1 000 ha over
    /// the main period (or its artificialised share with one millésime); PNG above the raster threshold.
    /// Levels with at most this many territories get their map's link areas (each territory opens
    /// its portrait); the communes' map, thousands of outlines, would weigh a megabyte: the pages
    /// per département list them.
    static let maxLinkAreas = 1_000

    package func mapFile(_ level: TerritoryLevel, credit: String) throws -> (path: String, bytes: [UInt8], alt: String, width: Int, height: Int, legend: MapLegend, links: [LevelMapFile.Link]) {
        let all = project.catalog.all(level).sorted { $0.id < $1.id }
        let period = mainPeriod
        let values = all.map { t -> Double in
            // Consumption per year per 1 000 ha, m² → ha.
            if let period, let h = indicators.headline(t.id, period) { return h.consumptionIntensity / 10_000 }
            let a = Artificialisation.matrixArea(project.facts[t.id]!, millesime: lastMillesimeIndex, traits: project.traits)
            let area = project.facts[t.id]!.area
            return area > 0 ? 100 * a / area : 0
        }
        let unit = period == nil ? "%" : "ha/an"
        let classes = ChoroplethClasses(values: values, unit: unit, decimals: period == nil ? 1 : 2)
        var pieces: [(legendIndex: Int, polygon: PolygonRings)] = []
        var boundaries: [PolygonRings] = []
        var vertices = 0
        for (t, v) in zip(all, values) {
            for p in project.outlines[t.id] ?? [] {
                pieces.append((classes.index(of: v), p))
                boundaries.append(p)
                vertices += p.vertexCount
            }
        }
        let outline = project.catalog.all(.region).flatMap { project.outlines[$0.id] ?? [] }
        let title = period == nil ? "Part artificialisée (\(ProjectYears.millesimeName(project, lastMillesimeIndex)))" : "Consommation NAF par an pour 1 000 ha, \(main.label)"
        var input = LandCoverMapInput(pieces: pieces, legend: zip(classes.labels, classes.colors).map { LegendEntry(label: $0, color: $1) },
                                      outline: outline, context: [], source: "\(title) · \(credit)", legendTitle: period == nil ? "Part artificialisée" : "Conso. NAF / 1 000 ha")
        input.boundaries = boundaries
        let scene = LandCoverMap.frame(input)
        let raster = vertices > TerritoryMaps.rasterThreshold
        let bytes = raster ? try CairoRenderer.png(scene, scale: 1.5) : SVGTitle.titled(try CairoRenderer.svg(scene), "\(level.pluralLabel) : \(title)")
        let maxT = zip(all, values).max { $0.1 < $1.1 }
        var alt = "Carte des \(level.pluralInText) de la région : \(title.prefix(1).lowercased() + title.dropFirst()), en \(classes.labels.count) classes (\(classes.labels.joined(separator: " ; ")))."
        if let maxT { alt += " Valeur la plus forte : \(maxT.0.name), \(FrenchNumber.format(maxT.1, decimals: 2)) \(unit)." }
        var links: [LevelMapFile.Link] = []
        if all.count <= Self.maxLinkAreas {
            let paths = MapLinkAreas.paths(all.map { project.outlines[$0.id] ?? [] }, frame: outline)
            links = zip(all, paths).filter { !$0.1.isEmpty }.map { LevelMapFile.Link(path: SitePaths.portrait($0.0.id, main), name: $0.0.name, d: $0.1) }
        }
        return (Self.levelMap(level, raster: raster), bytes, alt, Int(scene.width), Int(scene.height), input.mapLegend, links)
    }

    package func home(templates: TemplateSet, levelMaps: [TerritoryLevel: LevelMapFile]) throws -> String {
        var c = common.context(path: "index.html", title: "Accueil")
        c["description"] = "Portraits de l’occupation du sol de chaque commune, EPCI, SCoT, département et région : cartes, graphiques, indicateurs de consommation d’espaces et d’artificialisation."
        let layout = project.layout
        c["millesimes"] = ProjectYears.millesimes(project)
        if !layout.periods.isEmpty { c["periods"] = ProjectYears.periods(project) }
        c["nomenclature"] = project.nomenclature.name
        c["hasScot"] = !project.catalog.all(.scot).isEmpty
        c["mainLabel"] = main.label
        c["regions"] = project.catalog.all(.region).map { r -> [String: Any] in
            let f = project.facts[r.id]!, years = ViewYears.of(main, r.id, project: project)
            var rc: [String: Any] = ["name": r.name, "path": SitePaths.portrait(r.id, main), "area": FrenchNumber.hectares(f.area, decimals: 0),
                                     "communes": FrenchNumber.format(Double(r.communeIndices.count), decimals: 0),
                                     "covered": FrenchNumber.percent(f.area > 0 ? f.covered[lastMillesimeIndex] / f.area : 0), "millesime": main.millesime,
                                     "explorer": SitePaths.explorer(r.id)]
            if let h = headline(r) {
                rc["figures"] = [
                    ["value": FrenchNumber.format(h[Self.column("consommation_ha")], decimals: 0) + "\u{00A0}ha", "caption": "d’espaces NAF consommés, \(years.short)"],
                    ["value": FrenchNumber.format(h[Self.column("consommation_ha_an")], decimals: 0) + "\u{00A0}ha/an", "caption": "de consommation par an"],
                    ["value": FrenchNumber.format(h[Self.column("artificialisation_nette_ha")], decimals: 0) + "\u{00A0}ha", "caption": "d’artificialisation nette, \(years.short)"],
                    ["value": FrenchNumber.format(h[Self.column("part_artificialisee_pct")], decimals: 1) + "\u{00A0}%", "caption": "du territoire artificialisé en \(years.millesime)"],
                ]
            }
            return rc
        }
        c["levels"] = levels().filter { $0 != .region }.map { level -> [String: Any] in
            var l: [String: Any] = ["path": SitePaths.levelIndex(level), "label": level.pluralLabel, "count": project.catalog.all(level).count]
            if let m = levelMaps[level] { l["map"] = m.context }
            return l
        }
        if let news = docs.docs.first(where: { $0.slug == "nouveautes" }) {
            let (html, toc) = HeadingAnchors.apply(Markdown.html(news.document.body))
            // The first section: from the first <h2> to the next.
            if let first = toc.first(where: { $0.level == 2 }), let start = html.range(of: "<h2 id=\"\(first.id)\">") {
                let rest = html[start.lowerBound...]
                let after = rest.index(rest.startIndex, offsetBy: 4)
                let end = rest[after...].range(of: "<h2 ")?.lowerBound ?? rest.endIndex
                // Demoted one level: the home page's sections are h2.
                c["news"] = String(rest[..<end]).replacingOccurrences(of: "<h3", with: "<h4").replacingOccurrences(of: "</h3>", with: "</h4>")
                    .replacingOccurrences(of: "<h2", with: "<h3").replacingOccurrences(of: "</h2>", with: "</h3>")
                c["newsPage"] = SitePaths.doc(news.slug)
            }
        }
        return try templates.render("home", c)
    }

    /// The communes of one département (the communes' index lists the départements: one table of
    /// thousands of rows would weigh more than a megabyte).
    package static func communesOf(_ d: TerritoryID) -> String { "commune/departement-\(d.code).html" }

    /// The pages of a level: its index, and for communes one page per département. Path → HTML.
    package func levelPages(_ level: TerritoryLevel, templates: TemplateSet, map: LevelMapFile?) throws -> [(String, String)] {
        let path = SitePaths.levelIndex(level)
        var c = common.context(path: path, title: level.pluralLabel)
        let all = project.catalog.all(level)
        c["count"] = all.count
        c["millesime"] = ProjectYears.millesimeName(project, lastMillesimeIndex)
        c["hasPeriod"] = mainPeriod != nil
        c["periodLabel"] = mainPeriod.map { ProjectYears.periodWithYears(project, $0) } ?? main.label
        if let map { c["map"] = map.context }
        c["downloads"] = ["csv": LevelDownloads.indicatorsCSV(level), "xlsx": LevelDownloads.workbook(level)]
        func members(_ d: Territory) -> [Territory] {
            let inside = Set(d.communeIndices)
            return all.filter { t in t.communeIndices.contains { inside.contains($0) } }.sorted { $0.name.localizedStandardCompareFR($1.name) }
        }
        switch level {
        case .region, .departement:
            c["groups"] = [["items": all.sorted { $0.id < $1.id }.map(item)]]
        case .epci, .scot:
            // Grouped by département, sorted by name inside.
            c["groups"] = project.catalog.all(.departement).compactMap { d -> [String: Any]? in
                let items = members(d)
                return items.isEmpty ? nil : ["heading": "\(d.name) (\(d.id.code))", "items": items.map(item)]
            }
        case .commune:
            let deps = project.catalog.all(.departement).sorted { $0.id < $1.id }
            c["hasDepartements"] = true
            c["departements"] = deps.map { d -> [String: Any] in
                var i = item(d)
                i["path"] = Self.communesOf(d.id)
                i["communes"] = d.communeIndices.count
                return i
            }
            var pages = [(path, try templates.render("level-index", c))]
            for d in deps {
                let pagePath = Self.communesOf(d.id)
                var dc = common.context(path: pagePath, title: "Communes · \(d.name)")
                for key in ["millesime", "hasPeriod", "periodLabel", "downloads"] { dc[key] = c[key] }
                let items = members(d)
                dc["count"] = items.count
                dc["parent"] = ["path": SitePaths.levelIndex(.commune), "label": level.pluralLabel]
                dc["groups"] = [["items": items.map(item)]]
                pages.append((pagePath, try templates.render("level-index", dc)))
            }
            return pages
        }
        return [(path, try templates.render("level-index", c))]
    }

    package init(project: Project, main: PortraitView, common: CommonContext, docs: DocPages, indicators: IndicatorStore) {
        self.project = project
        self.main = main
        self.common = common
        self.docs = docs
        self.indicators = indicators
    }
}

extension String {
    /// Alphabetical order for French names (`FrenchText.collationKey`, as the atlases sort them),
    /// then the raw string.
    package func localizedStandardCompareFR(_ other: String) -> Bool {
        let a = FrenchText.collationKey(self), b = FrenchText.collationKey(other)
        return a != b ? a < b : self < other
    }
}


/// The map of a level (a choropleth) as its page and the home page show it.
package struct LevelMapFile: Codable, Sendable {
    /// A territory's area on the map, a link to its portrait (site path).
    package struct Link: Codable, Sendable {
        package let path: String, name: String, d: String
    }

    package let file: String, alt: String, width: Int, height: Int
    /// The legend and source the level's page writes beside the map.
    package let legend: MapLegendRecord
    package let links: [Link]

    package init(file: String, alt: String, width: Int, height: Int, legend: MapLegend, links: [Link] = []) {
        self.file = file
        self.alt = alt
        self.width = width
        self.height = height
        self.legend = MapLegendRecord(legend)
        self.links = links
    }

    var context: [String: Any] {
        ["file": file, "alt": alt, "width": width, "height": height, "legend": MapLegendContext.context(legend.legend),
         "hasLinks": !links.isEmpty, "links": links.map { ["path": $0.path, "name": $0.name, "d": $0.d] }]
    }
}
