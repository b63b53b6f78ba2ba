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

    public init(path: String, driver: String = "GPKG", layer name: String, fields: [(String, FieldType)]) throws {
        _ = GDALSetup.once
        self.path = path
        guard let drv = GDALGetDriverByName(driver) else { throw InputError(path, "GDAL has no \(driver) driver") }
        CPLErrorReset()
        guard let ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw InputError(path, "cannot create: \(GDALSetup.lastError("unknown reason"))")
        }
        dataset = ds
        let srs = SpatialReference(epsg: SpatialReference.lambert93Code)
        guard let l = GDALDatasetCreateLayer(ds, name, srs.handle, wkbMultiPolygon, nil) else {
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

    /// Commits and closes the file.
    public func close() throws {
        guard !closed else { return }
        closed = true
        OGR_L_CommitTransaction(layer)
        GDALClose(dataset)
    }

    /// A writer abandoned after an error still releases its file.
    deinit { if !closed { GDALClose(dataset) } }
}
