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
/// draws the atlases (`atlases`): a group's cover and summary, its portrait, a fiche per member.
/// Key: the figures and the publishing options.
package final class PDFUnit: @unchecked Sendable {
    package struct Counts: Sendable {
        package var portraits = 0, atlases = 0, pages = 0, bytes = 0

        package static func + (a: Counts, b: Counts) -> Counts {
            Counts(portraits: a.portraits + b.portraits, atlases: a.atlases + b.atlases, pages: a.pages + b.pages, bytes: a.bytes + b.bytes)
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
        views.contains(where: plan.portrait) || project.catalog.territories.values.contains { t in plan.atlasViews.contains { plan.atlas(t, $0) } }
    }

    /// A territory's portrait PDFs, drawn from its scenes (the ones its web maps were drawn from).
    /// A map drawn as an image in several of its views (the last millésime's) is drawn once
    /// (`CairoRenderer.reusingRasters`). Returns how many and their bytes.
    @discardableResult
    package func portraits(of scenes: TerritoryScenes) throws -> Counts {
        var n = Counts()
        try CairoRenderer.reusingRasters {
            for v in views where plan.portrait(v) {
                let doc = PortraitPDF.document(printed(scenes, v))
                n = n + (try write(doc, to: SitePaths.portraitPDF(scenes.territory, v)))
                n.portraits += 1
            }
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

    /// The atlases, on every core, the largest first. Each member's fiche is laid out from its own
    /// scenes (maps drawn again: an atlas's pages carry its page numbers and bookmarks).
    package func atlases(threads: Int = defaultThreadCount(), progress makeProgress: (Int) -> Progress? = { _ in nil }) throws {
        let jobs = project.catalog.sorted.flatMap { t in plan.atlasViews.filter { plan.atlas(t, $0) }.map { (t, $0) } }
            .sorted { ($0.0.children.count, $1.0.id) > ($1.0.children.count, $0.0.id) }
        guard !jobs.isEmpty else { return }
        // Progress counts portraits and fiches drawn: an atlas counts its group and each member.
        let progress = makeProgress(jobs.reduce(0) { $0 + $1.0.children.count + 1 })
        defer { progress?.finish() }
        let chunks = max(1, min(jobs.count, threads * 8))
        let counts: [Counts] = try parallelMap(count: chunks, threads: threads) { chunk in
            var n = Counts()
            for (k, (t, view)) in jobs.enumerated() where k % chunks == chunk {
                let members = t.children.compactMap { project.catalog[$0] }
                let doc = PortraitPDF.atlas(printed(TerritoryScenes(t, maps: maps), view),
                                            members: members.map { printed(TerritoryScenes($0, maps: maps), view) })
                n = n + (try write(doc, to: SitePaths.atlasPDF(t, view)))
                n.atlases += 1
                progress?.advance(t.children.count + 1)
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
}
