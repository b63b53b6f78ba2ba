import PortraitsCore

/// One land-cover feature ready for the overlay: its geometry (Lambert-93 WKB) and its class at
/// each millésime the source describes (nil elsewhere).
struct LandCoverFeature {
    var source: Int
    var fid: Int64
    var wkb: [UInt8]
    var keys: [ClassKey?]
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
        let ctx = GEOSContext()
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
            var report = LandCoverSourceReport(location: layer.location, crs: layer.crsName, reprojected: layer.isReprojected, millesimes: ms)
            try layer.forEach(fields: columns) { f in
                report.featureCount += 1
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
                // Geometry: readable, valid (repaired with MakeValid unless the project rejects invalid ones), polygonal.
                let at = "\(layer.location), feature \(f.fid)"
                let g: Geometry
                do { g = try ctx.geometry(wkb: wkb) } catch {
                    geometryErrors.append(InputError(at, "unreadable geometry (\(error))"))
                    return
                }
                var valid = g
                if let reason = g.invalidityReason {
                    if spec.rejectInvalidGeometries {
                        geometryErrors.append(InputError(at, "invalid geometry: \(reason)"))
                        return
                    }
                    valid = ctx.collection(try g.makeValid().polygonalParts(), multiPolygon: true)
                    report.repaired += 1
                    report.repairedAreaChange += valid.area - g.area
                }
                if valid.isEmpty || valid.area <= 0 { report.withoutGeometry += 1; return }
                let validWKB = valid === g ? wkb : valid.wkb
                if !bad.isEmpty {
                    let area = valid.area
                    for (field, code) in bad {
                        let id = "\(s)|\(field)|\(code)"
                        unknown[id, default: UnknownCode(location: layer.location, field: field, code: code, count: 0, area: 0)].count += 1
                        unknown[id]!.area += area
                    }
                    if !spec.unknownCodesAsUnclassified { return }
                }
                features.append(LandCoverFeature(source: s, fid: f.fid, wkb: validWKB, keys: keys))
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
