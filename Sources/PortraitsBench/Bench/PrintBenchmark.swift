import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsModel
import PortraitsPrint
import PortraitsProject
import PortraitsSite

/// The PDFs of a project, phase by phase: the layout (`PrintedPortrait` composed into pages, text
/// measured with Cairo), Cairo's PDF surface drawing the pages, and `PDFFinishing` (qpdf: links,
/// language, figures' alternatives, XMP, the file written again).
/// - The portraits as the render stage draws them: the territories' map scenes are laid out before
///   the clock starts, as the build lays them out for the web maps the PDFs share them with.
/// - The atlases as the print stage draws them: their layout includes laying out each member's
///   map scenes again.
/// Writes nothing.
package enum PrintBenchmark {
    package struct Sample {
        var layout = 0.0, cairo = 0.0, finishing = 0.0, pages = 0, bytes = 0, cairoBytes = 0
    }

    /// `sampleEvery`: one territory in this many (every territory with 1).
    package static func run(configPath: String, sampleEvery: Int = 1, threads: Int = defaultThreadCount()) throws -> String {
        let config = try ProjectConfig.load(path: configPath)
        let project = try ProjectLoader.load(config: config, reporter: StageReporter(BuildStage.check, quiet: true),
                                              // The project's facts store when a build left one for these inputs: the figures are the same.
                                              facts: config.cacheFolder.map { .cache(folder: $0) } ?? .none)
        let indicators = try IndicatorStore(project: project)
        let store = try PortraitStore(project: project, indicators: indicators)
        let maps = TerritoryMaps(project: project)
        let plan = PDFPlan(project)
        let views = PortraitView.all(project.layout).filter(plan.portrait)
        let territories = project.catalog.sorted.enumerated().filter { $0.offset % sampleEvery == 0 }.map(\.element)
        let date = BuildDay.today()
        let chunks = max(1, min(territories.count, threads * 8))
        let wallStart = GraphicsBenchmark.now()
        let perChunk: [[Sample]] = try parallelMap(count: chunks, threads: threads) { chunk in
            var out: [Sample] = []
            for (k, t) in territories.enumerated() where k % chunks == chunk {
                let scenes = TerritoryScenes(t, maps: maps)
                for m in project.layout.millesimes { _ = scenes.landCover(m) }
                for p in project.layout.periods.indices { _ = scenes.changes(p) }
                _ = scenes.locator
                // As the build draws them: a map drawn as an image in several views is drawn once.
                try CairoRenderer.reusingRasters {
                    for v in views {
                        guard let portrait = store.portrait(t.id, v) else { continue }
                        out.append(try measure { PortraitPDF.document(PrintedPortrait(project: project, portrait: portrait, scenes: scenes, date: date)) })
                    }
                }
            }
            return out
        }
        let wall = GraphicsBenchmark.now() - wallStart
        var lines = table(perChunk.flatMap { $0 }, what: "portrait PDFs of \(territories.count) territories × \(views.count) views",
                          unit: "portrait", wall: wall, threads: threads)
        lines[0] += " (wall time includes laying out the territories' map scenes)"

        // The atlases of the sampled groups, the largest first, as `PDFUnit.atlases` draws them.
        let atlasJobs = territories.flatMap { t in plan.atlasViews.filter { plan.atlas(t, $0) }.map { (t, $0) } }
            .sorted { ($0.0.children.count, $1.0.id) > ($1.0.children.count, $0.0.id) }
        guard !atlasJobs.isEmpty else { return lines.joined(separator: "\n") }
        let atlasChunks = max(1, min(atlasJobs.count, threads * 8))
        let atlasStart = GraphicsBenchmark.now()
        let atlasSamples: [[Sample]] = try parallelMap(count: atlasChunks, threads: threads) { chunk in
            var out: [Sample] = []
            for (k, (t, view)) in atlasJobs.enumerated() where k % atlasChunks == chunk {
                func printed(_ t: Territory) -> PrintedPortrait {
                    PrintedPortrait(project: project, portrait: store.portrait(t.id, view)!, scenes: TerritoryScenes(t, maps: maps), date: date)
                }
                out.append(try measure { PortraitPDF.atlas(printed(t), members: t.children.compactMap { project.catalog[$0] }.map(printed)) })
            }
            return out
        }
        lines += [""] + table(atlasSamples.flatMap { $0 }, what: "atlases (layout includes their members' maps)", unit: "atlas",
                              wall: GraphicsBenchmark.now() - atlasStart, threads: threads)
        return lines.joined(separator: "\n")
    }

    /// One document, phase by phase: `layOut` makes its pages, Cairo draws them, qpdf finishes.
    static func measure(_ layOut: () -> DocumentSpec) throws -> Sample {
        var s = Sample()
        var t0 = cpuNow()
        let doc = layOut()
        s.layout = cpuNow() - t0
        t0 = cpuNow()
        let cairo = try CairoRenderer.cairoPDF(doc)
        s.cairo = cpuNow() - t0
        t0 = cpuNow()
        let pdf = try CairoRenderer.finishedPDF(doc, cairo)
        s.finishing = cpuNow() - t0
        s.pages = doc.pages.count
        s.bytes = pdf.count
        s.cairoBytes = cairo.count
        return s
    }

    /// The calling thread's CPU time in seconds: the phases are timed on CPU, as the build's parts
    /// are, so that waiting for a core does not count.
    static func cpuNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func table(_ all: [Sample], what: String, unit: String, wall: Double, threads: Int) -> [String] {
        func column(_ f: (Sample) -> Double) -> (median: Double, sum: Double) {
            let v = all.map(f)
            return (GraphicsBenchmark.median(v), v.reduce(0, +))
        }
        let layout = column(\.layout), cairo = column(\.cairo), finishing = column(\.finishing)
        let cpu = layout.sum + cairo.sum + finishing.sum
        var lines = ["\(all.count) \(what), on \(threads) threads: "
                     + String(format: "%.1f s wall, %.1f CPU s, %.1f per second", wall, cpu, Double(all.count) / max(wall, 1e-9)),
                     "", "| phase | CPU median (ms) | CPU (s) | share |", "|---|---|---|---|"]
        for (name, c) in [("layout (composed pages, text measured with Cairo)", layout), ("Cairo's PDF surface", cairo),
                          ("finishing (qpdf)", finishing)] {
            lines.append("| \(name) | \(GraphicsBenchmark.ms(c.median)) | \(String(format: "%.1f", c.sum)) | \(String(format: "%.0f %%", 100 * c.sum / max(cpu, 1e-9))) |")
        }
        let pages = all.map { Double($0.pages) }, kb = all.map { Double($0.bytes) / 1024 }, cairoKB = all.map { Double($0.cairoBytes) / 1024 }
        lines.append("")
        lines.append(String(format: "Pages per \(unit), median %.0f; size median %.1f KB (Cairo's file %.1f KB).",
                            GraphicsBenchmark.median(pages), GraphicsBenchmark.median(kb), GraphicsBenchmark.median(cairoKB)))
        return lines
    }
}
