import Foundation
import PortraitsCore
import PortraitsGeo
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The tabulate stage's sources of figures: the GEOS overlay, the facts store of a previous build,
/// or the facts files of shards (`portraits tabulate`).
package enum FactsLoader {
    /// The project's tabulation, its origin (one line) and the day it was made.
    package static func tabulation(config: ProjectConfig, nomenclature: Nomenclature, catalog: TerritoryCatalog, shapes: [CommuneShape],
                           source: ProjectLoader.FactsSource, reporter: StageReporter) throws -> (Tabulation, String, String) {
        let codes = catalog.communes.map(\.code)
        switch source {
        case .none:
            return (try overlay(config, nomenclature, shapes, reporter: reporter), "tabulated", BuildDay.today())
        case let .cache(folder):
            let state = try BuildState(folder: folder)
            let key = try BuildKeys.facts(config, state: state)
            let path = (folder as NSString).appendingPathComponent("facts.sqlite")
            if let header = try? FactsStore.header(path), header.key == key, header.scope == "",
               let t = try? merge([path], codes: codes, layout: header.layout), t.missing.isEmpty {
                return (t.tabulation, "reused from \(path) (tabulated \(header.day))", header.day)
            }
            let t = try overlay(config, nomenclature, shapes, reporter: reporter)
            let day = BuildDay.today()
            try FactsStore.write(t, codes: codes, key: key, scope: "", day: day, to: path)
            return (t, "tabulated, saved to \(path)", day)
        case let .shards(paths):
            let state = try BuildState(folder: NSTemporaryDirectory() + "/portraits-keys-\(ProcessInfo.processInfo.processIdentifier)")
            defer { try? FileManager.default.removeItem(atPath: (state.db.path as NSString).deletingLastPathComponent) }
            let key = try BuildKeys.facts(config, state: state)
            var layout: FactsLayout?
            var days: [String] = []
            for p in paths {
                guard let h = try FactsStore.header(p) else { throw InputError(p, "no such facts file") }
                guard h.key == key else {
                    throw InputError(p, "these facts were tabulated from other inputs, another nomenclature or another version of portraits (\(h.scope)); tabulate this shard again")
                }
                if let l = layout, l != h.layout { throw InputError(p, "millésimes or periods differ from the other facts files") }
                layout = h.layout
                days.append(h.day)
            }
            guard let layout else { throw InputError(config.source, "--facts: no facts file given") }
            let t = try merge(paths, codes: codes, layout: layout)
            guard t.missing.isEmpty else {
                throw InputError(config.source, "\(t.missing.count) communes are in no facts file: \(t.missing.prefix(10).joined(separator: ", "))\(t.missing.count > 10 ? ", …" : ""); tabulate the shards that hold them")
            }
            return (t.tabulation, "merged from \(paths.count) facts files", days.max()!)
        }
    }

    package static func overlay(_ config: ProjectConfig, _ nomenclature: Nomenclature, _ shapes: [CommuneShape], within box: BoundingBox? = nil,
                        reporter: StageReporter) throws -> Tabulation {
        var progresses: [Progress] = []
        let lock = NSLock()
        defer { progresses.forEach { $0.finish() } }
        return try Tabulator.run(communes: shapes, landCover: config.landCover, nomenclature: nomenclature, periods: config.periods,
                                 within: box, progress: { phase, unit, total in
            let p = reporter.progress(.tabulate, phase: phase, unit: unit, total: total)
            lock.lock()
            progresses.forEach { $0.finish() }
            progresses.append(p)
            lock.unlock()
            return { n in p.advance(n) }
        }, log: reporter.quiet ? nil : reporter.log)
    }

    /// The communes `codes` (in order) from facts files; a commune in two files is an error.
    package static func merge(_ paths: [String], codes: [String], layout: FactsLayout) throws -> (tabulation: Tabulation, missing: [String]) {
        let wanted = Set(codes)
        var records: [String: FactsStore.Record] = [:]
        var from: [String: String] = [:]
        var sources: [LandCoverSourceReport] = []
        for p in paths {
            let (r, s) = try FactsStore.read(p, codes: wanted)
            for (code, rec) in r {
                if let other = from[code] { throw InputError(p, "commune \(code) is also in \(other): shards must not overlap") }
                from[code] = p
                records[code] = rec
            }
            sources = mergeReports(sources, s)
        }
        let missing = codes.filter { records[$0] == nil }
        let empty = FactsStore.Record(facts: AreaFacts(millesimeCount: layout.millesimes.count, periodCount: layout.periods.count), pieces: [], outline: [])
        let ordered = codes.map { records[$0] ?? empty }
        return (Tabulation(layout: layout, communeFacts: ordered.map(\.facts), pieces: ordered.map(\.pieces), outlines: ordered.map(\.outline),
                           sources: sources), missing)
    }

    /// Reports of several shards: counts and areas added (a polygon near a shard's edge is read by
    /// both shards, so counts are an upper bound), unknown codes merged.
    package static func mergeReports(_ a: [LandCoverSourceReport], _ b: [LandCoverSourceReport]) -> [LandCoverSourceReport] {
        guard !a.isEmpty else { return b }
        var out = a
        for (i, r) in b.enumerated() where i < out.count {
            out[i].featureCount += r.featureCount
            out[i].withoutGeometry += r.withoutGeometry
            out[i].repaired += r.repaired
            out[i].repairedAreaChange += r.repairedAreaChange
            out[i].outsideCommunes += r.outsideCommunes
            out[i].linearised += r.linearised
            out[i].flattened += r.flattened
            out[i].collections += r.collections
            out[i].duplicates += r.duplicates
            out[i].duplicateArea += r.duplicateArea
            out[i].duplicateOf = out[i].duplicateOf ?? r.duplicateOf
            for u in r.unclassified {
                if let j = out[i].unclassified.firstIndex(where: { $0.field == u.field && $0.code == u.code }) {
                    out[i].unclassified[j].count += u.count
                    out[i].unclassified[j].area += u.area
                } else {
                    out[i].unclassified.append(u)
                }
            }
        }
        return out
    }

    /// `portraits tabulate`: the facts of the communes `selected` (INSEE codes), read from the land
    /// cover around them (their envelope widened by `margin` metres, so that the decree's patches
    /// at their edge are whole), written to `output`.
    package static func shard(config: ProjectConfig, selected: Set<String>, scope: String, output: String, margin: Double = 1_000,
                      reporter: StageReporter) throws -> (communes: Int, polygons: Int) {
        let inputs = try ProjectLoader.loadInputs(config: config, reporter: reporter)
        let known = Set(inputs.catalog.communes.map(\.code))
        let unknown = selected.subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw InputError(config.source, "not communes of this project: \(unknown.prefix(10).joined(separator: ", "))\(unknown.count > 10 ? ", …" : "")")
        }
        let indices = inputs.catalog.communes.indices.filter { selected.contains(inputs.catalog.communes[$0].code) }
        guard !indices.isEmpty else { throw InputError(config.source, "the shard \(scope) has no commune") }
        let shapes = indices.map { inputs.shapes[$0] }
        var box = BoundingBox.empty
        let ctx = GEOSContext()
        for s in shapes { box.formUnion(try ctx.geometry(wkb: s.wkb).bounds) }
        box = box.expanded(by: margin)
        let state = try BuildState(folder: NSTemporaryDirectory() + "/portraits-keys-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(atPath: (state.db.path as NSString).deletingLastPathComponent) }
        let key = try BuildKeys.facts(config, state: state)
        let t = try reporter.run(.tabulate) { () -> (Tabulation, String) in
            let t = try overlay(config, inputs.nomenclature, shapes, within: box, reporter: reporter)
            return (t, "\(shapes.count) communes (\(scope)), \(t.sources.reduce(0) { $0 + $1.featureCount }) land-cover polygons read around them")
        }
        try reporter.run(.write) { () -> (Void, String) in
            try FactsStore.write(t, codes: shapes.map(\.code), key: key, scope: scope, day: BuildDay.today(), to: output)
            return ((), output)
        }
        return (shapes.count, t.sources.reduce(0) { $0 + $1.featureCount })
    }
}
