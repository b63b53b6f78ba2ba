import Foundation
import CGDAL
import PortraitsCore

/// One feature as read: its id, the requested attribute values as text, and its geometry in
/// Lambert-93 as WKB (nil when the feature has no geometry).
public struct VectorFeature {
    public var fid: Int64
    public var values: [String?]
    public var wkb: [UInt8]?
}

/// A layer of a `VectorDataset`, read sequentially with geometries brought to Lambert-93.
public final class VectorLayer {
    let handle: OGRLayerH
    public let dataset: VectorDataset
    public let name: String
    private let reprojection: Reprojection?
    private let sourceReference: SpatialReference
    /// The layer's CRS as a short name ("EPSG:2154").
    public let crsName: String

    init(_ handle: OGRLayerH, dataset: VectorDataset, assumedCRS: String? = nil) throws {
        self.handle = handle
        self.dataset = dataset
        self.name = String(cString: OGR_L_GetName(handle))
        let l93 = SpatialReference(epsg: SpatialReference.lambert93Code)
        let source: SpatialReference
        if let s = OGR_L_GetSpatialRef(handle) {
            source = SpatialReference(cloning: s)
        } else if let assumedCRS {
            source = try SpatialReference(definition: assumedCRS)
        } else if OGR_L_GetGeomType(handle) == wkbNone {
            source = l93
        } else {
            throw InputError("\(dataset.path), layer \(String(cString: OGR_L_GetName(handle)))",
                             "the layer has no coordinate reference system; set `crs:` for it in the configuration")
        }
        crsName = source.name
        sourceReference = source
        reprojection = source.isSame(as: l93) ? nil : try Reprojection(from: source, to: l93)
    }

    public var location: String { "\(dataset.path), layer \(name)" }

    public var fieldNames: [String] {
        let defn = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(defn)).map { String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, $0))) }
    }

    public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    public var isReprojected: Bool { reprojection != nil }

    /// Features `forEach(skipOutside: true)` passed over.
    public private(set) var skippedOutside = 0
    /// Geometries read with curves (CURVEPOLYGON, MULTISURFACE…), linearised; and with Z or M
    /// coordinates, flattened to 2D.
    public private(set) var linearised = 0
    public private(set) var flattened = 0

    /// Index of a field, or an error naming the file, the layer, the field and the fields there are.
    public func fieldIndex(_ field: String) throws -> Int32 {
        let i = OGR_L_FindFieldIndex(handle, field, 1)
        guard i >= 0 else {
            throw InputError(location, "no field \"\(field)\" (fields: \(fieldNames.joined(separator: ", ")))")
        }
        return i
    }

    /// The layer's extent in Lambert-93 (its corners reprojected when it is in another CRS), or
    /// nil when GDAL cannot say.
    public func extent() -> BoundingBox? {
        var e = OGREnvelope()
        guard OGR_L_GetExtent(handle, &e, 1) == OGRERR_NONE else { return nil }
        guard let reprojection else { return BoundingBox(minX: e.MinX, minY: e.MinY, maxX: e.MaxX, maxY: e.MaxY) }
        var xs = [e.MinX, e.MaxX, e.MinX, e.MaxX], ys = [e.MinY, e.MinY, e.MaxY, e.MaxY]
        var ok = [Int32](repeating: 0, count: 4)
        guard OCTTransformEx(reprojection.transform, 4, &xs, &ys, nil, &ok) != 0, ok.allSatisfy({ $0 != 0 }) else { return nil }
        return BoundingBox(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }

    /// The distinct values of a field (nil for features where it is NULL or unset), in the order
    /// GDAL gives them: one SQL query (SQLite's own for a GeoPackage), no geometry read.
    public func distinctValues(of field: String) throws -> [String?] {
        _ = try fieldIndex(field)
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        CPLErrorReset()
        guard let result = GDALDatasetExecuteSQL(dataset.handle, "SELECT DISTINCT \(quoted(field)) FROM \(quoted(name))", nil, nil) else {
            throw InputError(location, "cannot list the values of field \(field): \(GDALSetup.lastError("query failed"))")
        }
        defer { GDALDatasetReleaseResultSet(dataset.handle, result) }
        var out: [String?] = []
        OGR_L_ResetReading(result)
        while let f = OGR_L_GetNextFeature(result) {
            out.append(OGR_F_IsFieldSetAndNotNull(f, 0) != 0 ? String(cString: OGR_F_GetFieldAsString(f, 0)) : nil)
            OGR_F_Destroy(f)
        }
        return out
    }

    /// Restricts reading to the features where an OGR SQL condition holds (nil: all); an invalid
    /// condition is an error naming it.
    public func setAttributeFilter(_ condition: String?) throws {
        CPLErrorReset()
        guard OGR_L_SetAttributeFilter(handle, condition) == OGRERR_NONE else {
            throw InputError(location, "cannot select the features where \(condition ?? ""): \(GDALSetup.lastError("invalid condition"))")
        }
        attributeFilter = condition
    }

    /// The condition `setAttributeFilter` set: `forEach` then reads feature by feature, since
    /// GDAL's stream ignores the fields not asked for, and with them, for drivers where OGR
    /// evaluates the condition itself (Shapefile), the fields the condition names.
    private(set) var attributeFilter: String?

    /// Restricts reading to the features whose envelope meets a Lambert-93 rectangle (nil: all).
    /// The rectangle is brought to the layer's reference first (its sides densified to 1 km).
    public func setSpatialFilter(_ box: BoundingBox?) throws {
        guard let box, !box.isEmpty else { OGR_L_SetSpatialFilter(handle, nil); return }
        guard reprojection != nil else {
            OGR_L_SetSpatialFilterRect(handle, box.minX, box.minY, box.maxX, box.maxY)
            return
        }
        let ring = OGR_G_CreateGeometry(wkbLinearRing)
        for (x, y) in [(box.minX, box.minY), (box.maxX, box.minY), (box.maxX, box.maxY), (box.minX, box.maxY), (box.minX, box.minY)] {
            OGR_G_AddPoint_2D(ring, x, y)
        }
        let polygon = OGR_G_CreateGeometry(wkbPolygon)
        OGR_G_AddGeometryDirectly(polygon, ring)
        defer { OGR_G_DestroyGeometry(polygon) }
        OGR_G_Segmentize(polygon, 1000)
        let inverse = try Reprojection(from: SpatialReference(epsg: SpatialReference.lambert93Code), to: sourceReference)
        guard OGR_G_Transform(polygon, inverse.transform) == OGRERR_NONE else {
            throw InputError(location, "cannot bring the shard's rectangle to the layer's reference: \(GDALSetup.lastError("transformation failed"))")
        }
        OGR_L_SetSpatialFilter(handle, polygon)
    }

    /// Where Lambert-93 coordinates of metropolitan France lie (EPSG:2154's area of use, 41°–52° N,
    /// 10° W–10° E, about x −380 to 1 320 km and y 6 000 to 7 240 km), with a wide margin.
    public static let plausibleX = -1_000_000.0...2_500_000.0
    public static let plausibleY = 5_000_000.0...8_500_000.0

    /// Coordinates that are not finite or fall far outside metropolitan France once in Lambert-93
    /// are an error naming the feature: a wrong CRS, or a corrupt coordinate (1e300) that would
    /// otherwise overflow the computations downstream.
    func checkPlausible(_ g: OGRGeometryH, fid: Int64) throws {
        var e = OGREnvelope()
        OGR_G_GetEnvelope(g, &e)
        let inside = [e.MinX, e.MaxX, e.MinY, e.MaxY].allSatisfy(\.isFinite)
            && Self.plausibleX.contains(e.MinX) && Self.plausibleX.contains(e.MaxX)
            && Self.plausibleY.contains(e.MinY) && Self.plausibleY.contains(e.MaxY)
        guard !inside else { return }
        func f(_ v: Double) -> String {
            guard v.isFinite && abs(v) < 1e12 else { return "\(v)" }
            return abs(v) < 1_000 ? String(format: "%.4f", v) : String(Int(v.rounded()))
        }
        throw InputError("\(location), feature \(fid)",
                         "coordinates x \(f(e.MinX))…\(f(e.MaxX)), y \(f(e.MinY))…\(f(e.MaxY)) (in EPSG:2154, read as \(crsName)) lie outside metropolitan France, where Lambert-93 applies: the layer's CRS is probably wrong (fix its .prj or metadata, or set `crs:`), or the feature's coordinates are corrupt")
    }

    /// Reads every feature, with the values of `fields` (by name) and the geometry in Lambert-93.
    /// A feature outside metropolitan France is an error naming it, or, with `skipOutside`, passed
    /// over and counted in `skippedOutside` (a national layer drawn over the explorer's maps).
    /// With `geometry: false`, no geometry is read (a table of names): `wkb` is nil.
    ///
    /// A layer already in Lambert-93 whose fields are text or integers, without an attribute filter,
    /// is read through GDAL's Arrow stream (`forEachRow`): the same features, values and WKB,
    /// without an OGR feature per row
    /// (`columnar: false` reads feature by feature all the same: the tests compare both).
    public func forEach(fields: [String], skipOutside: Bool = false, geometry: Bool = true, columnar: Bool = true,
                        _ body: (VectorFeature) throws -> Void) throws {
        let indices = try fields.map { try fieldIndex($0) }
        OGR_L_ResetReading(handle)
        CPLErrorReset()
        if geometry, columnar, reprojection == nil, attributeFilter == nil,
           let stream = try ArrowLayerStream.ifSupported(self, fields: fields, includeFID: true, integers: true) {
            try forEachRow(of: stream, fields: fields, skipOutside: skipOutside, body)
            // A read error ends GDAL's stream as it ends the feature loop below: it must not pass for the end.
            if CPLGetLastErrorType() == CE_Failure {
                throw InputError(location, "reading stopped: \(GDALSetup.lastError("read error"))")
            }
            return
        }
        if !geometry {
            let ignored = CSLAddString(nil, "OGR_GEOMETRY")
            _ = ignored?.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: 2) { OGR_L_SetIgnoredFields(handle, $0) }
            CSLDestroy(ignored)
        }
        defer { if !geometry { OGR_L_SetIgnoredFields(handle, nil) } }
        OGR_L_ResetReading(handle)
        CPLErrorReset()
        while let f = OGR_L_GetNextFeature(handle) {
            defer { OGR_F_Destroy(f) }
            let fid = OGR_F_GetFID(f)
            let values: [String?] = try zip(indices, fields).map { i, name in
                guard OGR_F_IsFieldSetAndNotNull(f, i) != 0 else { return nil }
                let raw = OGR_F_GetFieldAsString(f, i)!
                guard let text = String(validatingCString: raw) else { throw notUTF8(fid: fid, field: name, shown: String(cString: raw)) }
                return text
            }
            var wkb: [UInt8]? = nil
            if let g0 = OGR_F_GetGeometryRef(f), OGR_G_IsEmpty(g0) == 0 {
                // The geometry is the feature's, destroyed with it.
                guard let bytes = try normalised(g0, fid: fid, skipOutside: skipOutside) else { continue }
                wkb = bytes
            }
            try body(VectorFeature(fid: fid, values: values, wkb: wkb))
        }
        if CPLGetLastErrorType() == CE_Failure {
            throw InputError(location, "reading stopped: \(GDALSetup.lastError("read error"))")
        }
    }

    func notUTF8(fid: Int64, field: String, shown: String) -> InputError {
        InputError("\(location), feature \(fid)", "field \(field) is not UTF-8 text (\"\(shown)\"): the file does not say its encoding (a Shapefile without its .cpg); set `encoding:` for it in the project file (ISO-8859-1, CP1252…)")
    }

    /// A non-empty geometry as the readers take it: Z and M dropped (in place), curves linearised,
    /// in Lambert-93, rings closed, as ISO WKB. Nil: outside metropolitan France and `skipOutside`
    /// (counted); outside without it is an error naming the feature.
    func normalised(_ g0: OGRGeometryH, fid: Int64, skipOutside: Bool) throws -> [UInt8]? {
        if OGR_G_Is3D(g0) != 0 || OGR_G_IsMeasured(g0) != 0 {
            OGR_G_FlattenTo2D(g0)
            flattened += 1
        }
        var g = g0
        var owned: OGRGeometryH? = nil
        if OGR_G_HasCurveGeometry(g, 1) != 0 {
            owned = OGR_G_GetLinearGeometry(g, 0, nil)
            g = owned ?? g
            linearised += 1
        } else if reprojection != nil {
            owned = OGR_G_Clone(g)
            g = owned!
        }
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        if let r = reprojection {
            guard OGR_G_Transform(g, r.transform) == OGRERR_NONE else {
                throw InputError("\(location), feature \(fid)", "cannot reproject from \(crsName) to EPSG:2154 (\(GDALSetup.lastError("transformation failed"))): are the coordinates really in \(crsName)? Fix the layer's CRS, or set `crs:` for it")
            }
        }
        do { try checkPlausible(g, fid: fid) } catch where skipOutside {
            skippedOutside += 1
            return nil
        }
        OGR_G_CloseRings(g) // unclosed rings (a common defect) are closed before GEOS reads them
        let size = Int(OGR_G_WkbSize(g))
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBufferPointer { _ = OGR_G_ExportToIsoWkb(g, wkbNDR, $0.baseAddress) }
        return bytes
    }
}
