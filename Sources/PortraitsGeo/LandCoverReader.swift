import PortraitsCore

/// One land-cover feature ready for the overlay: its geometry (Lambert-93 WKB) and its class at
/// each millésime the source describes (nil elsewhere).
struct LandCoverFeature {
    var source: Int
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
    /// listing each code with its number of polygons and area.
    static func read(_ spec: LandCoverSpec, layout: FactsLayout, nomenclature: Nomenclature, within box: BoundingBox? = nil)
        throws -> (features: [LandCoverFeature], reports: [LandCoverSourceReport]) {
        var features: [LandCoverFeature] = []
        var reports: [LandCoverSourceReport] = []
        var unknown: [String: UnknownCode] = [:]
        var geometryErrors: [InputError] = []
        for (s, source) in spec.sources.enumerated() {
            let ds = try VectorDataset(path: source.layer.path)
            let layer = try ds.layer(source.layer.layer, crs: source.layer.crs)
            try layer.setSpatialFilter(box)
            let ms = source.fields.keys.sorted()
            // Columns to read: for each millésime, the field of each dimension.
            var columns: [String] = []
            var slots: [(m: Int, dim: Int, col: Int)] = []
            for m in ms {
                for (d, dim) in nomenclature.dimensions.enumerated() {
                    guard let field = source.fields[m]?[dim.id] else { continue }
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
            var raws: [Raw] = []
            try layer.forEach(fields: columns) { f in
                report.featureCount += 1
                if let yearColumn, let value = f.values[yearColumn]?.trimmingWhitespace(), !value.isEmpty,
                   Int(value.prefix(4)) != ms[0] {
                    if let m = yearMismatch { yearMismatch = (m.count + 1, m.first, m.found) } else { yearMismatch = (1, f.fid, value) }
                }
                guard let wkb = f.wkb else { report.withoutGeometry += 1; return }
                var keys = [ClassKey?](repeating: nil, count: layout.millesimes.count)
                var bad: [(String, String)] = []
                for slot in slots {
                    let value = f.values[slot.col]?.trimmingWhitespace() ?? ""
                    let dim = nomenclature.dimensions[slot.dim]
                    guard let leaf = dim.leafNumber(of: value) else {
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
                raws.append(Raw(fid: f.fid, wkb: wkb, keys: keys, bad: bad))
            }
            // Check the geometries on every core: readable, valid (repaired with MakeValid unless the
            // project rejects invalid ones), polygonal. Results are merged in reading order.
            struct Checked {
                var features: [LandCoverFeature] = []
                var errors: [InputError] = []
                var unknown: [(field: String, code: String, area: Double)] = []
                var repaired = 0, repairedAreaChange = 0.0, withoutGeometry = 0
            }
            let chunks = max(1, min(defaultThreadCount() * 4, raws.count / 1_000 + 1))
            let location = layer.location
            let checked: [Checked] = try parallelMap(count: chunks) { chunk in
                let ctx = GEOSContext()
                var out = Checked()
                for i in (raws.count * chunk / chunks)..<(raws.count * (chunk + 1) / chunks) {
                    let r = raws[i]
                    let at = "\(location), feature \(r.fid)"
                    let g: Geometry
                    do { g = try ctx.geometry(wkb: r.wkb) } catch {
                        out.errors.append(InputError(at, "unreadable geometry (\(error))"))
                        continue
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
                    }
                    if valid.isEmpty || valid.area <= 0 { out.withoutGeometry += 1; continue }
                    if !r.bad.isEmpty {
                        let area = valid.area
                        for (field, code) in r.bad { out.unknown.append((field, code, area)) }
                        if !spec.unknownCodesAsUnclassified { continue }
                    }
                    out.features.append(LandCoverFeature(source: s, fid: r.fid, wkb: valid === g ? r.wkb : valid.wkb, keys: r.keys,
                                                         area: valid.area, box: valid.bounds))
                }
                return out
            }
            if let yearMismatch, let yearField {
                throw InputError(layer.location, "field \(yearField) says \"\(yearMismatch.found)\" (feature \(yearMismatch.first), and \(yearMismatch.count) polygons in all) but the project file reads this layer as millésime \(ms[0]): are two files swapped? Fix land_cover.layers")
            }
            raws = []
            let before = features.count
            for c in checked {
                features += c.features
                geometryErrors += c.errors
                report.repaired += c.repaired
                report.repairedAreaChange += c.repairedAreaChange
                report.withoutGeometry += c.withoutGeometry
                for u in c.unknown {
                    let id = "\(s)|\(u.field)|\(u.code)"
                    unknown[id, default: UnknownCode(location: location, field: u.field, code: u.code, count: 0, area: 0)].count += 1
                    unknown[id]!.area += u.area
                }
            }
            if features.count == before && geometryErrors.isEmpty && unknown.isEmpty {
                let read = report.featureCount == 0 ? "the layer is empty" + (box == nil ? "" : " around these communes")
                    : "none of its \(report.featureCount) features is a polygon with an area (empty geometries, lines or points)"
                throw InputError(layer.location, "no land-cover polygon for millésime \(ms.map(String.init).joined(separator: ", ")): \(read); check the file and layer named in land_cover")
            }
            reports.append(report)
        }
        if !geometryErrors.isEmpty {
            throw InputErrors(Array(geometryErrors.prefix(100)) + (geometryErrors.count > 100 ? [InputError("", "… and \(geometryErrors.count - 100) more")] : []))
        }
        let list = unknown.values.sorted { ($0.location, $0.field, $0.code) < ($1.location, $1.field, $1.code) }
        if spec.unknownCodesAsUnclassified {
            for u in list { reports[reports.firstIndex { $0.location == u.location }!].unclassified.append(u) }
        } else if !list.isEmpty {
            throw InputErrors(list.map {
                InputError($0.location, "field \($0.field): code \"\($0.code.isEmpty ? "(vide)" : $0.code)\" is not in the nomenclature (\($0.count) polygons, \(FrenchNumber.hectares($0.area, decimals: 2))); fix the data or the nomenclature, or set land_cover.unknown_codes: non-classe")
            })
        }
        return (features, reports)
    }
}
