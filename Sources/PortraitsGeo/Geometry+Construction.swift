import CGEOS
import PortraitsCore

extension GEOSContext {
    /// A MultiPoint from coordinates.
    public func multiPoint(_ points: [Point]) throws -> Geometry {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(points.count)
        for p in points {
            guard let g = GEOSGeom_createPointFromXY_r(handle, p.x, p.y) else { throw GeometryError.geos(lastError ?? "point") }
            parts.append(g)
        }
        let g = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(handle, Int32(GEOS_MULTIPOINT.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let g else { throw GeometryError.geos(lastError ?? "multipoint") }
        return Geometry(g, self)
    }

    /// The Voronoi cells of `points`, clipped to `envelope`'s extent by GEOS (one polygon per point).
    public func voronoiCells(_ points: [Point], envelope: Geometry) throws -> [Geometry] {
        let mp = try multiPoint(points)
        guard let g = GEOSVoronoiDiagram_r(handle, mp.ptr, envelope.ptr, 0, 0) else {
            throw GeometryError.geos(lastError ?? "voronoi")
        }
        return Geometry(g, self).polygonalParts()
    }

    /// An axis-aligned rectangle polygon.
    public func rectangle(_ b: BoundingBox) throws -> Geometry {
        try polygon(PolygonRings(rings: [[Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.maxX, b.maxY), Point(b.minX, b.maxY)]]))
    }
}

extension Geometry {
    /// The centroid (for a polygon, inside its convex hull).
    public var centroid: Point {
        guard let c = GEOSGetCentroid_r(context.handle, ptr) else { return Point(0, 0) }
        defer { GEOSGeom_destroy_r(context.handle, c) }
        var x = 0.0, y = 0.0
        GEOSGeomGetX_r(context.handle, c, &x)
        GEOSGeomGetY_r(context.handle, c, &y)
        return Point(x, y)
    }
}
