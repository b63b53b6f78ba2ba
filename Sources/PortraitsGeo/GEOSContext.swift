import CGEOS
import PortraitsCore

/// A GEOS context: one per thread, never shared. Geometries made through it keep it alive.
public final class GEOSContext: @unchecked Sendable {
    let handle: GEOSContextHandle_t
    /// The last error message GEOS reported through this context.
    public fileprivate(set) var lastError: String?

    public init() {
        handle = GEOS_init_r()
        let me = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata, let message else { return }
            Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue().lastError = String(cString: message)
        }, me)
        GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit { GEOS_finish_r(handle) }

    /// Reads WKB (ISO or extended) into a geometry.
    public func geometry(wkb: [UInt8]) throws -> Geometry {
        let reader = GEOSWKBReader_create_r(handle)
        defer { GEOSWKBReader_destroy_r(handle, reader) }
        guard let g = wkb.withUnsafeBufferPointer({ GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }) else {
            throw GeometryError.geos(lastError ?? "unreadable WKB")
        }
        return Geometry(g, self)
    }

    /// A GeometryCollection of geometries given as WKB, read in one call (no geometry per part
    /// built, then copied, as `collection` does).
    public func collection(wkbs: [[UInt8]]) throws -> Geometry {
        var bytes: [UInt8] = [1]
        bytes.reserveCapacity(9 + wkbs.reduce(0) { $0 + $1.count })
        withUnsafeBytes(of: UInt32(7).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(wkbs.count).littleEndian) { bytes.append(contentsOf: $0) }
        for w in wkbs { bytes += w }
        return try geometry(wkb: bytes)
    }

    /// A polygon from rings (exterior first); rings are closed when they are not.
    public func polygon(_ p: PolygonRings) throws -> Geometry {
        func ring(_ pts: [Point]) throws -> OpaquePointer {
            var pts = pts
            if let f = pts.first, f != pts.last { pts.append(f) }
            guard let seq = GEOSCoordSeq_create_r(handle, UInt32(pts.count), 2) else { throw GeometryError.geos(lastError ?? "coordinate sequence") }
            for (i, q) in pts.enumerated() { GEOSCoordSeq_setXY_r(handle, seq, UInt32(i), q.x, q.y) }
            guard let r = GEOSGeom_createLinearRing_r(handle, seq) else { throw GeometryError.geos(lastError ?? "invalid ring") }
            return r
        }
        guard let first = p.rings.first else {
            return Geometry(GEOSGeom_createEmptyPolygon_r(handle), self)
        }
        let shell = try ring(first)
        var holes: [OpaquePointer?] = try p.rings.dropFirst().map { try ring($0) }
        let g = holes.withUnsafeMutableBufferPointer { GEOSGeom_createPolygon_r(handle, shell, $0.baseAddress, UInt32($0.count)) }
        guard let g else { throw GeometryError.geos(lastError ?? "invalid polygon") }
        return Geometry(g, self)
    }

    /// A collection (MultiPolygon when `multiPolygon`, else GeometryCollection) of copies of `parts`.
    public func collection(_ parts: [Geometry], multiPolygon: Bool = false) -> Geometry {
        var clones: [OpaquePointer?] = parts.map { GEOSGeom_clone_r(handle, $0.ptr) }
        let type = Int32(multiPolygon ? GEOS_MULTIPOLYGON.rawValue : GEOS_GEOMETRYCOLLECTION.rawValue)
        let g = clones.withUnsafeMutableBufferPointer { GEOSGeom_createCollection_r(handle, type, $0.baseAddress, UInt32($0.count)) }
        return Geometry(g!, self)
    }

    /// Union of many geometries (cascaded).
    public func union(_ parts: [Geometry]) throws -> Geometry {
        if parts.isEmpty { return Geometry(GEOSGeom_createEmptyPolygon_r(handle), self) }
        return try collection(parts).unaryUnion()
    }
}

public enum GeometryError: Error, CustomStringConvertible {
    case geos(String)
    public var description: String {
        switch self { case .geos(let m): return "GEOS: \(m)" }
    }
}
