import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics

/// The print stage: the PDFs the project asks for (`pdf:`), drawn with Cairo on every core into
/// the writer's staging folder: a portrait per territory and view, and a bundle per territory of
/// the bundle levels (its portrait then each of its communes', main view).
enum PrintStage {
    /// Which PDFs a page can link to.
    struct Plan {
        let options: PDFOptions
        let main: PortraitView

        func portrait(_ view: PortraitView) -> Bool {
            switch options.portraits {
            case .all: return true
            case .main: return view == main
            case .none: return false
            }
        }

        func bundle(_ t: Territory, _ view: PortraitView) -> Bool { view == main && options.bundles.contains(t.id.level) }
    }

    static func plan(_ project: Project) -> Plan {
        Plan(options: project.config.pdf, main: PortraitView.main(PortraitView.all(project.layout)))
    }

    /// Returns the number of PDF files, of pages, and of bytes written.
    static func run(_ project: Project, indicators: IndicatorStore, writer: OutputWriter, date: String,
                    threads: Int = defaultThreadCount()) throws -> (files: Int, pages: Int, bytes: Int) {
        let plan = plan(project)
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
        guard !jobs.isEmpty else { return (0, 0, 0) }
        func printed(_ t: Territory, _ v: PortraitView) -> PrintedPortrait {
            PrintedPortrait(project: project, territory: t, view: v, indicators: indicators, maps: maps, date: date)
        }
        let chunks = max(1, min(jobs.count, threads * 8))
        let counts: [(Int, Int, Int)] = try parallelMap(count: chunks) { chunk in
            var files = 0, pages = 0, bytes = 0
            for (k, job) in jobs.enumerated() where k % chunks == chunk {
                let path: String
                let doc: DocumentSpec
                switch job {
                case let .portrait(t, v):
                    path = SitePaths.portraitPDF(t, v)
                    doc = PortraitPDF.document(printed(t, v))
                case let .bundle(t):
                    let communes = t.communeIndices.compactMap { project.catalog[TerritoryID(.commune, project.catalog.communes[$0].code)] }
                        .sorted { ($0.name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil), $0.id.code) < ($1.name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil), $1.id.code) }
                    path = SitePaths.bundlePDF(t, plan.main)
                    doc = PortraitPDF.bundle(printed(t, plan.main), members: communes.map { printed($0, plan.main) })
                }
                let bytesOut = try CairoRenderer.pdf(doc)
                try writer.write(path, bytesOut)
                files += 1
                pages += doc.pages.count
                bytes += bytesOut.count
            }
            return (files, pages, bytes)
        }
        return counts.reduce((0, 0, 0)) { ($0.0 + $1.0, $0.1 + $1.1, $0.2 + $1.2) }
    }
}
