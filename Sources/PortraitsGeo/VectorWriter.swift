import CGDAL
import PortraitsCore

/// Writes one layer of polygons in Lambert-93 to a new file through GDAL (GeoPackage by default).
///
/// GeoPackages carry SpatiaLite triggers, so they are written only through GDAL, never plain SQLite.
public final class VectorWriter {
    public enum FieldType { case string, integer, real }

    let dataset: GDALDatasetH
    let layer: OGRLayerH
    let path: String
    private var pending = 0
    private var closed = false

    private let fixedDate: Bool

    /// `options`: GDAL layer creation options (for a GeoPackage, `IDENTIFIER=…`, `DESCRIPTION=…`).
    /// `day` ("2026-11-26"): the date a GeoPackage records as its last change (default: now), so
    /// that two builds of the same inputs give the same bytes. Use the writer on one thread.
    public init(path: String, driver: String = "GPKG", layer name: String, fields: [(String, FieldType)], options: [String] = [],
                day: String? = nil) throws {
        _ = GDALSetup.once
        fixedDate = day != nil
        if let day { CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", "\(day)T00:00:00.000Z") }
        self.path = path
        guard let drv = GDALGetDriverByName(driver) else { Self.clearDate(fixedDate); throw InputError(path, "GDAL has no \(driver) driver") }
        CPLErrorReset()
        guard let ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, nil) else {
            Self.clearDate(fixedDate)
            throw InputError(path, "cannot create: \(GDALSetup.lastError("unknown reason"))")
        }
        dataset = ds
        let srs = SpatialReference(epsg: SpatialReference.lambert93Code)
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for o in options { list = CSLAddString(list, o) }
        defer { CSLDestroy(list) }
        guard let l = GDALDatasetCreateLayer(ds, name, srs.handle, wkbMultiPolygon, list) else {
            GDALClose(ds)
            throw InputError(path, "cannot create layer \(name): \(GDALSetup.lastError("unknown reason"))")
        }
        layer = l
        for (fname, type) in fields {
            let t: OGRFieldType = type == .string ? OFTString : (type == .integer ? OFTInteger64 : OFTReal)
            let fd = OGR_Fld_Create(fname, t)
            OGR_L_CreateField(l, fd, 1)
            OGR_Fld_Destroy(fd)
        }
        OGR_L_StartTransaction(l)
    }

    /// Adds a feature: values in field order (String, Int, Double or nil) and a geometry as WKB.
    public func add(_ values: [Any?], wkb: [UInt8]) throws {
        let f = OGR_F_Create(OGR_L_GetLayerDefn(layer))
        defer { OGR_F_Destroy(f) }
        for (i, v) in values.enumerated() {
            switch v {
            case let s as String: OGR_F_SetFieldString(f, Int32(i), s)
            case let n as Int: OGR_F_SetFieldInteger64(f, Int32(i), GIntBig(n))
            case let d as Double: OGR_F_SetFieldDouble(f, Int32(i), d)
            default: OGR_F_SetFieldNull(f, Int32(i))
            }
        }
        var g: OGRGeometryH? = nil
        var bytes = wkb
        let err = bytes.withUnsafeMutableBufferPointer { OGR_G_CreateFromWkb($0.baseAddress, nil, &g, Int32($0.count)) }
        guard err == OGRERR_NONE, let g0 = g else { throw InputError(path, "invalid geometry for feature") }
        let multi = OGR_G_ForceToMultiPolygon(g0)
        OGR_F_SetGeometryDirectly(f, multi)
        guard OGR_L_CreateFeature(layer, f) == OGRERR_NONE else {
            throw InputError(path, "cannot write feature: \(GDALSetup.lastError("unknown reason"))")
        }
        pending += 1
        if pending >= 20_000 {
            OGR_L_CommitTransaction(layer)
            OGR_L_StartTransaction(layer)
            pending = 0
        }
    }

    /// Adds a table without geometry (text columns), for example the sources and licence of a file.
    public func addTable(_ name: String, columns: [String], rows: [[String]], options: [String] = []) throws {
        OGR_L_CommitTransaction(layer)
        defer { OGR_L_StartTransaction(layer) }
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for o in options { list = CSLAddString(list, o) }
        defer { CSLDestroy(list) }
        guard let t = GDALDatasetCreateLayer(dataset, name, nil, wkbNone, list) else {
            throw InputError(path, "cannot create table \(name): \(GDALSetup.lastError("unknown reason"))")
        }
        for c in columns {
            let fd = OGR_Fld_Create(c, OFTString)
            OGR_L_CreateField(t, fd, 1)
            OGR_Fld_Destroy(fd)
        }
        for row in rows {
            let f = OGR_F_Create(OGR_L_GetLayerDefn(t))
            defer { OGR_F_Destroy(f) }
            for (i, v) in row.enumerated() { OGR_F_SetFieldString(f, Int32(i), v) }
            guard OGR_L_CreateFeature(t, f) == OGRERR_NONE else {
                throw InputError(path, "cannot write to table \(name): \(GDALSetup.lastError("unknown reason"))")
            }
        }
    }

    /// Commits and closes the file.
    public func close() throws {
        guard !closed else { return }
        closed = true
        OGR_L_CommitTransaction(layer)
        GDALClose(dataset)
        Self.clearDate(fixedDate)
    }

    static func clearDate(_ fixed: Bool) {
        if fixed { CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nil) }
    }

    /// A writer abandoned after an error still releases its file.
    deinit { if !closed { GDALClose(dataset); Self.clearDate(fixedDate) } }
}
