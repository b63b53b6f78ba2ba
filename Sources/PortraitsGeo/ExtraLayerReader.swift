import PortraitsCore

/// A feature of an extra layer drawn over the explorer's maps: its category and its polygons.
public struct ExtraFeature: Sendable {
    public var category: String
    public var polygons: [PolygonRings]
    public var bounds: BoundingBox
}

/// Reads a polygon layer to draw over maps (PLU zoning, protected areas…), in Lambert-93.
/// Errors name the file, the layer and the feature.
public enum ExtraLayerReader {
    public static func read(_ ref: LayerRef, categoryField: String?) throws -> [ExtraFeature] {
        let ds = try VectorDataset(ref)
        let layer = try ds.layer(ref.layer, crs: ref.crs)
        if let f = categoryField { _ = try layer.fieldIndex(f) }
        let ctx = GEOSContext()
        var out: [ExtraFeature] = []
        // A national layer may hold overseas features: they are outside every map here.
        try layer.forEach(fields: categoryField.map { [$0] } ?? [], skipOutside: true) { f in
            guard let wkb = f.wkb else { return }
            let g: Geometry
            do { g = try ctx.geometry(wkb: wkb) } catch {
                throw InputError("\(layer.location), feature \(f.fid)", "unreadable geometry: \(error)")
            }
            let polygons = g.polygons()
            guard !polygons.isEmpty else {
                throw InputError("\(layer.location), feature \(f.fid)", "not a polygon (extra layers hold polygons or multipolygons)")
            }
            var b = BoundingBox.empty
            for p in polygons { b.formUnion(p.bounds) }
            out.append(ExtraFeature(category: f.values.first.flatMap { $0?.trimmingWhitespace() } ?? "", polygons: polygons, bounds: b))
        }
        return out
    }
}
