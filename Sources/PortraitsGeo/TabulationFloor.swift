import Dispatch
import PortraitsCore

/// The floor the tabulation is measured against (`portraits bench-floor`): the least work anyone
/// must do to get areas by commune from the same layers — GDAL reading every land-cover polygon
/// (brought to Lambert-93 as WKB), then on every core GEOS intersecting each polygon with every
/// commune its envelope meets (STRtree) and summing the areas. No validity check, no
/// nomenclature, no thresholds, no maps.
public enum TabulationFloor {
    public struct Result: Sendable {
        public var polygons: Int
        public var readSeconds: Double
        public var intersectSeconds: Double
        public var area: Double
    }

    public static func run(communes: [CommuneShape], landCover: LandCoverSpec, threads: Int = defaultThreadCount()) throws -> Result {
        var start = DispatchTime.now().uptimeNanoseconds
        var wkbs: [[UInt8]] = []
        for source in landCover.sources {
            let layer = try VectorDataset(path: source.layer.path).layer(source.layer.layer, crs: source.layer.crs)
            try layer.forEach(fields: []) { f in if let w = f.wkb { wkbs.append(w) } }
        }
        let read = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        start = DispatchTime.now().uptimeNanoseconds
        let chunks = max(1, threads * 4)
        let sums: [Double] = try parallelMap(count: chunks) { chunk in
            let ctx = GEOSContext()
            let geoms = try communes.map { try ctx.geometry(wkb: $0.wkb) }
            let index = SpatialIndex(geoms, context: ctx)
            var sum = 0.0
            for i in (wkbs.count * chunk / chunks)..<(wkbs.count * (chunk + 1) / chunks) {
                let g = try ctx.geometry(wkb: wkbs[i])
                for c in index.query(g) where geoms[c].intersects(g) {
                    sum += (try? geoms[c].intersection(g).area) ?? 0
                }
            }
            return sum
        }
        let intersect = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(polygons: wkbs.count, readSeconds: read, intersectSeconds: intersect, area: sums.reduce(0, +))
    }
}
