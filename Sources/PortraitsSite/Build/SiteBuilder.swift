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

    /// `pdf: false` skips the printable PDFs whatever the project file says (`--no-pdf`).
    public static func build(configPath: String, output: String? = nil, quiet: Bool = false, pdf: Bool = true) throws -> Summary {
        var config = try ProjectConfig.load(path: configPath)
        if !pdf { config.pdf = .none }
        let reporter = StageReporter(total: 7, quiet: quiet)
        let project = try ProjectLoader.load(config: config, reporter: reporter)
        let date = PortraitPDF.buildDate()
        let indicators = try reporter.run("compute") { () -> (IndicatorStore, String) in
            let store = try IndicatorStore(project: project)
            return (store, "headline indicators of \(project.facts.count) territories × \(project.layout.periods.count) periods")
        }
        let writer = try OutputWriter(destination: output ?? config.output)
        do {
            let (portraits, pages) = try reporter.run("render") { () -> ((Int, Int), String) in
                let progress = reporter.progress("render", unit: "territories", total: project.catalog.territories.count)
                defer { progress.finish() }
                let counts = try render(project, indicators: indicators, writer: writer, progress: progress)
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

    /// Renders every page and file into the writer's staging folder.
    static func render(_ project: Project, indicators: IndicatorStore, writer: OutputWriter, progress: Progress? = nil) throws -> (portraits: Int, pages: Int) {
        let config = project.config
        let templates = try TemplateSet(folder: config.templates)
        let docs = try DocPages(folder: config.content)
        let levels = TerritoryLevel.allCases.filter { !project.catalog.all($0).isEmpty }
        let common = CommonContext(siteTitle: config.site.title, notices: config.site.notices, attribution: config.site.attribution,
                                   levels: levels, docs: docs.docs.filter { $0.document.order < 10 }.map { ($0.slug, $0.document.title) },
                                   allDocs: docs.docs.map { ($0.slug, $0.document.title) }, baseURL: config.site.baseURL)
        let views = PortraitView.all(project.layout)
        let maps = TerritoryMaps(project: project)
        let territories = project.catalog.sorted
        let mapYears = Array(Set(views.map(\.millesime))).sorted()

        // Largest territories first so that the région's map does not finish last on one core.
        let order = territories.indices.sorted { (territories[$0].communeIndices.count, territories[$1].id) > (territories[$1].communeIndices.count, territories[$0].id) }
        let chunks = max(1, min(order.count, defaultThreadCount() * 8))
        let counts: [Int] = try parallelMap(count: chunks) { chunk in
            var n = 0
            for (k, ti) in order.enumerated() where k % chunks == chunk {
                let t = territories[ti]
                var mapFiles: [Int: (String, (Double, Double))] = [:]
                for year in mapYears {
                    let input = maps.input(for: t, millesime: year, source: "Millésime \(year) · \(config.site.mapCredit)")
                    let scene = LandCoverMap.scene(input)
                    let raster = maps.vertexCount(input) > TerritoryMaps.rasterThreshold
                    let path = SitePaths.map(t.id, millesime: year, raster: raster)
                    try writer.write(path, raster ? try CairoRenderer.png(scene, scale: 1.5)
                                                  : SVGTitle.titled(try CairoRenderer.svg(scene), "Occupation du sol de \(t.name) en \(year)"))
                    mapFiles[year] = (path, (scene.width, scene.height))
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
                let locator = try maps.locator(for: t).map { (svg: try CairoRenderer.svg($0.scene), title: $0.title) }
                let facts = project.facts[t.id]!
                try writer.write(SitePaths.stockCSV(t.id), TerritoryCSV.stock(t, facts: facts, project: project, attribution: config.site.attribution))
                for (p, period) in project.layout.periods.enumerated() {
                    try writer.write(SitePaths.transitionsCSV(t.id, period),
                                     TerritoryCSV.transitions(t, facts: facts, periodIndex: p, project: project, attribution: config.site.attribution))
                }
                for view in views {
                    let (mapPath, mapSize) = mapFiles[view.millesime]!
                    let changeMap = view.period.flatMap { project.layout.periods.firstIndex(of: $0) }.flatMap { changeMaps[$0] }
                    let page = PortraitPage(project: project, territory: t, view: view, views: views, mapFile: mapPath, mapSize: mapSize,
                                            changeMap: changeMap, indicators: indicators, locator: locator)
                    try writer.write(page.path, try templates.render("portrait", try page.context(common: common)))
                    try writer.write(SitePaths.csv(t.id, view), page.csv(attribution: config.site.attribution))
                    n += 1
                }
                progress?.advance()
            }
            return n
        }
        let portraits = counts.reduce(0, +)
        var pages = portraits
        let index = IndexPages(project: project, main: PortraitView.main(views), common: common)
        try writer.write("index.html", try index.home(templates: templates))
        pages += 1
        for level in levels {
            try writer.write(SitePaths.levelIndex(level), try index.levelIndex(level, templates: templates))
            pages += 1
        }
        for doc in docs.docs {
            try writer.write(SitePaths.doc(doc.slug), try docs.render(doc, common: common, templates: templates))
            pages += 1
        }
        try copyAssets(from: config.templates, writer: writer)
        return (portraits, pages)
    }

    /// Copies `Templates/assets/` (stylesheet, images) to `assets/`.
    static func copyAssets(from templates: String, writer: OutputWriter) throws {
        let folder = (templates as NSString).appendingPathComponent("assets")
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else {
            throw InputError(folder, "the assets folder (with style.css) is missing")
        }
        for name in names.sorted() where SafeCode.isValid(name) {
            guard let data = fm.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { continue }
            try writer.write("assets/\(name)", [UInt8](data))
        }
    }
}
