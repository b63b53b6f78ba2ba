import CGEOS
import PortraitsCore

/// A GEOS geometry owned by Swift; it keeps its context alive and is destroyed with it.
public final class Geometry: @unchecked Sendable {
    let ptr: OpaquePointer
    public let context: GEOSContext

    init(_ ptr: OpaquePointer, _ context: GEOSContext) {
        self.ptr = ptr
        self.context = context
    }

    deinit { GEOSGeom_destroy_r(context.handle, ptr) }

    private var h: GEOSContextHandle_t { context.handle }

    private func wrap(_ p: OpaquePointer?, _ what: String) throws -> Geometry {
        guard let p else { throw GeometryError.geos(context.lastError ?? "\(what) failed") }
        return Geometry(p, context)
    }

    public var area: Double {
        var a = 0.0
        GEOSArea_r(h, ptr, &a)
        return a
    }

    public var isEmpty: Bool { GEOSisEmpty_r(h, ptr) == 1 }
    public var isValid: Bool { GEOSisValid_r(h, ptr) == 1 }

    /// Why the geometry is invalid ("Self-intersection[x y]"), or nil when it is valid.
    public var invalidityReason: String? {
        guard !isValid, let c = GEOSisValidReason_r(h, ptr) else { return nil }
        defer { GEOSFree_r(h, c) }
        return String(cString: c)
    }

    public var bounds: BoundingBox {
        var b = BoundingBox.empty
        if isEmpty { return b }
        GEOSGeom_getXMin_r(h, ptr, &b.minX)
        GEOSGeom_getYMin_r(h, ptr, &b.minY)
        GEOSGeom_getXMax_r(h, ptr, &b.maxX)
        GEOSGeom_getYMax_r(h, ptr, &b.maxY)
        return b
    }

    public func intersection(_ other: Geometry) throws -> Geometry { try wrap(GEOSIntersection_r(h, ptr, other.ptr), "intersection") }
    public func difference(_ other: Geometry) throws -> Geometry { try wrap(GEOSDifference_r(h, ptr, other.ptr), "difference") }
    public func unaryUnion() throws -> Geometry { try wrap(GEOSUnaryUnion_r(h, ptr), "union") }
    /// GEOS's coverage union: the union of polygons that do not overlap and whose shared edges
    /// match vertex for vertex, by dropping the edges found twice (no noding). On other input its
    /// result is wrong, not an error: check it (see `CoveredArea`).
    public func coverageUnion() throws -> Geometry { try wrap(GEOSCoverageUnion_r(h, ptr), "coverage union") }
    public func makeValid() throws -> Geometry { try wrap(GEOSMakeValid_r(h, ptr), "make valid") }
    public func intersects(_ other: Geometry) -> Bool { GEOSIntersects_r(h, ptr, other.ptr) == 1 }
    /// The same point set (vertex order, start point and ring direction aside).
    public func equalsTopologically(_ other: Geometry) -> Bool { GEOSEquals_r(h, ptr, other.ptr) == 1 }
    /// A GEOMETRYCOLLECTION (which land cover should not hold: its polygons are kept).
    public var isCollection: Bool { GEOSGeomTypeId_r(h, ptr) == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) }
    public func clone() -> Geometry { Geometry(GEOSGeom_clone_r(h, ptr), context) }
    /// The buffer at `distance` (negative: inward), arcs in `quadrantSegments` segments per quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int32 = 8) throws -> Geometry {
        try wrap(GEOSBuffer_r(h, ptr, distance, quadrantSegments), "buffer")
    }
    /// Whether two polygons share more than points: their interiors meet, or their boundaries
    /// share a line of positive length. Two squares touching only at a corner do not.
    /// One DE-9IM computation for both tests.
    public func sharesEdgeOrInterior(with other: Geometry) -> Bool {
        guard let m = GEOSRelate_r(h, ptr, other.ptr) else { return false }
        defer { GEOSFree_r(h, m) }
        return GEOSRelatePatternMatch_r(h, m, "T********") == 1 || GEOSRelatePatternMatch_r(h, m, "****1****") == 1
    }

    /// Douglas–Peucker simplification that keeps the topology (no self-intersection).
    public func simplified(tolerance: Double) throws -> Geometry {
        try wrap(GEOSTopologyPreserveSimplify_r(h, ptr, tolerance), "simplify")
    }

    /// Only the polygonal parts (a MakeValid or an intersection may return lines and points too).
    public func polygonalParts() -> [Geometry] {
        let type = GEOSGeomTypeId_r(h, ptr)
        switch type {
        case Int32(GEOS_POLYGON.rawValue):
            return isEmpty ? [] : [self]
        case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            var out: [Geometry] = []
            for i in 0..<GEOSGetNumGeometries_r(h, ptr) {
                let sub = Geometry(GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, ptr, i))!, context)
                out += sub.polygonalParts()
            }
            return out
        default:
            return []
        }
    }

    /// The polygons of a (multi)polygon as plain rings (other parts are dropped).
    public func polygons() -> [PolygonRings] {
        var out: [PolygonRings] = []
        appendPolygons(ptr, into: &out)
        return out
    }

    private func appendPolygons(_ g: OpaquePointer, into out: inout [PolygonRings]) {
        let type = GEOSGeomTypeId_r(h, g)
        if type == Int32(GEOS_POLYGON.rawValue) {
            if GEOSisEmpty_r(h, g) == 1 { return }
            var rings = [coordinates(of: GEOSGetExteriorRing_r(h, g)!)]
            for i in 0..<GEOSGetNumInteriorRings_r(h, g) {
                rings.append(coordinates(of: GEOSGetInteriorRingN_r(h, g, i)!))
            }
            out.append(PolygonRings(rings: rings))
        } else if type == Int32(GEOS_MULTIPOLYGON.rawValue) || type == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) {
            for i in 0..<GEOSGetNumGeometries_r(h, g) { appendPolygons(GEOSGetGeometryN_r(h, g, i)!, into: &out) }
        }
    }

    private func coordinates(of ring: OpaquePointer) -> [Point] {
        guard let seq = GEOSGeom_getCoordSeq_r(h, ring) else { return [] }
        var n: UInt32 = 0
        GEOSCoordSeq_getSize_r(h, seq, &n)
        var buf = [Double](repeating: 0, count: Int(n) * 2)
        buf.withUnsafeMutableBufferPointer { _ = GEOSCoordSeq_copyToBuffer_r(h, seq, $0.baseAddress, 0, 0) }
        var pts: [Point] = []
        pts.reserveCapacity(Int(n))
        for i in 0..<Int(n) { pts.append(Point(buf[2 * i], buf[2 * i + 1])) }
        return pts
    }

    /// ISO WKB, little endian.
    public var wkb: [UInt8] {
        let w = GEOSWKBWriter_create_r(h)
        defer { GEOSWKBWriter_destroy_r(h, w) }
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(h, w, ptr, &size) else { return [] }
        defer { GEOSFree_r(h, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}

/// A prepared geometry for fast repeated predicates; it keeps its base geometry alive.
public final class PreparedGeometry: @unchecked Sendable {
    let ptr: OpaquePointer
    public let base: Geometry

    public init(_ base: Geometry) {
        self.base = base
        self.ptr = GEOSPrepare_r(base.context.handle, base.ptr)
    }

    deinit { GEOSPreparedGeom_destroy_r(base.context.handle, ptr) }

    public func containsProperly(_ g: Geometry) -> Bool { GEOSPreparedContainsProperly_r(base.context.handle, ptr, g.ptr) == 1 }
    public func intersects(_ g: Geometry) -> Bool { GEOSPreparedIntersects_r(base.context.handle, ptr, g.ptr) == 1 }
}

/// A read-only STRtree of geometries, queried by envelope; items are indices into `geometries`.
public final class SpatialIndex: @unchecked Sendable {
    let tree: OpaquePointer
    public let geometries: [Geometry]
    let context: GEOSContext

    public init(_ geometries: [Geometry], context: GEOSContext) {
        self.context = context
        self.geometries = geometries
        tree = GEOSSTRtree_create_r(context.handle, 10)
        for (i, g) in geometries.enumerated() {
            GEOSSTRtree_insert_r(context.handle, tree, g.ptr, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, tree) }

    /// Indices of the geometries whose envelope intersects the envelope of `g`, sorted.
    public func query(_ g: Geometry) -> [Int] {
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { ptr in
            GEOSSTRtree_query_r(context.handle, tree, g.ptr, { item, userdata in
                let list = userdata!.assumingMemoryBound(to: [Int].self)
                list.pointee.append(Int(bitPattern: item) - 1)
            }, ptr)
        }
        return found.sorted()
    }
}
