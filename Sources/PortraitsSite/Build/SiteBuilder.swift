import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

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
        /// Files linked unchanged from the previous output.
        public var unchanged: Int = 0
        /// Nothing changed since the last build: nothing was written.
        public var upToDate = false
    }

    /// A project loaded, tabulated, with its indicators and portraits computed: what a re-render needs.
    public struct Loaded: Sendable {
        public let project: Project
        public let indicators: IndicatorStore
        public let portraits: PortraitStore
    }

    /// `pdf: false` skips the printable PDFs whatever the project file says (`--no-pdf`);
    /// `baseURL` replaces the project's `site.base_url` (`--base-url`); `facts` merges shards'
    /// facts files instead of tabulating (`--facts`); `cache: false` keeps no build state
    /// (`--no-cache`). With a build state, a build whose inputs, templates, content and code did
    /// not change since the last build of the same output folder writes nothing.
    public static func build(configPath: String, output: String? = nil, quiet: Bool = false, pdf: Bool = true,
                             baseURL: String? = nil, facts: [String] = [], cache: Bool = true) throws -> Summary {
        let reporter = StageReporter(BuildStage.build, quiet: quiet)
        let config = try configure(configPath: configPath, pdf: pdf, baseURL: baseURL)
        let folder = cache ? config.cacheFolder : nil
        // Before any data is read: the output is ours (or new), writable, with room, and locked.
        let target = try OutputTarget(output: output ?? config.output, config: config)
        if let folder, let summary = try upToDate(config, folder: folder, output: target.path, shards: facts, reporter: reporter) {
            return summary
        }
        let source: ProjectLoader.FactsSource = !facts.isEmpty ? .shards(facts) : folder.map { .cache(folder: $0) } ?? .none
        let loaded = try load(config: config, facts: source, reporter: reporter)
        return try write(loaded, target: target, reporter: reporter, cacheFolder: folder, shards: facts)
    }

    package static func configure(configPath: String, pdf: Bool, baseURL: String?) throws -> ProjectConfig {
        var config = try ProjectConfig.load(path: configPath)
        if !pdf { config.pdf = .none }
        if let baseURL { config.site.baseURL = baseURL }
        return config
    }

    /// Stages load, tabulate, aggregate, compute.
    public static func load(configPath: String, pdf: Bool = true, baseURL: String? = nil, reporter: StageReporter) throws -> Loaded {
        let config = try configure(configPath: configPath, pdf: pdf, baseURL: baseURL)
        return try load(config: config, facts: config.cacheFolder.map { .cache(folder: $0) } ?? .none, reporter: reporter)
    }

    package static func load(config: ProjectConfig, facts: ProjectLoader.FactsSource, reporter: StageReporter) throws -> Loaded {
        let project = try ProjectLoader.load(config: config, reporter: reporter, facts: facts)
        let (indicators, portraits) = try reporter.run(.compute) { () -> ((IndicatorStore, PortraitStore), String) in
            let store = try IndicatorStore(project: project)
            let portraits = try PortraitStore(project: project, indicators: store)
            return ((store, portraits), "headline indicators of \(project.facts.count) territories × \(project.layout.periods.count) periods, \(portraits.count) portraits")
        }
        return Loaded(project: project, indicators: indicators, portraits: portraits)
    }

    /// The day printed on PDFs, workbooks and the sitemap: SOURCE_DATE_EPOCH's when set, else the
    /// day the figures were tabulated (so that building again another day changes nothing).
    package static func buildDay(factsDay: String) -> String {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil ? BuildDay.today() : factsDay
    }

    /// The key of a whole build of `output`.
    package static func buildKey(_ keys: BuildKeys, output: String) -> String {
        ContentHash.of(["build-1", keys.data, keys.templates, keys.content, keys.publishing, FileSystem.absolute(output)])
    }

    /// The facts key parts that shards add to the data key (their files' bytes).
    package static func shardParts(_ shards: [String], state: BuildState) throws -> [String] {
        try shards.map { try state.hash($0) }
    }

    /// A summary when nothing changed since the last build of `output` (nothing is written), else nil.
    package static func upToDate(_ config: ProjectConfig, folder: String, output: String, shards: [String], reporter: StageReporter) throws -> Summary? {
        let start = DispatchTime.now().uptimeNanoseconds
        let state = try BuildState(folder: folder)
        let dest = FileSystem.absolute(output)
        guard let last = try state.lastBuild(output: dest) else { return nil }
        let factsKey = try BuildKeys.facts(config, state: state)
        let header = shards.isEmpty ? try? FactsStore.header((folder as NSString).appendingPathComponent("facts.sqlite")) : nil
        let factsDay = shards.isEmpty ? (header?.key == factsKey ? header!.day : BuildDay.today())
                                      : (try shards.compactMap { try FactsStore.header($0)?.day }.max() ?? BuildDay.today())
        let keys = try BuildKeys.compute(config, state: state, buildDay: buildDay(factsDay: factsDay), extraFacts: try shardParts(shards, state: state))
        guard last == buildKey(keys, output: dest) else { return nil }
        let units = try state.units(output: dest)
        var files = 0, bytes = 0
        for u in units.values {
            for f in u.files {
                var st = stat()
                guard stat((dest as NSString).appendingPathComponent(f), &st) == 0 else { return nil }
                files += 1
                bytes += Int(st.st_size)
            }
        }
        var st = stat()
        if stat((dest as NSString).appendingPathComponent(OutputWriter.marker), &st) == 0 {
            files += 1
            bytes += Int(st.st_size)
        }
        let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if !reporter.quiet {
            reporter.log("Nothing changed since the last build of \(dest) (inputs, templates, content, code): nothing written (\(String(format: "%.2f", s)) s).")
        }
        return Summary(portraits: 0, pages: 0, files: files, bytes: bytes, stages: [], output: dest, upToDate: true)
    }

    /// Stages render, print, write: the whole site into a staging folder, then swapped in. With a
    /// cache folder, units of output whose key did not change are linked from the previous output.
    /// `target` is the checked and locked output folder (the project's `output` when nil); its lock
    /// is released when the site is written or the build fails.
    public static func write(_ loaded: Loaded, target given: OutputTarget? = nil, reporter: StageReporter,
                             cacheFolder: String? = nil, shards: [String] = []) throws -> Summary {
        let project = loaded.project, indicators = loaded.indicators, portraits = loaded.portraits
        let date = buildDay(factsDay: project.factsDay)
        let target = try given ?? OutputTarget(output: project.config.output, config: project.config)
        defer { target.unlock() }
        let writer = try OutputWriter(destination: target.path)
        let dest = writer.destination.path
        do {
            let state = try cacheFolder.map { try BuildState(folder: $0) }
            let keys = try state.map { try BuildKeys.compute(project.config, state: $0, buildDay: date, extraFacts: try shardParts(shards, state: $0)) }
            // Forgotten until the new site is in place: a build killed in between is not "up to date".
            try state?.forget(output: dest)
            let units = UnitCache(writer: writer, keys: keys, previous: try state?.units(output: dest) ?? [:])
            // The PDFs are one unit: the portraits are drawn by the render stage with their
            // territory's web maps, the bundles by the print stage.
            let pdfKey = units.key("pdf", publishing: true)
            let pdfReused = try units.reuse("pdf", key: pdfKey)
            let printing = pdfReused == nil ? PrintStage(project, portraits: portraits, maps: TerritoryMaps(project: project),
                                                         writer: writer.unit("pdf"), date: date) : nil
            let (portraitCount, pages) = try reporter.run(.render) { () -> ((Int, Int), String) in
                let progress = reporter.progress(.render, unit: "territories", total: project.catalog.territories.count)
                defer { progress.finish() }
                let counts = try render(project, indicators: indicators, portraits: portraits, writer: writer, progress: progress, buildDay: date,
                                        units: units, printing: printing)
                let reused = units.reused.filter { $0 != "pdf" }
                let pdfs = printing.map(\.counts.portraits) ?? 0
                return (counts, "\(counts.0) portraits, \(counts.1) pages, \(writer.fileCount) files, \(writer.byteCount / 1_000_000) MB"
                            + (pdfs > 0 ? " (with \(pdfs) portrait PDFs)" : "")
                            + (reused.isEmpty ? "" : "; reused: \(reused.joined(separator: ", "))")
                            + (writer.unchangedCount > 0 ? "; \(writer.unchangedCount) files unchanged" : ""))
            }
            try reporter.run(.print) { () -> (Void, String) in
                guard let printing else { return ((), "reused: \(String(decoding: pdfReused ?? [], as: UTF8.self))") }
                try units.measure("pdf") {
                    try printing.bundles { total in reporter.progress(.print, unit: "portraits", total: total) }
                }
                let n = printing.counts
                let detail = n.portraits + n.bundles == 0 ? "no PDF (pdf: none)"
                    : "\(n.portraits) portrait PDFs, \(n.bundles) bundles, \(n.pages) pages, \(n.bytes / 1_000_000) MB"
                units.made("pdf", key: pdfKey, meta: Array(detail.utf8))
                return ((), detail)
            }
            if !reporter.quiet { units.costLines().forEach(reporter.log) }
            try reporter.run(.write) { () -> (Void, String) in
                try writer.commit()
                if let state, let keys { try state.record(output: dest, key: buildKey(keys, output: dest), units: units.produced) }
                return ((), writer.destination.path)
            }
            return Summary(portraits: portraitCount, pages: pages, files: writer.fileCount, bytes: writer.byteCount,
                           stages: reporter.stages, output: writer.destination.path, unchanged: writer.unchangedCount)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Renders every page and file into the writer's staging folder: per territory (in parallel)
    /// its maps, explorer, portraits, downloads and compare data, and with `printing` its portrait
    /// PDFs, all from the same map scenes; then the site-wide pages. Units whose key did not change
    /// are linked from the previous output instead (`units`).
    package static func render(_ project: Project, indicators: IndicatorStore, portraits: PortraitStore, writer: OutputWriter, progress: Progress? = nil,
                       buildDay: String = BuildDay.today(), units given: UnitCache? = nil, printing: PrintStage? = nil) throws -> (portraits: Int, pages: Int) {
        let units = given ?? UnitCache(writer: writer, keys: nil, previous: [:])
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
        let tables = DownloadTables(project: project, store: indicators)
        let created = Self.midnight(buildDay)
        // What every page shows of the documentation: its titles (the menu), not its text.
        let nav = ContentHash.of(allDocs.map { "\($0.0)=\($0.1)" } + navDocs.map(\.0))

        let mapsKey = units.key("maps"), pagesKey = units.key("territory-pages", templates: true, nav: nav, publishing: true)
        let cachedMaps = try units.reuse("maps", key: mapsKey).map { try JSONDecoder().decode([String: TerritoryMapsMeta].self, from: Data($0)) }
        let pagesReused = try units.reuse("territory-pages", key: pagesKey) != nil
        let mapsOut = writer.unit("maps"), pagesOut = writer.unit("territory-pages")

        // Largest territories first so that the région's map does not finish last on one core.
        let order = territories.indices.sorted { (territories[$0].communeIndices.count, territories[$1].id) > (territories[$1].communeIndices.count, territories[$0].id) }
        let chunks = max(1, min(order.count, defaultThreadCount() * 8))
        let printing = printing.flatMap { $0.printsAnything ? $0 : nil }
        let drawn: [[(String, TerritoryMapsMeta)]] = cachedMaps != nil && pagesReused && printing == nil ? [] : try parallelMap(count: chunks) { chunk in
            var made: [(String, TerritoryMapsMeta)] = []
            for (k, ti) in order.enumerated() where k % chunks == chunk {
                let t = territories[ti]
                // Each map of the territory laid out once, for its web files and its printed portraits.
                let scenes = TerritoryScenes(t, maps: maps)
                let meta = try cachedMaps?[CompareData.id(t.id)] ?? units.measure("maps") {
                    try drawMaps(scenes, project: project, years: mapYears, writer: mapsOut)
                }
                if cachedMaps == nil { made.append((CompareData.id(t.id), meta)) }
                if !pagesReused {
                    try units.measure("territory-pages") {
                        try renderTerritory(scenes, meta: meta, project: project, indicators: indicators, portraits: portraits, views: views, main: main,
                                            tables: tables, created: created, common: common, templates: templates, writer: pagesOut, units: units)
                    }
                }
                if let printing {
                    // Timed apart too: the benchmark gives the PDFs' speed.
                    let bytes = try units.measure("pdf") { try units.measure("portrait-pdf") { try printing.portraits(of: scenes) } }
                    units.count("portrait-pdf", bytes: bytes)
                }
                progress?.advance()
            }
            return made
        }
        if cachedMaps == nil {
            let all = Dictionary(drawn.flatMap { $0 }, uniquingKeysWith: { a, _ in a })
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            units.made("maps", key: mapsKey, meta: Array(try encoder.encode(all)))
        } else if pagesReused && printing == nil {
            progress?.advance(territories.count)
        }
        if !pagesReused { units.made("territory-pages", key: pagesKey) }

        let index = IndexPages(project: project, main: main, common: common, docs: docs, indicators: indicators)

        // Level maps and downloads depend on the figures only.
        let levelMapsKey = units.key("level-maps")
        var levelMaps: [TerritoryLevel: LevelMapFile] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        if let meta = try units.reuse("level-maps", key: levelMapsKey),
           let json = try? JSONDecoder().decode([String: LevelMapFile].self, from: Data(meta)) {
            for (k, v) in json { if let level = TerritoryLevel(rawValue: k) { levelMaps[level] = v } }
        } else {
            let out = writer.unit("level-maps")
            try units.measure("level-maps") {
                for level in levels where level != .region {
                    let m = try index.mapFile(level, credit: config.site.mapCredit)
                    try out.write(m.path, m.bytes)
                    levelMaps[level] = LevelMapFile(file: m.path, alt: m.alt, width: m.width, height: m.height)
                }
            }
            let json = Dictionary(uniqueKeysWithValues: levelMaps.map { ($0.key.rawValue, $0.value) })
            units.made("level-maps", key: levelMapsKey, meta: Array(try encoder.encode(json)))
        }
        let downloads = DownloadsPage(project: project, tables: tables, attribution: config.site.attribution)
        let downloadsKey = units.key("downloads")
        let files: DownloadsPage.Files
        if let meta = try units.reuse("downloads", key: downloadsKey), let json = try? JSONDecoder().decode(DownloadsPage.Files.self, from: Data(meta)) {
            files = json
        } else {
            files = try units.measure("downloads") {
                try downloads.writeFiles(writer: writer.unit("downloads"), levels: levels, buildDay: buildDay, created: created)
            }
            units.made("downloads", key: downloadsKey, meta: Array(try encoder.encode(files)))
        }

        // The site's own pages: home, levels, documentation, search, comparison, publishing.
        let out = writer.unit("site")
        let siteKey = units.key("site", templates: true, content: true, publishing: true)
        if try units.reuse("site", key: siteKey) == nil {
            try units.measure("site") {
                try out.write("index.html", try index.home(templates: templates, levelMaps: levelMaps))
                for level in levels {
                    for (path, html) in try index.levelPages(level, templates: templates, map: levelMaps[level]) { try out.write(path, html) }
                }
                for doc in docs.docs {
                    try out.write(SitePaths.doc(doc.slug), try docs.render(doc, common: common, templates: templates))
                }
                let nomenclature = NomenclaturePage(nomenclature: project.nomenclature, traits: project.traits)
                try out.write(NomenclaturePage.path, try nomenclature.html(common: common, templates: templates))

                try out.write(SearchIndex.path, SearchIndex.script(project, main: main))
                try out.write("recherche.html", try SitePages.search(common: common, templates: templates))
                try out.write("comparer.html", try SitePages.compare(common: common, templates: templates, project: project, main: main))
                try out.write(DownloadsPage.path, try downloads.render(files: files, common: common, templates: templates))

                // Publishing: 404 (not in the sitemap), sitemap, robots, assets.
                try out.write("404.html", try SitePages.notFound(common: common, templates: templates))
                if let sitemap = Publishing.sitemap(pages: pages(writer), baseURL: config.site.baseURL, lastModified: buildDay) {
                    try out.write("sitemap.xml", sitemap)
                }
                try out.write("robots.txt", Publishing.robots(baseURL: config.site.baseURL))
                for (path, bytes) in assets.files { try out.write(path, bytes) }
            }
            units.made("site", key: siteKey)
        }
        return (territories.count * views.count, pages(writer).count + 1)
    }

    /// The site's pages, for the sitemap: every HTML file of the territory pages and of the site's
    /// own pages written (or linked unchanged) so far, but the 404 page.
    static func pages(_ writer: OutputWriter) -> [String] {
        (writer.files(of: "territory-pages").files + writer.files(of: "site").files).filter { $0.hasSuffix(".html") && $0 != "404.html" }
    }

    /// A territory's maps: land cover at every millésime, changes of every period, the explorer's overlays.
    package static func drawMaps(_ scenes: TerritoryScenes, project: Project, years: [Int], writer: FileSink) throws -> TerritoryMapsMeta {
        let t = scenes.territory
        var meta = TerritoryMapsMeta()
        for year in years {
            let (scene, raster) = { m in (m.scene, m.raster) }(scenes.landCover(year))
            let path = SitePaths.map(t.id, millesime: year, raster: raster)
            try writer.write(path, raster ? try CairoRenderer.png(scene, scale: 1.5)
                                          : SVGTitle.titled(try CairoRenderer.svg(scene), "Occupation du sol de \(t.name) en \(year)"))
            meta.maps[year] = MapFile(path: path, width: scene.width, height: scene.height).meta
        }
        for (p, period) in project.layout.periods.enumerated() {
            let (scene, raster) = { m in (m.scene, m.raster) }(scenes.changes(p))
            let path = SitePaths.changeMap(t.id, period, raster: raster)
            try writer.write(path, raster ? try CairoRenderer.png(scene, scale: 1.5)
                                          : SVGTitle.titled(try CairoRenderer.svg(scene), "Changements d’occupation du sol de \(t.name), \(period.label)"))
            meta.changes[p] = MapFile(path: path, width: scene.width, height: scene.height).meta
        }
        // The explorer's extra layers, in the same frame as the maps.
        let anyMap = meta.maps[years.last!]!
        for (i, layer) in project.extraLayers.enumerated() {
            guard let o = ExplorerPage.overlay(layer, territory: t, project: project, mapSize: (anyMap.width, anyMap.height)) else { continue }
            let raster = o.vertices > TerritoryMaps.rasterThreshold
            let path = SitePaths.overlay(t.id, layer, raster: raster)
            try writer.write(path, raster ? try CairoRenderer.png(o.scene, scale: 1.5)
                                          : SVGTitle.titled(try CairoRenderer.svg(o.scene), "\(layer.name) : \(t.name)"))
            meta.overlays.append(.init(layer: i, path: path, categories: o.categories))
        }
        return meta
    }

    /// A territory's pages and files: explorer, portraits and their CSV, tables, workbook, compare data.
    package static func renderTerritory(_ scenes: TerritoryScenes, meta: TerritoryMapsMeta, project: Project, indicators: IndicatorStore, portraits: PortraitStore,
                                views: [PortraitView], main: PortraitView, tables: DownloadTables, created: Date,
                                common: CommonContext, templates: TemplateSet, writer: FileSink, units: UnitCache) throws {
        let config = project.config, t = scenes.territory
        let mapFiles = meta.maps.mapValues(MapFile.init)
        let changeMaps = meta.changes.mapValues(MapFile.init)
        let overlays = meta.overlays.map { (layer: project.extraLayers[$0.layer], path: $0.path, categories: $0.categories) }
        let explorer = ExplorerPage(project: project, territory: t, main: main, maps: mapFiles, changeMaps: changeMaps, overlays: overlays, indicators: indicators, portraits: portraits)
        try writer.write(explorer.path, try explorer.html(common: common, templates: templates))

        let locator = try scenes.locator.map { (svg: try CairoRenderer.svg($0.scene), title: $0.title) }
        let facts = project.facts[t.id]!
        try writer.write(SitePaths.stockCSV(t.id), TerritoryCSV.stock(t, facts: facts, project: project))
        for (p, period) in project.layout.periods.enumerated() {
            try writer.write(SitePaths.transitionsCSV(t.id, period), TerritoryCSV.transitions(t, facts: facts, periodIndex: p, project: project))
        }
        try writer.write(SitePaths.csvMetadata(t.id), try TerritoryCSV.metadata(t, views: views, project: project, attribution: config.site.attribution))
        try writer.write(SitePaths.territoryXLSX(t), try TerritoryWorkbook.bytes(t, tables: tables, attribution: config.site.attribution, created: created))
        try writer.write(CompareData.path(t.id), CompareData.script(t, project: project, indicators: indicators, views: views))
        for view in views {
            let map = mapFiles[view.millesime]!
            let changeMap = view.period.flatMap { project.layout.periods.firstIndex(of: $0) }.flatMap { changeMaps[$0] }
            let page = PortraitPage(project: project, portrait: portraits.portrait(t.id, view)!, views: views, mapFile: map.path,
                                    mapSize: (map.width, map.height), changeMap: changeMap, locator: locator)
            // The portrait itself (HTML with its inline SVG charts) is timed apart: the benchmark compares it with Hugo.
            let html = try units.measure("portrait-html") {
                try page.html(common: common, templates: templates, explorer: explorer.path, workbook: SitePaths.territoryXLSX(t))
            }
            units.count("portrait-html", bytes: html.utf8.count)
            try writer.write(page.path, html)
            try writer.write(SitePaths.csv(t.id, view), PortraitCSV.bytes(page.portrait))
        }
    }

    /// Midnight UTC of a build day ("2026-11-26").
    package static func midnight(_ day: String) -> Date {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) ?? Date(timeIntervalSince1970: 0)
    }

}
