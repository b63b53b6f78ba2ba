import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The explorer of a territory (`explorateur.html`): its land-cover maps of two millésimes with a
/// curtain or side by side, the extra layers drawn over them, and the change map of every period.
/// The maps are the files the portrait pages use; the extra layers are transparent images of the
/// same size and projection, stacked over them by the page.
package struct ExplorerPage {
    package let project: Project
    package let territory: Territory
    package let main: PortraitView
    /// Map file (site path) and scene size per millésime.
    package let maps: [Int: MapFile]
    /// Change map per period index.
    package let changeMaps: [Int: MapFile]
    /// Overlay file (site path) per extra layer, with the categories present on this territory.
    package let overlays: [(layer: ExtraLayerData, path: String, categories: [Int])]
    /// The figures the compute stage made.
    package let indicators: IndicatorStore
    package let portraits: PortraitStore

    package var path: String { SitePaths.explorer(territory.id) }

    /// Draws the extra layer over a territory's map frame; nil when no feature touches it.
    package static func overlay(_ layer: ExtraLayerData, territory: Territory, project: Project, mapSize: (Double, Double))
        -> (scene: Scene, categories: [Int], vertices: Int)? {
        let outline = project.outlines[territory.id] ?? []
        var bounds = BoundingBox.empty
        for p in outline { bounds.formUnion(p.bounds) }
        guard !bounds.isEmpty else { return nil }
        var polygons: [(colorIndex: Int, polygon: PolygonRings)] = []
        var present = Set<Int>()
        var vertices = 0
        for (category, feature) in layer.features where feature.bounds.intersects(bounds) {
            present.insert(category)
            for p in feature.polygons {
                polygons.append((category, p))
                vertices += p.vertexCount
            }
        }
        guard !polygons.isEmpty else { return nil }
        let colors = layer.categories.indices.map(ExtraLayers.color)
        let scene = LandCoverMap.overlay(outline: outline, polygons: polygons, colors: colors, width: mapSize.0, height: mapSize.1)
        return (scene, present.sorted(), vertices)
    }

    package func html(common: CommonContext, templates: TemplateSet) throws -> String {
        try templates.render("explorateur", context(common: common))
    }

    func context(common: CommonContext) -> [String: Any] {
        var c = common.context(path: path, title: "Explorateur · \(territory.name)")
        c["description"] = "Cartes de l’occupation du sol \(FrenchText.de(territory.id, territory.name)) à plusieurs millésimes, en rideau ou côte à côte, et carte des changements."
        c["name"] = territory.name
        c["levelLabel"] = territory.id.level.label
        c["code"] = territory.id.code
        c["portrait"] = "\(main.id).html"
        c["parents"] = territory.parents.compactMap { id -> [String: Any]? in
            guard let p = project.catalog[id] else { return nil }
            return ["path": SitePaths.explorer(id), "name": p.name, "levelLabel": id.level.label]
        }
        let years = maps.keys.sorted()
        let spans = project.years(territory.id)
        // A millésime's name here: its year, or this territory's years of that rank.
        func name(_ key: Int) -> String { spans.millesimes[project.layout.index(of: key)!]?.description ?? String(key) }
        func option(_ year: Int, selected: Bool) -> [String: Any] {
            ["file": SitePaths.fileName(maps[year]!.path), "year": name(year), "selected": selected,
             "alt": "Occupation du sol \(FrenchText.de(territory.id, territory.name)) en \(name(year))"]
        }
        let left = years.first!, right = years.last!
        c["leftOptions"] = years.map { option($0, selected: $0 == left) }
        c["rightOptions"] = years.map { option($0, selected: $0 == right) }
        c["left"] = option(left, selected: true)
        c["right"] = option(right, selected: true)
        c["hasTwo"] = years.count > 1
        c["mapWidth"] = Int(maps[left]!.width)
        c["mapHeight"] = Int(maps[left]!.height)
        c["pieces"] = maps[left]!.pieces
        c["overlays"] = overlays.map { o -> [String: Any] in
            ["file": SitePaths.fileName(o.path), "name": o.layer.name,
             "legend": o.categories.map { ["label": o.layer.categories[$0].isEmpty ? o.layer.name : o.layer.categories[$0], "color": ExtraLayers.color($0).hex] }]
        }
        c["hasOverlays"] = !overlays.isEmpty
        c["overlayNames"] = overlays.map(\.layer.name).joined(separator: ", ")
        // The curtain starts in the middle of the map (the files hold the map frame alone).
        c["curtain"] = 50
        // One legend for the two maps: the classes of either, in the later map's order.
        var legend = maps[right]!.legend
        for e in maps[left]!.legend.entries where !legend.entries.contains(e) { legend.entries.append(e) }
        legend.source = project.config.site.mapCredit   // the two maps' millésimes are in their captions
        c["legend"] = MapLegendContext.context(legend)
        // The main period first, then the others in order.
        let periods = project.layout.periods.enumerated().sorted { a, b in
            (a.element == main.period ? 0 : 1, a.offset) < (b.element == main.period ? 0 : 1, b.offset)
        }
        c["changeMaps"] = periods.compactMap { (p, period) -> [String: Any]? in
            guard let m = changeMaps[p] else { return nil }
            // The same words as the portrait's change map (the same file): the model's change table.
            let alt = portraits.views.first { $0.period == period }.flatMap { portraits.portrait(territory.id, $0) }?.themes?.mutations.changes.mapAlt ?? ""
            let view = PortraitView(period: period, millesime: period.end, ranked: project.layout.ranked)
            return ["file": SitePaths.fileName(m.path), "label": spans.periods[p]?.description ?? period.label, "width": Int(m.width), "height": Int(m.height),
                    "alt": alt, "portrait": "\(view.id).html", "legend": MapLegendContext.context(m.legend)]
        }
        c["hasChangeMaps"] = !changeMaps.isEmpty
        return c
    }

    package init(project: Project, territory: Territory, main: PortraitView, maps: [Int: MapFile], changeMaps: [Int: MapFile], overlays: [(layer: ExtraLayerData, path: String, categories: [Int])], indicators: IndicatorStore, portraits: PortraitStore) {
        self.project = project
        self.territory = territory
        self.main = main
        self.maps = maps
        self.changeMaps = changeMaps
        self.overlays = overlays
        self.indicators = indicators
        self.portraits = portraits
    }
}
