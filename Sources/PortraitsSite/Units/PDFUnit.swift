import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The PDF unit: the PDFs the project asks for (`pdf:`), drawn with Cairo into the writer's
/// staging folder. A territory's portraits (one per view the plan prints) are drawn in the render
/// job that draws its web maps, from the same map scenes (`portraits(of:)`); the print stage then
/// draws the bundles (`bundles`): a territory's portrait followed by each of its communes', main
/// view. Key: the figures and the publishing options.
package final class PDFUnit: @unchecked Sendable {
    package struct Counts: Sendable {
        package var portraits = 0, bundles = 0, pages = 0, bytes = 0

        package static func + (a: Counts, b: Counts) -> Counts {
            Counts(portraits: a.portraits + b.portraits, bundles: a.bundles + b.bundles, pages: a.pages + b.pages, bytes: a.bytes + b.bytes)
        }
    }

    let project: Project
    let store: PortraitStore
    let writer: FileSink
    let date: String
    let plan: PDFPlan
    let maps: TerritoryMaps
    let views: [PortraitView]
    private let lock = NSLock()
    private var made = Counts()

    package init(_ project: Project, portraits: PortraitStore, maps: TerritoryMaps, writer: FileSink, date: String) {
        self.project = project
        self.store = portraits
        self.maps = maps
        self.writer = writer
        self.date = date
        plan = PDFPlan(project)
        views = PortraitView.all(project.layout)
    }

    /// What was drawn so far.
    package var counts: Counts { lock.lock(); defer { lock.unlock() }; return made }

    /// Whether the project prints anything at all.
    package var printsAnything: Bool {
        views.contains(where: plan.portrait) || project.catalog.territories.values.contains { plan.bundle($0, plan.main) }
    }

    /// A territory's portrait PDFs, drawn from its scenes (the ones its web maps were drawn from).
    /// Returns how many and their bytes.
    @discardableResult
    package func portraits(of scenes: TerritoryScenes) throws -> Counts {
        var n = Counts()
        for v in views where plan.portrait(v) {
            let doc = PortraitPDF.document(printed(scenes, v))
            n = n + (try write(doc, to: SitePaths.portraitPDF(scenes.territory, v)))
            n.portraits += 1
        }
        add(n)
        return n
    }

    /// The council's report of a territory as PDF, beside its ODT, when the project prints portraits
    /// and asks for the territory's level (`rapport:`). Returns its bytes (0 without).
    package func report(of territory: Territory) throws -> Int {
        guard plan.reports, let report = TriennialReport.of(territory, project: project, portraits: store, date: date) else { return 0 }
        let n = try write(ReportPDF.document(report, site: project.config.site.title), to: SitePaths.report(territory, report.view, pdf: true))
        add(n)
        return n.bytes
    }

    /// The bundles, on every core, the largest first. Each member's portrait is laid out again
    /// from its own scenes: a bundle's pages carry the bundle's page numbers and bookmarks.
    package func bundles(threads: Int = defaultThreadCount(), progress makeProgress: (Int) -> Progress? = { _ in nil }) throws {
        let parents = project.catalog.sorted.filter { plan.bundle($0, plan.main) }
            .sorted { ($0.communeIndices.count, $1.id) > ($1.communeIndices.count, $0.id) }
        guard !parents.isEmpty else { return }
        // Progress counts portraits drawn: a bundle counts its territory and each of its communes.
        let progress = makeProgress(parents.reduce(0) { $0 + $1.communeIndices.count + 1 })
        defer { progress?.finish() }
        let chunks = max(1, min(parents.count, threads * 8))
        let counts: [Counts] = try parallelMap(count: chunks) { chunk in
            var n = Counts()
            for (k, t) in parents.enumerated() where k % chunks == chunk {
                let communes = t.communeIndices.compactMap { project.catalog[TerritoryID(.commune, project.catalog.communes[$0].code)] }
                    .sorted { (Self.collationKey($0.name), $0.id.code) < (Self.collationKey($1.name), $1.id.code) }
                let doc = PortraitPDF.bundle(printed(TerritoryScenes(t, maps: maps), plan.main),
                                             members: communes.map { printed(TerritoryScenes($0, maps: maps), plan.main) })
                n = n + (try write(doc, to: SitePaths.bundlePDF(t, plan.main)))
                n.bundles += 1
                progress?.advance(t.communeIndices.count + 1)
            }
            return n
        }
        add(counts.reduce(Counts(), +))
    }

    private func printed(_ scenes: TerritoryScenes, _ v: PortraitView) -> PrintedPortrait {
        PrintedPortrait(project: project, portrait: store.portrait(scenes.territory.id, v)!, scenes: scenes, date: date)
    }

    private func write(_ doc: DocumentSpec, to path: String) throws -> Counts {
        let bytes = try CairoRenderer.pdf(doc)
        try writer.write(path, bytes)
        return Counts(pages: doc.pages.count, bytes: bytes.count)
    }

    private func add(_ n: Counts) {
        lock.lock()
        made = made + n
        lock.unlock()
    }

    static func collationKey(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }
}
