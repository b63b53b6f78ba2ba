import CGDAL
import PortraitsCore

/// Writes one layer of polygons in Lambert-93 to a new file through GDAL (GeoPackage by default).
///
/// GeoPackages carry SpatiaLite triggers, so they are written only through GDAL, never plain SQLite.
public final class VectorWriter {
    public enum FieldType { case string, integer, real }

    let dataset: GDALDatasetH
    var layer: OGRLayerH
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
        do {
            layer = try Self.createLayer(ds, path: path, name: name, fields: fields, options: options)
        } catch {
            GDALClose(ds)
            Self.clearDate(fixedDate)
            throw error
        }
        OGR_L_StartTransaction(layer)
    }

    static func createLayer(_ ds: GDALDatasetH, path: String, name: String, fields: [(String, FieldType)], options: [String]) throws -> OGRLayerH {
        let srs = SpatialReference(epsg: SpatialReference.lambert93Code)
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for o in options { list = CSLAddString(list, o) }
        defer { CSLDestroy(list) }
        guard let l = GDALDatasetCreateLayer(ds, name, srs.handle, wkbMultiPolygon, list) else {
            throw InputError(path, "cannot create layer \(name): \(GDALSetup.lastError("unknown reason"))")
        }
        for (fname, type) in fields {
            let t: OGRFieldType = type == .string ? OFTString : (type == .integer ? OFTInteger64 : OFTReal)
            let fd = OGR_Fld_Create(fname, t)
            OGR_L_CreateField(l, fd, 1)
            OGR_Fld_Destroy(fd)
        }
        return l
    }

    /// Field titles in the GeoPackage schema extension (`gpkg_data_columns`: name, title,
    /// description), which QGIS and GDAL read as field aliases. GDAL 3.6 does not write a field's
    /// alternative name there, so they are written through GDAL's SQL, the one way for every version.
    public func describeColumns(of table: String, titles: [(column: String, title: String)]) throws {
        OGR_L_CommitTransaction(layer)
        defer { OGR_L_StartTransaction(layer) }
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        var statements = [
            "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, "
                + "description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), "
                + "CONSTRAINT gdc_tn UNIQUE (table_name, name))",
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
                + "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
            "INSERT OR IGNORE INTO gpkg_extensions VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
                + "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
        ]
        for (column, title) in titles {
            statements.append("INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES "
                              + "(\(q(table)), \(q(column)), \(q(title)), \(q(title)), \(q(title)))")
        }
        for sql in statements {
            CPLErrorReset()
            let result = GDALDatasetExecuteSQL(dataset, sql, nil, nil)
            if let result { GDALDatasetReleaseResultSet(dataset, result) }
            guard CPLGetLastErrorType() != CE_Failure else {
                throw InputError(path, "cannot describe the columns of \(table): \(GDALSetup.lastError("unknown reason"))")
            }
        }
    }

    /// Starts another layer of polygons in the same file; `add` writes to it from then on.
    public func startLayer(_ name: String, fields: [(String, FieldType)], options: [String] = []) throws {
        OGR_L_CommitTransaction(layer)
        pending = 0
        layer = try Self.createLayer(dataset, path: path, name: name, fields: fields, options: options)
        OGR_L_StartTransaction(layer)
    }

    /// QGIS's `layer_styles` table: a default style per layer, applied when QGIS opens the layer.
    /// `styles`: layer name, style name, QGIS style (QML).
    public func addStyles(_ styles: [(layer: String, name: String, qml: String)], day: String) throws {
        OGR_L_CommitTransaction(layer)
        defer { OGR_L_StartTransaction(layer) }
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        list = CSLAddString(list, "FID=id")
        list = CSLAddString(list, "DESCRIPTION=Styles QGIS par défaut des couches")
        defer { CSLDestroy(list) }
        guard let t = GDALDatasetCreateLayer(dataset, "layer_styles", nil, wkbNone, list) else {
            throw InputError(path, "cannot create table layer_styles: \(GDALSetup.lastError("unknown reason"))")
        }
        let columns: [(String, OGRFieldType)] = [("f_table_catalog", OFTString), ("f_table_schema", OFTString), ("f_table_name", OFTString),
                                                 ("f_geometry_column", OFTString), ("styleName", OFTString), ("styleQML", OFTString),
                                                 ("styleSLD", OFTString), ("useAsDefault", OFTInteger), ("description", OFTString),
                                                 ("owner", OFTString), ("ui", OFTString), ("update_time", OFTDateTime)]
        for (c, type) in columns {
            let fd = OGR_Fld_Create(c, type)
            if c == "useAsDefault" { OGR_Fld_SetSubType(fd, OFSTBoolean) }
            OGR_L_CreateField(t, fd, 1)
            OGR_Fld_Destroy(fd)
        }
        let date = day.split(separator: "-").compactMap { Int32($0) }
        for s in styles {
            let f = OGR_F_Create(OGR_L_GetLayerDefn(t))
            defer { OGR_F_Destroy(f) }
            let values = ["", "", s.layer, "geom", s.name, s.qml, "", nil, s.name, "portraits", ""]
            for (i, v) in values.enumerated() { if let v { OGR_F_SetFieldString(f, Int32(i), v) } }
            OGR_F_SetFieldInteger(f, 7, 1)
            if date.count == 3 { OGR_F_SetFieldDateTime(f, 11, date[0], date[1], date[2], 0, 0, 0, 100) }
            guard OGR_L_CreateFeature(t, f) == OGRERR_NONE else {
                throw InputError(path, "cannot write to layer_styles: \(GDALSetup.lastError("unknown reason"))")
            }
        }
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
