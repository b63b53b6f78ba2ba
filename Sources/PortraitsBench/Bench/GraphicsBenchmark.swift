import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsSite

/// Measures every chart and map of a project, kind by kind, as the build draws them: the scene
/// (the layout of a chart's data from the portrait model, which is made before the clock starts,
/// as the build's compute stage makes it; a map's scene from its input), Cairo's SVG (with compaction), the floor (the same
/// paths written with integer coordinates into a byte buffer, `FloorSVGWriter`), the PNG of maps
/// too large for SVG, and on a sample of territories the PNG and PDF backends of every kind.
/// Runs on every core like the build; reports medians per item and CPU seconds per kind.
public enum GraphicsBenchmark {
    package struct Sample {
        package var kind: String
        package var spec: Double
        package var svg: Double
        package var floor: Double
        package var bytes: Int
        package var floorBytes: Int
        /// Polygons drawn (maps).
        package var pieces: Int = 0
        package var png: Double?
        package var pdf: Double?
        /// Bytes of the file the build writes (PNG for maps over the raster threshold).
        package var fileBytes: Int
    }

    /// `mapsOnly`: the maps alone (no chart); `level`: the territories of one level only (its raw
    /// value, `commune`…).
    public static func run(configPath: String, sampleEvery: Int = 20, mapsOnly: Bool = false, level: String? = nil,
                           threads: Int = defaultThreadCount()) throws -> String {
        let config = try ProjectConfig.load(path: configPath)
        let reporter = StageReporter(BuildStage.check, quiet: true)
        let project = try ProjectLoader.load(config: config, reporter: reporter,
                                              // The project's facts store when a build left one for these inputs: the figures are the same.
                                              facts: config.cacheFolder.map { .cache(folder: $0) } ?? .none)
        let indicators = try IndicatorStore(project: project)
        let portraits = try PortraitStore(project: project, indicators: indicators)
        let maps = TerritoryMaps(project: project)
        let territories = project.catalog.sorted.filter { level == nil || $0.id.level.rawValue == level }
        let views = PortraitView.all(project.layout)
        let years = Array(Set(views.map(\.millesime))).sorted()
        let order = territories.indices.sorted { territories[$0].communeIndices.count > territories[$1].communeIndices.count }
        let chunks = max(1, min(order.count, threads * 8))
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let perChunk: [[Sample]] = try parallelMap(count: chunks) { chunk in
            var out: [Sample] = []
            for (k, ti) in order.enumerated() where k % chunks == chunk {
                let t = territories[ti]
                let sampled = ti % sampleEvery == 0
                func measure(_ kind: String, pieces: Int = 0, raster: Bool = false, _ build: () -> Scene) throws {
                    var t0 = now()
                    let scene = build()
                    let spec = now() - t0
                    t0 = now()
                    let svg = try CairoRenderer.svg(scene)
                    let svgTime = now() - t0
                    t0 = now()
                    let floor = FloorSVGWriter.svg(scene)
                    let floorTime = now() - t0
                    var s = Sample(kind: kind, spec: spec, svg: svgTime, floor: floorTime, bytes: svg.count, floorBytes: floor.count,
                                   pieces: pieces, fileBytes: svg.count)
                    if raster || sampled {
                        t0 = now()
                        let png = try CairoRenderer.png(scene, scale: 1.5)
                        s.png = now() - t0
                        if raster { s.fileBytes = png.count }
                    }
                    if sampled {
                        t0 = now()
                        _ = try CairoRenderer.pdf(scene)
                        s.pdf = now() - t0
                    }
                    out.append(s)
                }
                for year in years {
                    let input = maps.input(for: t, millesime: year, source: "Millésime \(year)")
                    let raster = maps.vertexCount(input) > TerritoryMaps.rasterThreshold
                    try measure("carte d’occupation du sol (\(t.id.level.label.lowercased()))", pieces: input.pieces.count, raster: raster) { LandCoverMap.scene(input) }
                }
                for (p, period) in project.layout.periods.enumerated() {
                    let input = maps.changeInput(for: t, periodIndex: p, source: "Changements \(period.label)")
                    let raster = maps.vertexCount(input) > TerritoryMaps.rasterThreshold
                    try measure("carte des changements", pieces: input.pieces.count, raster: raster) { LandCoverMap.scene(input) }
                }
                if t.id.level != .region {
                    try measure("carte de situation") { maps.locator(for: t)!.scene }
                }
                // Every chart of every portrait, as the model holds it: the scene is its layout.
                for view in views where !mapsOnly {
                    for chart in portraits.portrait(t.id, view)?.charts ?? [] {
                        try measure(chart.kind) { chart.scene }
                    }
                }
            }
            return out
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
        return report(perChunk.flatMap { $0 }, wall: wall, threads: threads, sampleEvery: sampleEvery, territories: territories.count, views: views.count)
    }

    package static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    package static func median(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return 0 }
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    package static func ms(_ s: Double) -> String { String(format: "%.3f", s * 1000) }

    package static func report(_ samples: [Sample], wall: Double, threads: Int, sampleEvery: Int, territories: Int, views: Int) -> String {
        var lines: [String] = []
        let kinds = Dictionary(grouping: samples, by: \.kind).sorted { $0.key < $1.key }
        let cpu = samples.reduce(0) { $0 + $1.spec + $1.svg + ($1.png ?? 0) }
        lines.append("\(samples.count) charts and maps of \(territories) territories × \(views) views, drawn on \(threads) threads in \(String(format: "%.1f", wall)) s wall "
                     + "(\(String(format: "%.1f", cpu)) CPU s for scenes, SVG and the PNG of large maps; PNG and PDF of every kind measured besides on 1 territory in \(sampleEvery)).")
        lines.append("")
        lines.append("| kind | items | scene (ms) | Cairo SVG (ms) | floor (ms) | SVG / floor | CPU (s) | SVG KB median / max | PNG (ms) | PDF (ms) |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (kind, list) in kinds {
            let svg = median(list.map(\.svg)), floor = median(list.map(\.floor))
            let cpuKind = list.reduce(0) { $0 + $1.spec + $1.svg }
            let png = list.compactMap(\.png), pdf = list.compactMap(\.pdf)
            lines.append("| \(kind) | \(list.count) | \(ms(median(list.map(\.spec)))) | \(ms(svg)) | \(ms(floor)) | \(floor > 0 ? String(format: "%.0f×", svg / floor) : "–") | "
                         + "\(String(format: "%.1f", cpuKind)) | \(String(format: "%.1f", Double(median(list.map { Double($0.bytes) })) / 1000)) / \(String(format: "%.0f", Double(list.map(\.bytes).max() ?? 0) / 1000)) | "
                         + "\(png.isEmpty ? "–" : ms(median(png))) | \(pdf.isEmpty ? "–" : ms(median(pdf))) |")
        }
        lines.append("")
        let landCover = samples.filter { $0.kind.hasPrefix("carte d’occupation") }
        let around1000 = landCover.filter { $0.pieces >= 800 && $0.pieces <= 1_200 }
        let communes = landCover.filter { $0.kind.contains("commune") && $0.pieces > 0 }
        lines.append("Land-cover maps of 800 to 1 200 polygons: \(around1000.count) maps, median \(ms(median(around1000.map { $0.spec + $0.svg }))) ms (scene + Cairo SVG), "
                     + "floor \(ms(median(around1000.map(\.floor)))) ms. Commune maps: median \(Int(median(communes.map { Double($0.pieces) }))) polygons, "
                     + "\(ms(median(communes.map { ($0.spec + $0.svg) / Double($0.pieces) * 1000 }))) ms per 1 000 polygons.")
        let largest = samples.filter { $0.kind.hasPrefix("carte") }.max { $0.fileBytes < $1.fileBytes }
        if let largest {
            lines.append("Largest map file written: \(String(format: "%.2f", Double(largest.fileBytes) / 1_000_000)) MB (\(largest.kind), \(largest.pieces) polygons"
                         + (largest.png != nil && largest.fileBytes != largest.bytes ? ", PNG" : ", SVG") + ").")
        }
        return lines.joined(separator: "\n")
    }
}
