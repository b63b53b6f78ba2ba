import PortraitsCore

/// One land-cover feature ready for the overlay: its geometry (Lambert-93 WKB) and its class at
/// each millésime the source describes (nil elsewhere).
struct LandCoverFeature {
    /// The source (one delivery, one set of millésimes) and the file within the whole land cover
    /// (`LandCoverSpec.layers`, the index of its report).
    var source: Int
    var file: Int
    var fid: Int64
    var wkb: [UInt8]
    var keys: [ClassKey?]
    /// The polygon's area and envelope, measured when it was checked (so that later phases need
    /// not read its WKB again to know them).
    var area: Double
    var box: BoundingBox
}

/// What reading the land cover found, per source layer.
public struct LandCoverSourceReport: Sendable, Equatable, Codable {
    public var location: String
    public var crs: String
    public var reprojected: Bool
    public var millesimes: [Int]
    public var featureCount: Int = 0
    public var withoutGeometry: Int = 0
    /// Invalid geometries repaired with GEOS MakeValid, and the area they gained or lost (m²).
    public var repaired: Int = 0
    public var repairedAreaChange: Double = 0
    /// Area of land cover outside every commune (m²).
    public var outsideCommunes: Double = 0
    /// Geometries with curves, linearised; with Z or M, flattened; collections reduced to their
    /// polygons.
    public var linearised = 0
    public var flattened = 0
    public var collections = 0
    /// Polygons this file holds that an earlier file of the same millésime holds too (the same
    /// polygon with the same codes, along the border of two départements' deliveries): read once.
    public var duplicates = 0
    public var duplicateArea: Double = 0
    public var duplicateOf: String? = nil
    /// Codes the nomenclature does not know, counted as "non classé" (when the project allows it).
    public var unclassified: [UnknownCode] = []
}

/// A code found in the data that the nomenclature does not know.
public struct UnknownCode: Sendable, Equatable, Codable {
    public var location: String
    public var field: String
    public var code: String
    public var count: Int
    public var area: Double
}

enum LandCoverReader {
    /// Reads every source, mapping codes to nomenclature leaves. Unknown or empty codes are errors
    /// listing each code with its number of polygons and area. A source of several files (one per
    /// département) is read as one layer; a polygon that two of its files hold alike is read once.
    static func read(_ spec: LandCoverSpec, layout: FactsLayout, nomenclature: Nomenclature, within box: BoundingBox? = nil)
        throws -> (features: [LandCoverFeature], reports: [LandCoverSourceReport]) {
        var features: [LandCoverFeature] = []
        var reports: [LandCoverSourceReport] = []
        var unknown: [String: UnknownCode] = [:]
        var geometryErrors: [InputError] = []
        for (s, source) in spec.sources.enumerated() {
            let first = features.count
            var pending: [(file: Int, location: String, code: (fid: Int64, field: String, code: String, area: Double))] = []
            for ref in source.layers {
                let file = reports.count
                let (read, report, errors, unknownHere) = try readFile(ref, source: s, file: file, fields: source.fields, spec: spec,
                                                                       layout: layout, nomenclature: nomenclature, within: box)
                if features.isEmpty { features = read } else { features += read } // one file: no copy of millions of features
                reports.append(report)
                geometryErrors += errors
                pending += unknownHere.map { (file, report.location, $0) }
            }
            if let box, features.count == first && geometryErrors.isEmpty && pending.isEmpty {
                let files = source.layers.count == 1 ? reports[reports.count - 1].location : "the \(source.layers.count) files of millésime \(source.fields.keys.sorted().map(String.init).joined(separator: ", "))"
                throw InputError(files, "no land-cover polygon around these communes (x \(Int(box.minX))…\(Int(box.maxX)), y \(Int(box.minY))…\(Int(box.maxY))); check the files and layers named in land_cover")
            }
            // Unknown codes counted once: a polygon read twice (and dropped) is not counted again.
            let dropped = source.layers.count > 1 ? try dropDuplicates(&features, from: first, reports: &reports) : []
            for (file, location, u) in pending where !dropped.contains(DroppedFeature(file: file, fid: u.fid)) {
                let id = "\(file)|\(u.field)|\(u.code)"
                unknown[id, default: UnknownCode(location: location, field: u.field, code: u.code, count: 0, area: 0)].count += 1
                unknown[id]!.area += u.area
            }
        }
        if !geometryErrors.isEmpty {
            throw InputErrors(Array(geometryErrors.prefix(100)) + (geometryErrors.count > 100 ? [InputError("", "… and \(geometryErrors.count - 100) more")] : []))
        }
        let list = unknown.values.sorted { ($0.location, $0.field, $0.code) < ($1.location, $1.field, $1.code) }
        if spec.unknownCodesAsUnclassified {
            for u in list { reports[reports.firstIndex { $0.location == u.location }!].unclassified.append(u) }
        } else if !list.isEmpty {
            throw InputErrors(list.map {
                InputError($0.location, "field \($0.field): code \"\($0.code.isEmpty ? "(vide)" : $0.code)\" is not in the nomenclature (\($0.count) polygons, \(FrenchNumber.hectares($0.area, decimals: 2)))\(likelyCode($0.code, nomenclature).map { "; written \"\($0)\" it would be: codes are read as they are written" } ?? ""); fix the data or the nomenclature, or set land_cover.unknown_codes: non-classe")
            })
        }
        return (features, reports)
    }

    /// The nomenclature's code that an unknown code is likely meant to be: the same in upper case,
    /// without spaces (`cs2.2.1`, `CS 2.2.1`), or nil.
    static func likelyCode(_ code: String, _ nomenclature: Nomenclature) -> String? {
        let normal = code.uppercased().filter { !$0.isWhitespace }
        guard normal != code, !normal.isEmpty else { return nil }
        return nomenclature.dimensions.contains { $0.leafNumber(of: normal) != nil } ? normal : nil
    }

    /// One file of a source: its features checked, its report, its geometry errors and its
    /// unknown codes (field, code, area).
    static func readFile(_ ref: LayerRef, source s: Int, file: Int, fields: [Int: [String: String]], spec: LandCoverSpec, layout: FactsLayout,
                         nomenclature: Nomenclature, within box: BoundingBox?)
        throws -> ([LandCoverFeature], LandCoverSourceReport, [InputError], [(fid: Int64, field: String, code: String, area: Double)]) {
        let ds = try VectorDataset(ref)
        let layer = try ds.layer(ref.layer, crs: ref.crs)
        try layer.setSpatialFilter(box)
        let ms = fields.keys.sorted()
        // Columns to read: for each millésime, the field of each dimension.
        var columns: [String] = []
        var slots: [(m: Int, dim: Int, col: Int)] = []
        for m in ms {
            for (d, dim) in nomenclature.dimensions.enumerated() {
                guard let field = fields[m]?[dim.id] else { continue }
                if let i = columns.firstIndex(of: field) {
                    slots.append((layout.index(of: m)!, d, i))
                } else {
                    columns.append(field)
                    slots.append((layout.index(of: m)!, d, columns.count - 1))
                }
            }
        }
        // A layer of one millésime that carries IGN's MILLESIME field: it must agree with the project file.
        let yearField = ms.count == 1 ? layer.fieldNames.first { $0.uppercased() == "MILLESIME" } : nil
        let yearColumn = yearField.map { f -> Int in columns.append(f); return columns.count - 1 }
        var yearMismatch: (count: Int, first: Int64, found: String)? = nil
        var report = LandCoverSourceReport(location: layer.location, crs: layer.crsName, reprojected: layer.isReprojected, millesimes: ms)
        // Read in order (GDAL, one thread): codes to classes, geometry as WKB.
        struct Raw {
            var fid: Int64
            var wkb: [UInt8]
            var keys: [ClassKey?]
            var bad: [(String, String)]
        }
        // The geometries are checked (below) on the other cores while GDAL goes on reading.
        var pending: [Raw] = []
        let batchSize = 16_384
        // Check the geometries on the workers: readable, polygonal (a collection keeps its
        // polygons), valid (repaired with MakeValid unless the project rejects invalid ones).
        // Results are merged in reading order.
        struct Checked {
            var features: [LandCoverFeature] = []
            var errors: [InputError] = []
            var unknown: [(fid: Int64, field: String, code: String, area: Double)] = []
            var repaired = 0, repairedAreaChange = 0.0, withoutGeometry = 0, collections = 0
        }
        let location = layer.location
        let checks = PipelinedMap<[Raw], Checked> { batch in
            let ctx = GEOSContext()
            var out = Checked()
            for r in batch {
                let at = "\(location), feature \(r.fid)"
                var g: Geometry
                do { g = try ctx.geometry(wkb: r.wkb) } catch {
                    out.errors.append(InputError(at, "unreadable geometry (\(error))"))
                    continue
                }
                var rewritten = false
                if g.isCollection {
                    g = ctx.collection(g.polygonalParts(), multiPolygon: true)
                    out.collections += 1
                    rewritten = true
                }
                var valid = g
                if let reason = g.invalidityReason {
                    if spec.rejectInvalidGeometries {
                        out.errors.append(InputError(at, "invalid geometry: \(reason)"))
                        continue
                    }
                    valid = ctx.collection(try g.makeValid().polygonalParts(), multiPolygon: true)
                    out.repaired += 1
                    out.repairedAreaChange += valid.area - g.area
                    rewritten = true
                }
                if valid.isEmpty || valid.area <= 0 { out.withoutGeometry += 1; continue }
                if !r.bad.isEmpty {
                    let area = valid.area
                    for (field, code) in r.bad { out.unknown.append((r.fid, field, code, area)) }
                    if !spec.unknownCodesAsUnclassified { continue }
                }
                out.features.append(LandCoverFeature(source: s, file: file, fid: r.fid, wkb: rewritten ? valid.wkb : r.wkb, keys: r.keys,
                                                     area: valid.area, box: valid.bounds))
            }
            return out
        }
        defer { checks.wait() }
        // Each distinct value of a column is read once: trimmed, and looked up in its dimension.
        // A layer holds a few dozen codes over millions of rows (a column of mostly distinct
        // values, a misnamed field, keeps only its first `kept`).
        let kept = 4_096
        var codes = [[String: (leaf: Int32?, trimmed: String)]](repeating: [:], count: slots.count)
        func code(_ value: String?, slot: Int) -> (leaf: Int32?, trimmed: String) {
            let raw = value ?? ""
            if let known = codes[slot][raw] { return known }
            let trimmed = raw.trimmingWhitespace()
            let found = (nomenclature.dimensions[slots[slot].dim].leafNumber(of: trimmed), trimmed)
            if codes[slot].count < kept { codes[slot][raw] = found }
            return found
        }
        var yearMatches: [String: (matches: Bool, trimmed: String)] = [:]
        try layer.forEach(fields: columns) { f in
            report.featureCount += 1
            if let yearColumn, let raw = f.values[yearColumn] {
                let year = yearMatches[raw] ?? {
                    let value = raw.trimmingWhitespace()
                    let found = (value.isEmpty || Int(value.prefix(4)) == ms[0], value)
                    if yearMatches.count < kept { yearMatches[raw] = found }
                    return found
                }()
                if !year.matches {
                    if let m = yearMismatch { yearMismatch = (m.count + 1, m.first, m.found) } else { yearMismatch = (1, f.fid, year.trimmed) }
                }
            }
            guard let wkb = f.wkb else { report.withoutGeometry += 1; return }
            var keys = [ClassKey?](repeating: nil, count: layout.millesimes.count)
            var bad: [(String, String)] = []
            for (i, slot) in slots.enumerated() {
                let (found, value) = code(f.values[slot.col], slot: i)
                guard let leaf = found else {
                    let dim = nomenclature.dimensions[slot.dim]
                    bad.append((columns[slot.col], value))
                    guard spec.unknownCodesAsUnclassified, let nc = dim.leafNumber(of: Nomenclature.unclassifiedCode) else { continue }
                    var k = keys[slot.m] ?? ClassKey(-1, -1)
                    if slot.dim == 0 { k.primary = nc } else { k.secondary = nc }
                    keys[slot.m] = k
                    continue
                }
                var k = keys[slot.m] ?? ClassKey(-1, -1)
                if slot.dim == 0 { k.primary = leaf } else { k.secondary = leaf }
                keys[slot.m] = k
            }
            pending.append(Raw(fid: f.fid, wkb: wkb, keys: keys, bad: bad))
            if pending.count == batchSize {
                checks.submit(pending)
                pending = []
            }
        }
        checks.submit(pending)
        pending = []
        let checked = try checks.finish()
        report.linearised = layer.linearised
        report.flattened = layer.flattened
        if let yearMismatch, let yearField {
            throw InputError(layer.location, "field \(yearField) says \"\(yearMismatch.found)\" (feature \(yearMismatch.first), and \(yearMismatch.count) polygons in all) but the project file reads this layer as millésime \(ms[0]): are two files swapped? Fix land_cover.layers")
        }
        var features: [LandCoverFeature] = []
        var errors: [InputError] = []
        var unknownCodes: [(fid: Int64, field: String, code: String, area: Double)] = []
        features.reserveCapacity(checked.reduce(0) { $0 + $1.features.count })
        for c in checked {
            features += c.features
            errors += c.errors
            unknownCodes += c.unknown
            report.repaired += c.repaired
            report.repairedAreaChange += c.repairedAreaChange
            report.withoutGeometry += c.withoutGeometry
            report.collections += c.collections
        }
        if features.isEmpty && errors.isEmpty && unknownCodes.isEmpty && box == nil {
            let read = report.featureCount == 0 ? "the layer is empty"
                : "none of its \(report.featureCount) features is a polygon with an area (empty geometries, lines or points)"
            throw InputError(layer.location, "no land-cover polygon for millésime \(ms.map(String.init).joined(separator: ", ")): \(read); check the file and layer named in land_cover")
        }
        return (features, report, errors, unknownCodes)
    }

    /// A feature `dropDuplicates` dropped: its file and id.
    struct DroppedFeature: Hashable { var file: Int; var fid: Int64 }

    /// Polygons that two files of one source both hold (IGN's deliveries of neighbouring
    /// départements may both carry a polygon astride their border): the same geometry with the
    /// same codes is kept from the first file only and counted in the later file's report; the
    /// same geometry with other codes is an error naming both features. Polygons that merely
    /// overlap are left to the overlap check, which states their area. Returns the features dropped.
    @discardableResult
    static func dropDuplicates(_ features: inout [LandCoverFeature], from first: Int, reports: inout [LandCoverSourceReport]) throws -> Set<DroppedFeature> {
        struct Key: Hashable { var box: [Int64]; var area: Int64 }
        func key(_ f: LandCoverFeature) -> Key {
            // Centimetres and square decimetres: the same polygon written from another vertex
            // gives the same envelope and, to rounding, the same area.
            Key(box: [f.box.minX, f.box.minY, f.box.maxX, f.box.maxY].map { Int64(($0 * 100).rounded()) }, area: Int64((f.area * 100).rounded()))
        }
        var byKey: [Key: [Int]] = [:]
        for i in first..<features.count { byKey[key(features[i]), default: []].append(i) }
        let ctx = GEOSContext()
        var drop = Set<Int>()
        var conflicts: [InputError] = []
        for (_, group) in byKey where group.count > 1 && Set(group.map { features[$0].file }).count > 1 {
            for (n, i) in group.enumerated() where !drop.contains(i) {
                let a = features[i]
                let ga = try ctx.geometry(wkb: a.wkb)
                for j in group[(n + 1)...] where !drop.contains(j) && features[j].file != a.file {
                    let b = features[j]
                    guard ga.equalsTopologically(try ctx.geometry(wkb: b.wkb)) else { continue }
                    guard a.keys == b.keys else {
                        conflicts.append(InputError("\(reports[b.file].location), feature \(b.fid)",
                                                    "the same polygon as \(reports[a.file].location), feature \(a.fid), with other codes: the two deliveries disagree on it; fix one of them"))
                        continue
                    }
                    drop.insert(j)
                    reports[b.file].duplicates += 1
                    reports[b.file].duplicateArea += b.area
                    reports[b.file].duplicateOf = reports[a.file].location
                }
            }
        }
        if !conflicts.isEmpty { throw InputErrors(Array(conflicts.sorted { $0.description < $1.description }.prefix(100))) }
        guard !drop.isEmpty else { return [] }
        let dropped = Set(drop.map { DroppedFeature(file: features[$0].file, fid: features[$0].fid) })
        var kept = Array(features[..<first])
        kept.reserveCapacity(features.count - drop.count)
        for i in first..<features.count where !drop.contains(i) { kept.append(features[i]) }
        features = kept
        return dropped
    }
}
