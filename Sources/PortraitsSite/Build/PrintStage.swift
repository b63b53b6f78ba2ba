import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The print stage: the PDFs the project asks for (`pdf:`), drawn with Cairo on every core into
/// the writer's staging folder: a portrait per territory and view, and a bundle per territory of
/// the bundle levels (its portrait then each of its communes', main view).
package enum PrintStage {
    package struct Counts {
        package var portraits = 0, bundles = 0, pages = 0, bytes = 0
    }

    /// Draws and writes the PDFs; returns how many portraits, bundles, pages and bytes.
    package static func run(_ project: Project, portraits: PortraitStore, writer: FileSink, date: String,
                    threads: Int = defaultThreadCount(), progress makeProgress: (Int) -> Progress? = { _ in nil }) throws -> Counts {
        let plan = PDFPlan(project)
        let views = PortraitView.all(project.layout)
        let maps = TerritoryMaps(project: project)
        let territories = project.catalog.sorted
        // One job per portrait, one per bundle; bundles (the largest) first.
        enum Job { case portrait(Territory, PortraitView), bundle(Territory) }
        var jobs: [Job] = []
        for t in territories.sorted(by: { $0.communeIndices.count > $1.communeIndices.count }) where plan.bundle(t, plan.main) {
            jobs.append(.bundle(t))
        }
        for t in territories { for v in views where plan.portrait(v) { jobs.append(.portrait(t, v)) } }
        guard !jobs.isEmpty else { return Counts() }
        // Progress counts portraits drawn: a bundle counts its territory and each of its communes.
        func weight(_ job: Job) -> Int {
            if case let .bundle(t) = job { return t.communeIndices.count + 1 }
            return 1
        }
        let progress = makeProgress(jobs.reduce(0) { $0 + weight($1) })
        defer { progress?.finish() }
        func printed(_ t: Territory, _ v: PortraitView) -> PrintedPortrait {
            PrintedPortrait(project: project, territory: t, portrait: portraits.portrait(t.id, v)!, maps: maps, date: date)
        }
        let chunks = max(1, min(jobs.count, threads * 8))
        let counts: [Counts] = try parallelMap(count: chunks) { chunk in
            var n = Counts()
            for (k, job) in jobs.enumerated() where k % chunks == chunk {
                let path: String
                let doc: DocumentSpec
                switch job {
                case let .portrait(t, v):
                    n.portraits += 1
                    path = SitePaths.portraitPDF(t, v)
                    doc = PortraitPDF.document(printed(t, v))
                case let .bundle(t):
                    n.bundles += 1
                    let communes = t.communeIndices.compactMap { project.catalog[TerritoryID(.commune, project.catalog.communes[$0].code)] }
                        .sorted { ($0.name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil), $0.id.code) < ($1.name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil), $1.id.code) }
                    path = SitePaths.bundlePDF(t, plan.main)
                    doc = PortraitPDF.bundle(printed(t, plan.main), members: communes.map { printed($0, plan.main) })
                }
                let bytesOut = try CairoRenderer.pdf(doc)
                try writer.write(path, bytesOut)
                n.pages += doc.pages.count
                n.bytes += bytesOut.count
                progress?.advance(weight(job))
            }
            return n
        }
        return counts.reduce(into: Counts()) { sum, c in
            sum.portraits += c.portraits; sum.bundles += c.bundles; sum.pages += c.pages; sum.bytes += c.bytes
        }
    }
}
