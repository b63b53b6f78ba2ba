import PortraitsCore

/// Pairs of communes whose surfaces overlap (a commune layer must be a partition of the ground:
/// an overlap would count its land cover twice in every parent). Looked for only where a union of
/// communes came out smaller than their sum, so a clean layer costs nothing.
public enum CommuneOverlaps {
    public struct Pair: Sendable, Equatable {
        public var first: Int
        public var second: Int
        /// Overlapping area (m²).
        public var area: Double
    }

    /// The overlapping pairs among `indices` of `communes` whose overlap exceeds `tolerance` m²
    /// (below it, digitising noise that no figure rounded to the are would show). Invalid outlines
    /// are made valid first.
    public static func find(_ communes: [CommuneShape], among indices: [Int], tolerance: Double) throws -> [Pair] {
        let ctx = GEOSContext()
        let geoms = try indices.map { i -> Geometry in
            let g = try ctx.geometry(wkb: communes[i].wkb)
            return g.isValid ? g : try g.makeValid()
        }
        let prepared = geoms.map { PreparedGeometry($0) }
        let tree = SpatialIndex(geoms, context: ctx)
        var out: [Pair] = []
        for a in geoms.indices {
            for b in tree.query(geoms[a]) where b > a && prepared[a].intersects(geoms[b]) {
                let area = try geoms[a].intersection(geoms[b]).area
                if area > tolerance { out.append(Pair(first: indices[a], second: indices[b], area: area)) }
            }
        }
        return out
    }
}
