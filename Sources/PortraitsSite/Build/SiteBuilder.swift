import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics

/// A build: load → tabulate → aggregate → render → write. Only the writer touches the output
/// folder, and only `commit()` makes the new site visible.
public enum SiteBuilder {
    public struct Summary: Sendable {
        public var portraits: Int
        public var pages: Int
        public var files: Int
        public var bytes: Int
        public var stages: [StageReporter.Stage]
        public var output: String
    }

    /// A project loaded, tabulated and with its indicators computed: what a re-render needs.
    public struct Loaded: Sendable {
        public let project: Project
        public let indicators: IndicatorStore
    }

    /// `pdf: false` skips the printable PDFs whatever the project file says (`--no-pdf`);
    /// `baseURL` replaces the project's `site.base_url` (`--base-url`).
    public static func build(configPath: String, output: String? = nil, quiet: Bool = false, pdf: Bool = true,
                             baseURL: String? = nil) throws -> Summary {
        let reporter = StageReporter(total: 7, quiet: quiet)
        let loaded = try load(configPath: configPath, pdf: pdf, baseURL: baseURL, reporter: reporter)
        return try write(loaded, output: output, reporter: reporter)
    }

    /// Stages load, tabulate, aggregate, compute.
    public static func load(configPath: String, pdf: Bool = true, baseURL: String? = nil, reporter: StageReporter) throws -> Loaded {
        var config = try ProjectConfig.load(path: configPath)
        if !pdf { config.pdf = .none }
        if let baseURL { config.site.baseURL = baseURL }
        let project = try ProjectLoader.load(config: config, reporter: reporter)
        let indicators = try reporter.run("compute") { () -> (IndicatorStore, String) in
            let store = try IndicatorStore(project: project)
            return (store, "headline indicators of \(project.facts.count) territories × \(project.layout.periods.count) periods")
        }
        return Loaded(project: project, indicators: indicators)
    }

    /// Stages render, print, write: the whole site into a staging folder, then swapped in.
    public static func write(_ loaded: Loaded, output: String? = nil, reporter: StageReporter) throws -> Summary {
        let project = loaded.project, indicators = loaded.indicators
        let date = PortraitPDF.buildDate()
        let writer = try OutputWriter(destination: output ?? project.config.output)
        do {
            let (portraits, pages) = try reporter.run("render") { () -> ((Int, Int), String) in
                let progress = reporter.progress("render", unit: "territories", total: project.catalog.territories.count)
                defer { progress.finish() }
                let counts = try render(project, indicators: indicators, writer: writer, progress: progress, buildDay: date)
                return (counts, "\(counts.0) portraits, \(counts.1) pages, \(writer.fileCount) files, \(writer.byteCount / 1_000_000) MB")
            }
            try reporter.run("print") { () -> (Void, String) in
                let n = try PrintStage.run(project, indicators: indicators, writer: writer, date: date) { total in
                    reporter.progress("print", unit: "portraits", total: total)
                }
                return ((), n.portraits + n.bundles == 0 ? "no PDF (pdf: none)"
                            : "\(n.portraits) portrait PDFs, \(n.bundles) bundles, \(n.pages) pages, \(n.bytes / 1_000_000) MB")
            }
            try reporter.run("write") { () -> (Void, String) in
                try writer.commit()
                return ((), writer.destination.path)
            }
            return Summary(portraits: portraits, pages: pages, files: writer.fileCount, bytes: writer.byteCount,
                           stages: reporter.stages, output: writer.destination.path)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Renders every page and file into the writer's staging folder: per territory (in parallel)
    /// its maps, explorer, portraits, downloads and compare data; then the site-wide pages.
    static func render(_ project: Project, indicators: IndicatorStore, writer: OutputWriter, progress: Progress? = nil,
                       buildDay: String = PortraitPDF.buildDate()) throws -> (portraits: Int, pages: Int) {
        let config = project.config
        let templates = try TemplateSet(override: config.templates)
        let assets = try SiteAssets(folders: ([BuiltInTemplates.folder] + (config.templates.map { [$0] } ?? [])).map { ($0 as NSString).appendingPathComponent("assets") })
        let docs = try DocPages(folder: config.content)
        let levels = TerritoryLevel.allCases.filter { !project.catalog.all($0).isEmpty }
        let navDocs = docs.docs.filter { $0.document.order < 10 }.map { ($0.slug, $0.document.title) }
        var allDocs = docs.docs.map { ($0.slug, $0.document.title) }
        allDocs.append((NomenclaturePage.slug, "Nomenclature"))
        var common = CommonContext(siteTitle: config.site.title, notices: config.site.notices, attribution: config.site.attribution,
                                   levels: levels, docs: navDocs, allDocs: allDocs, baseURL: config.site.baseURL)
        common.stylesheets = assets.stylesheets
        common.script = assets.script
        let views = PortraitView.all(project.layout)
        let main = PortraitView.main(views)
        let maps = TerritoryMaps(project: project)
        let territories = project.catalog.sorted
        // Every millésime: the portraits show the end of their period, the explorer any of them.
        let mapYears = project.layout.millesimes
        let tables = DownloadTables(project: project)
        let created = Self.midnight(buildDay)

        // Largest territories first so that the région's map does not finish last on one core.
        let order = territories.indices.sorted { (territories[$0].communeIndices.count, territories[$1].id) > (territories[$1].communeIndices.count, territories[$0].id) }
        let chunks = max(1, min(order.count, defaultThreadCount() * 8))
        let counts: [Int] = try parallelMap(count: chunks) { chunk in
            var n = 0
            for (k, ti) in order.enumerated() where k % chunks == chunk {
                let t = territories[ti]
                var mapFiles: [Int: MapFile] = [:]
                for year in mapYears {
                    let input = maps.input(for: t, millesime: year, source: "Millésime \(year) · \(config.site.mapCredit)")
                    let scene = LandCoverMap.scene(input)
                    let raster = maps.vertexCount(input) > TerritoryMaps.rasterThreshold
                    let path = SitePaths.map(t.id, millesime: year, raster: raster)
                    try writer.write(path, raster ? try CairoRenderer.png(scene, scale: 1.5)
                                                  : SVGTitle.titled(try CairoRenderer.svg(scene), "Occupation du sol de \(t.name) en \(year)"))
                    mapFiles[year] = MapFile(path: path, width: scene.width, height: scene.height)
                }
                var changeMaps: [Int: MapFile] = [:]
                for (p, period) in project.layout.periods.enumerated() {
                    let (input, areas) = maps.changeInput(for: t, periodIndex: p, source: "Changements \(period.label) · \(config.site.mapCredit)")
                    let scene = LandCoverMap.scene(input)
                    let raster = maps.vertexCount(input) > TerritoryMaps.rasterThreshold
                    let path = SitePaths.changeMap(t.id, period, raster: raster)
                    try writer.write(path, raster ? try CairoRenderer.png(scene, scale: 1.5)
                                                  : SVGTitle.titled(try CairoRenderer.svg(scene), "Changements d’occupation du sol de \(t.name), \(period.label)"))
                    changeMaps[p] = MapFile(path: path, width: scene.width, height: scene.height, areas: areas)
                }
                // The explorer: the same maps, the extra layers over them.
                let anyMap = mapFiles[mapYears.last!]!
                var overlays: [(layer: ExtraLayerData, path: String, categories: [Int])] = []
                for layer in project.extraLayers {
                    guard let o = ExplorerPage.overlay(layer, territory: t, project: project, mapSize: (anyMap.width, anyMap.height)) else { continue }
                    let raster = o.vertices > TerritoryMaps.rasterThreshold
                    let path = SitePaths.overlay(t.id, layer, raster: raster)
                    try writer.write(path, raster ? try CairoRenderer.png(o.scene, scale: 1.5)
                                                  : SVGTitle.titled(try CairoRenderer.svg(o.scene), "\(layer.name) : \(t.name)"))
                    overlays.append((layer, path, o.categories))
                }
                let explorer = ExplorerPage(project: project, territory: t, main: main, maps: mapFiles, changeMaps: changeMaps, overlays: overlays)
                try writer.write(explorer.path, try templates.render("explorateur", explorer.context(common: common)))

                let locator = try maps.locator(for: t).map { (svg: try CairoRenderer.svg($0.scene), title: $0.title) }
                let facts = project.facts[t.id]!
                try writer.write(SitePaths.stockCSV(t.id), TerritoryCSV.stock(t, facts: facts, project: project, attribution: config.site.attribution))
                for (p, period) in project.layout.periods.enumerated() {
                    try writer.write(SitePaths.transitionsCSV(t.id, period),
                                     TerritoryCSV.transitions(t, facts: facts, periodIndex: p, project: project, attribution: config.site.attribution))
                }
                try writer.write(SitePaths.territoryXLSX(t), try TerritoryWorkbook.bytes(t, tables: tables, attribution: config.site.attribution, created: created))
                try writer.write(CompareData.path(t.id), CompareData.script(t, project: project, views: views))
                for view in views {
                    let map = mapFiles[view.millesime]!
                    let changeMap = view.period.flatMap { project.layout.periods.firstIndex(of: $0) }.flatMap { changeMaps[$0] }
                    let page = PortraitPage(project: project, territory: t, view: view, views: views, mapFile: map.path, mapSize: (map.width, map.height),
                                            changeMap: changeMap, indicators: indicators, locator: locator)
                    var c = try page.context(common: common)
                    c["explorerFile"] = ExplorerPage.file(explorer.path)
                    c["compareLink"] = "\(c["root"] as? String ?? "")comparer.html?t=\(CompareData.id(t.id))" + (view.period.map { "&p=\($0)" } ?? "")
                    c["xlsxFile"] = ExplorerPage.file(SitePaths.territoryXLSX(t))
                    try writer.write(page.path, try templates.render("portrait", c))
                    try writer.write(SitePaths.csv(t.id, view), page.csv(attribution: config.site.attribution))
                    n += 1
                }
                progress?.advance()
            }
            return n
        }
        let portraits = counts.reduce(0, +)
        var pages: [String] = []
        for t in territories {
            pages += views.map { SitePaths.portrait(t.id, $0) }
            pages.append(SitePaths.explorer(t.id))
        }
        func page(_ path: String, _ html: String) throws {
            try writer.write(path, html)
            pages.append(path)
        }
        let index = IndexPages(project: project, main: main, common: common, docs: docs, indicators: indicators)
        var levelMaps: [TerritoryLevel: [String: Any]] = [:]
        for level in levels where level != .region {
            let m = try index.mapFile(level, credit: config.site.mapCredit)
            try writer.write(m.path, m.bytes)
            levelMaps[level] = ["file": m.path, "alt": m.alt, "width": m.width, "height": m.height]
        }
        try page("index.html", try index.home(templates: templates, levelMaps: levelMaps))
        for level in levels {
            for (path, html) in try index.levelPages(level, templates: templates, map: levelMaps[level]) { try page(path, html) }
        }
        for doc in docs.docs {
            try page(SitePaths.doc(doc.slug), try docs.render(doc, common: common, templates: templates))
        }
        let nomenclature = NomenclaturePage(nomenclature: project.nomenclature, traits: project.traits)
        try page(NomenclaturePage.path, try templates.render("nomenclature", nomenclature.context(common: common)))

        // Search, comparison, downloads.
        try writer.write(SearchIndex.path, SearchIndex.script(project, main: main))
        try page("recherche.html", try templates.render("recherche", common.context(path: "recherche.html", title: "Recherche")))
        var compare = common.context(path: "comparer.html", title: "Comparer des territoires")
        compare["meta"] = CompareData.meta(project, main: main)
        compare["description"] = "Comparer l’occupation du sol de deux à quatre territoires : indicateurs clés et graphiques côte à côte."
        try page("comparer.html", try templates.render("comparer", compare))
        let downloads = DownloadsPage(project: project, tables: tables, attribution: config.site.attribution)
        let files = try downloads.writeFiles(writer: writer, levels: levels, buildDay: buildDay, created: created)
        try page(DownloadsPage.path, try downloads.render(files: files, common: common, templates: templates))

        // Publishing: 404 (not in the sitemap), sitemap, robots, assets.
        var notFound = common.context(path: "404.html", title: "Page introuvable", absoluteRoot: true)
        notFound["canonical"] = nil
        try writer.write("404.html", try templates.render("404", notFound))
        if let sitemap = Publishing.sitemap(pages: pages, baseURL: config.site.baseURL, lastModified: buildDay) {
            try writer.write("sitemap.xml", sitemap)
        }
        try writer.write("robots.txt", Publishing.robots(baseURL: config.site.baseURL))
        for (path, bytes) in assets.files { try writer.write(path, bytes) }
        return (portraits, pages.count + 1)
    }

    /// Midnight UTC of a build day ("2026-11-26").
    static func midnight(_ day: String) -> Date {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) ?? Date(timeIntervalSince1970: 0)
    }

}
