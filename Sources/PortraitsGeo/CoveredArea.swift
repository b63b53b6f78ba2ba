import PortraitsCore

/// The area of a commune covered by one land-cover layer: the area of the union of the pieces of
/// that layer clipped to the commune.
///
/// A land-cover layer is meant to be a partition (OCS GE is one), and then the union's area is the
/// sum of the pieces' areas: computing the union of hundreds of pieces per commune (OverlayNG,
/// which nodes every edge) cost 95 % of the per-commune phase at scale. So the union is computed
/// only where the layer overlaps itself. The check is exact, on the layer's own polygons (before
/// clipping, where neighbours share their edges vertex for vertex): GEOS's coverage union of the
/// polygons the pieces come from drops every edge found twice; when no two of them overlap and
/// their shared edges match, the result is a valid polygonal geometry whose area is the sum of
/// theirs. An overlap (a duplicated polygon, one polygon over another, a partial overlap) leaves
/// crossing or missing edges: the result is invalid or its area differs, and the union of the
/// pieces is computed as before.
///
/// Neighbours whose shared edges do not match vertex for vertex (a vertex of one polygon on its
/// neighbour's edge: a T-junction, as along the seam between two départements' deliveries) make
/// the coverage union fail although they do not overlap. They are tried again with each polygon's
/// neighbours' vertices added to its edges (`SharedVertices`, within 10⁻⁹ of the polygons'
/// extent); that moves no edge by more than this tolerance, and the same area check then bounds
/// what it moved. Only an overlap, or edges that cross, fall back to the union.
enum CoveredArea {
    /// How a commune's covered area was obtained, for the log.
    enum Method { case sum, sumWithSharedVertices, union }

    /// Relative tolerance between the coverage union's area and the sum of its polygons' areas
    /// (rounding only: an overlap of 1 m² in 1 km² is 10⁻⁶).
    static let tolerance = 1e-9

    /// - Parameters:
    ///   - areas: the areas of the pieces of one layer in the commune, in feature order.
    ///   - originals: the layer's polygons these pieces were cut from (each once), as WKB.
    ///   - pieces: the pieces themselves, asked for only when their union is needed.
    static func of(areas: [Double], originals wkbs: [[UInt8]], pieces: () throws -> [Geometry],
                   context: GEOSContext) throws -> (Double, Method) {
        let sum = areas.reduce(0, +)
        // One polygon alone is a partition (the reader made it valid): nothing to read.
        if wkbs.count < 2 { return (sum, .sum) }
        // Read by GEOS in one collection rather than one geometry each.
        let originals = try context.collection(wkbs: wkbs)
        if try partition(originals, context: context) { return (sum, .sum) }
        if try partitionWithSharedVertices(originals, context: context) { return (sum, .sumWithSharedVertices) }
        return (try context.union(try pieces()).area, .union)
    }

    /// Whether the polygons of a collection have no overlap of positive area (and their shared
    /// edges match). `area`: the sum of the polygons' areas the union must have (theirs when nil).
    static func partition(_ polygons: Geometry, area: Double? = nil, context: GEOSContext) throws -> Bool {
        let sum = area ?? polygons.area
        // GEOS 3.11 itself refuses some inputs ("cannot process overlapping inputs", "incorrectly noded").
        guard let union = try? polygons.coverageUnion() else { return false }
        return union.isValid && abs(union.area - sum) <= tolerance * max(sum, 1)
    }

    /// Relative to the polygons' extent: how far a vertex may lie from a neighbour's edge and still
    /// be taken as on it (10 µm for a commune 10 km wide; a GEOS intersection point is computed to
    /// about 10⁻⁹ m).
    static let sharedVertexTolerance = 1e-9

    /// `partition` again, after adding to each polygon's edges its neighbours' vertices that lie on
    /// them; the union's area is compared with the original polygons' sum.
    static func partitionWithSharedVertices(_ polygons: Geometry, context: GEOSContext) throws -> Bool {
        let rings = polygons.polygons()
        // Fewer polygons than a collection of originals holds: not the input this expects; the union decides.
        guard rings.count >= 2 else { return false }
        var box = BoundingBox.empty
        for p in rings { for ring in p.rings { for v in ring { box.include(v) } } }
        guard !box.isEmpty else { return false }
        let tolerance = sharedVertexTolerance * max(box.width, box.height)
        let noded = SharedVertices.inserted(into: rings, tolerance: tolerance)
        guard noded.added > 0 else { return false }
        // A rebuilt polygon GEOS refuses: the union decides.
        guard let geometries = try? noded.polygons.map({ try context.polygon($0) }) else { return false }
        return try partition(context.collection(geometries), area: polygons.area, context: context)
    }
}
