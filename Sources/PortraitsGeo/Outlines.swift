import PortraitsCore

/// Outlines of groups of communes (EPCI, département, région): the union of their geometries.
public enum Outlines {
    /// For each group of commune indices, the polygons of the union of those communes.
    public static func unions(of communes: [CommuneShape], groups: [[Int]]) throws -> [[PolygonRings]] {
        let chunks = max(1, min(groups.count, defaultThreadCount() * 4))
        // The largest groups first, spread over the chunks, so workers finish together.
        let order = groups.indices.sorted { groups[$0].count > groups[$1].count }
        let parts: [[(Int, [PolygonRings])]] = try parallelMap(count: chunks) { chunk in
            let ctx = GEOSContext()
            var out: [(Int, [PolygonRings])] = []
            for (k, g) in order.enumerated() where k % chunks == chunk {
                let geoms = try groups[g].map { try ctx.geometry(wkb: communes[$0].wkb) }
                out.append((g, try ctx.union(geoms).polygons()))
            }
            return out
        }
        var result = [[PolygonRings]](repeating: [], count: groups.count)
        for list in parts { for (g, p) in list { result[g] = p } }
        return result
    }
}
