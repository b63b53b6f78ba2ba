import Foundation
import PortraitsCore
import PortraitsGeo
import Yams

/// `land_cover.layers` and `land_cover.multi_date` of the project file, as sources: each entry
/// names one file, a list of files or globs (IGN's deliveries, one folder per département and
/// millésime), and its millésime, written (`millesime: 2021`) or read from a field of each file
/// (`millesime_field: MILLESIME`). Files of one millésime form one source, read as one layer.
package enum LandCoverSources {
    /// The sources, and the globs they were found by (absolute).
    static func parse(_ lc: YAMLMap, resolve: (String) -> String, root: String, source: String) throws -> (sources: [LandCoverSpec.Source], globs: [String]) {
        var globs: [String] = []
        // Year → its fields and files, in the order the project file gives them.
        var byYear: [Int: (fields: [String: String], layers: [LayerRef], entry: String)] = [:]
        var order: [Int] = []
        for (i, node) in try lc.list("layers").enumerated() {
            let l = try YAMLMap(node, path: "land_cover.layers[\(i)]", source: source,
                                allowed: ["millesime", "millesime_field", "file", "files", "layer", "crs", "encoding", "fields"])
            guard let fields = try l.stringMap("fields"), !fields.isEmpty else { throw l.missing("fields") }
            let refs = try files(l, root: root, resolve: resolve, globs: &globs).map { LayerRef(path: $0, layer: try l.string("layer"), crs: try l.string("crs"), encoding: try l.string("encoding")) }
            let year = try l.int("millesime"), yearField = try l.string("millesime_field")
            var years: [(Int, LayerRef)] = []
            switch (year, yearField) {
            case (let y?, nil): years = refs.map { (y, $0) }
            case (nil, let f?): years = try refs.map { (try yearOf($0, field: f, entry: l.path), $0) }
            case (nil, nil): throw InputError(source, "\(l.path): give its `millesime` (a year), or `millesime_field` (the field that holds it, MILLESIME in IGN's files)")
            case (_?, _?): throw InputError(source, "\(l.path): give `millesime` or `millesime_field`, not both")
            }
            for (y, ref) in years {
                if let known = byYear[y] {
                    guard known.fields == fields else {
                        throw InputError(source, "land_cover: millésime \(y) is read with other fields in \(known.entry) than in \(l.path) (\(ref.path)); one millésime has one set of fields")
                    }
                    if known.layers.contains(ref) { throw InputError(source, "land_cover: \(ref.path) is named twice for millésime \(y)") }
                    byYear[y]!.layers.append(ref)
                } else {
                    byYear[y] = (fields, [ref], l.path)
                    order.append(y)
                }
            }
        }
        var sources = order.sorted().map { y in LandCoverSpec.Source(layers: byYear[y]!.layers, fields: [y: byYear[y]!.fields]) }
        if let md = try lc.map("multi_date", allowed: ["file", "files", "layer", "crs", "encoding", "millesimes"]) {
            guard let years = md.node("millesimes")?.mapping else { throw md.missing("millesimes") }
            var fields: [Int: [String: String]] = [:]
            for (k, v) in years {
                guard let y = k.int else { throw InputError(YAMLMap.at(source, k), "land_cover.multi_date.millesimes: keys must be years") }
                guard let f = v.mapping else { throw InputError(YAMLMap.at(source, v), "land_cover.multi_date.millesimes.\(y) must map dimensions to fields") }
                var dims: [String: String] = [:]
                for (dk, dv) in f { if let a = dk.string, let b = dv.string { dims[a] = b } }
                fields[y] = dims
            }
            let refs = try files(md, root: root, resolve: resolve, globs: &globs).map { LayerRef(path: $0, layer: try md.string("layer"), crs: try md.string("crs"), encoding: try md.string("encoding")) }
            sources.append(.init(layers: refs, fields: fields))
        }
        guard !sources.isEmpty else { throw InputError(source, "land_cover needs `layers` or `multi_date`") }
        var seenYears: Set<Int> = []
        for s in sources {
            for y in s.fields.keys.sorted() {
                guard y >= 1900 && y <= 2200 else { throw InputError(source, "land_cover: millésime \(y) is not a plausible year") }
                guard seenYears.insert(y).inserted else { throw InputError(source, "land_cover: millésime \(y) is described twice") }
            }
        }
        return (sources, globs)
    }

    /// The files of an entry: `file` (one path) or `files` (a path, a glob or a list of them),
    /// each glob expanded and sorted (and added to `globs`, absolute); a glob that matches nothing
    /// is an error naming it.
    static func files(_ l: YAMLMap, root: String, resolve: (String) -> String, globs: inout [String]) throws -> [String] {
        let patterns: [String]
        switch (l.has("file"), l.has("files")) {
        case (true, false): patterns = [try l.requiredString("file")]
        case (false, true):
            if case .scalar = l.node("files")! { patterns = [try l.requiredString("files")] } else { patterns = try l.stringList("files") }
            guard !patterns.isEmpty else { throw l.missing("files") }
        case (true, true): throw InputError(l.source, "\(l.path): give `file` (one) or `files` (a list or a glob), not both")
        case (false, false): throw l.missing("file")
        }
        var out: [String] = []
        for p in patterns {
            // A path that exists is read as written, whatever characters it holds.
            guard FileGlob.isPattern(p), !FileManager.default.fileExists(atPath: resolve(p)) else { out.append(resolve(p)); continue }
            let found = FileGlob.expand(p, root: root)
            guard !found.isEmpty else {
                throw InputError(l.source, "\(l.qualified("files")): no file matches \"\(p)\" (from \(root))")
            }
            out += found.filter { !out.contains($0) }
            globs.append(p.hasPrefix("/") ? p : (root as NSString).appendingPathComponent(p))
        }
        return out
    }

    /// The millésime a file's field gives: one year for the whole file (IGN writes "2021", or a
    /// date "2021-01-01"); several years, or features without one, are errors naming the file.
    package static func yearOf(_ ref: LayerRef, field: String, entry: String) throws -> Int {
        let layer = try VectorDataset(ref).layer(ref.layer, crs: ref.crs)
        let texts = try layer.distinctValues(of: field).map { ($0 ?? "").trimmingWhitespace() }
        if texts.isEmpty { throw InputError(layer.location, "the layer is empty: no millésime to read from field \(field)") }
        if texts.contains("") {
            throw InputError(layer.location, "some features have no value in field \(field), which \(entry).millesime_field names: write the millésime with `millesime:` instead")
        }
        let notYears = texts.filter { Int($0.prefix(4)) == nil }
        guard notYears.isEmpty else {
            throw InputError(layer.location, "field \(field) holds values that are not years (\(notYears.prefix(5).map { "\"\($0)\"" }.joined(separator: ", "))): write the millésime with `millesime:` instead")
        }
        let years = Set(texts.map { Int($0.prefix(4))! })
        guard years.count == 1, let year = years.first else {
            throw InputError(layer.location, "field \(field) holds several millésimes (\(years.sorted().map(String.init).joined(separator: ", "))): one file per millésime is expected here, or a multi_date layer with one field per millésime")
        }
        return year
    }
}
