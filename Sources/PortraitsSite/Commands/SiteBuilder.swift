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

    /// `pdf: false` skips the printable PDFs whatever the project file says (`--no-pdf`); `report:
    /// false` the council's reports (`--no-rapport`);
    /// `baseURL` replaces the project's `site.base_url` (`--base-url`); `facts` merges shards'
    /// facts files instead of tabulating (`--facts`); `cache: false` keeps no build state
    /// (`--no-cache`). With a build state, a build whose inputs, templates, content and code did
    /// not change since the last build of the same output folder writes nothing.
    public static func build(configPath: String, output: String? = nil, quiet: Bool = false, pdf: Bool = true,
                             baseURL: String? = nil, facts: [String] = [], cache: Bool = true, report: Bool = true) throws -> Summary {
        let reporter = StageReporter(BuildStage.build, quiet: quiet)
        let config = try configure(configPath: configPath, pdf: pdf, baseURL: baseURL, report: report)
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

    package static func configure(configPath: String, pdf: Bool, baseURL: String?, report: Bool = true) throws -> ProjectConfig {
        var config = try ProjectConfig.load(path: configPath)
        if !pdf { config.pdf = .none }
        if !report { config.report = [] }
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
            // territory's web maps, the atlases by the print stage.
            let pdfKey = units.key(.pdf)
            let pdfReused = try units.reuse(.pdf, key: pdfKey)
            let printing = pdfReused == nil ? PDFUnit(project, portraits: portraits, maps: TerritoryMaps(project: project),
                                                      writer: writer.unit(OutputUnit.pdf.rawValue), date: date) : nil
            let (portraitCount, pages) = try reporter.run(.render) { () -> ((Int, Int), String) in
                let progress = reporter.progress(.render, unit: "territories", total: project.catalog.territories.count)
                defer { progress.finish() }
                let counts = try render(project, indicators: indicators, portraits: portraits, writer: writer, progress: progress, buildDay: date,
                                        units: units, printing: printing)
                let reused = units.reused.filter { $0 != .pdf }.map(\.rawValue)
                let pdfs = printing.map(\.counts.portraits) ?? 0
                return (counts, "\(counts.0) portraits, \(counts.1) pages, \(writer.fileCount) files, \(writer.byteCount / 1_000_000) MB"
                            + (pdfs > 0 ? " (with \(pdfs) portrait PDFs)" : "")
                            + (reused.isEmpty ? "" : "; reused: \(reused.joined(separator: ", "))")
                            + (writer.unchangedCount > 0 ? "; \(writer.unchangedCount) files unchanged" : ""))
            }
            try reporter.run(.print) { () -> (Void, String) in
                guard let printing else { return ((), "reused: \(String(decoding: pdfReused ?? [], as: UTF8.self))") }
                try units.measure(.pdf) {
                    try printing.atlases { total in reporter.progress(.print, unit: "portraits", total: total) }
                }
                let n = printing.counts
                let detail = n.portraits + n.atlases == 0 ? "no PDF (pdf: none)"
                    : "\(n.portraits) portrait PDFs, \(n.atlases) atlases, \(n.pages) pages, \(n.bytes / 1_000_000) MB"
                units.made(.pdf, key: pdfKey, meta: Array(detail.utf8))
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

    /// Renders every page and file into the writer's staging folder, unit by unit (`OutputUnit`):
    /// per territory (in parallel) its maps, its pages and files, and with `printing` its portrait
    /// PDFs, all from the same map scenes; then the level maps, the downloads and the site's own
    /// pages. Units whose key did not change are linked from the previous output instead (`units`).
    package static func render(_ project: Project, indicators: IndicatorStore, portraits: PortraitStore, writer: OutputWriter, progress: Progress? = nil,
                       buildDay: String = BuildDay.today(), units given: UnitCache? = nil, printing: PDFUnit? = nil) throws -> (portraits: Int, pages: Int) {
        let units = given ?? UnitCache(writer: writer, keys: nil, previous: [:])
        let context = try RenderContext(project: project, indicators: indicators, portraits: portraits, buildDay: buildDay)
        let territories = project.catalog.sorted

        let mapsKey = units.key(.maps), pagesKey = units.key(.territoryPages, nav: context.navigation)
        let cachedMaps = try units.reuse(.maps, key: mapsKey).map { try JSONDecoder().decode([String: TerritoryMapsMeta].self, from: Data($0)) }
        let pagesReused = try units.reuse(.territoryPages, key: pagesKey) != nil
        let mapsOut = writer.unit(OutputUnit.maps.rawValue), pagesOut = writer.unit(OutputUnit.territoryPages.rawValue)
        let printing = printing.flatMap { $0.printsAnything ? $0 : nil }

        // Largest territories first so that the région's map does not finish last on one core.
        let order = territories.indices.sorted { (territories[$0].communeIndices.count, territories[$1].id) > (territories[$1].communeIndices.count, territories[$0].id) }
        let chunks = max(1, min(order.count, defaultThreadCount() * 8))
        let drawn: [[(String, TerritoryMapsMeta)]] = cachedMaps != nil && pagesReused && printing == nil ? [] : try parallelMap(count: chunks) { chunk in
            var made: [(String, TerritoryMapsMeta)] = []
            for (k, ti) in order.enumerated() where k % chunks == chunk {
                let t = territories[ti]
                // Each map of the territory laid out once, for its web files and its printed portraits.
                let scenes = TerritoryScenes(t, maps: context.maps)
                let meta = try cachedMaps?[CompareData.id(t.id)] ?? units.measure(.maps) {
                    try MapsUnit.draw(scenes, project: project, writer: mapsOut)
                }
                if cachedMaps == nil { made.append((CompareData.id(t.id), meta)) }
                if !pagesReused {
                    try units.measure(.territoryPages) {
                        try TerritoryPagesUnit.render(scenes, maps: meta, context: context, writer: pagesOut, units: units)
                    }
                }
                if let printing {
                    // Timed apart too: the benchmark gives the PDFs' speed.
                    let n = try units.measure(.pdf) { try units.measure("portrait-pdf") { try printing.portraits(of: scenes) } }
                    units.count("portrait-pdf", items: n.portraits, bytes: n.bytes)
                    let r = try units.measure(.pdf) { try units.measure("rapport-pdf") { try printing.report(of: t) } }
                    if r > 0 { units.count("rapport-pdf", bytes: r) }
                }
                progress?.advance()
            }
            return made
        }
        if cachedMaps == nil {
            let all = Dictionary(drawn.flatMap { $0 }, uniquingKeysWith: { a, _ in a })
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            units.made(.maps, key: mapsKey, meta: Array(try encoder.encode(all)))
        } else if pagesReused && printing == nil {
            progress?.advance(territories.count)
        }
        if !pagesReused { units.made(.territoryPages, key: pagesKey) }

        let index = IndexPages(project: project, main: context.main, common: context.common, docs: context.docs, indicators: indicators)
        let levelMaps = LevelMapsUnit.byLevel(try units.produce(.levelMaps) {
            try LevelMapsUnit.make(index, context: context, writer: writer.unit(OutputUnit.levelMaps.rawValue))
        })
        let downloads = DownloadsPage(project: project, tables: context.tables, attribution: project.config.site.attribution)
        let files = try units.produce(.downloads) {
            try DownloadsUnit.make(downloads, context: context, writer: writer.unit(OutputUnit.downloads.rawValue))
        }
        let siteKey = units.key(.site)
        if try units.reuse(.site, key: siteKey) == nil {
            try units.measure(.site) {
                try SitePagesUnit.write(context: context, index: index, levelMaps: levelMaps, downloads: downloads, files: files, output: writer)
            }
            units.made(.site, key: siteKey)
        }
        return (territories.count * context.views.count, SitePagesUnit.pages(writer).count + 1)
    }
}
