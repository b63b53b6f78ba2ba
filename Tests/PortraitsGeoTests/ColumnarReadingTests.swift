import CGDAL
import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo

/// A layer read through GDAL's Arrow stream gives what reading it feature by feature gives: the
/// same features, ids, values and WKB, the same counts of geometries linearised and flattened, the
/// same errors, with and without a spatial filter.
final class ColumnarReadingTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-arrow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A layer `ocs` in Lambert-93 (a GeoPackage of any geometry type, or a Shapefile of polygons),
    /// with text fields CS and US, an integer field N (the feature's rank) and a real field R, its
    /// features given as WKB (nil: no geometry).
    func layer(_ features: [(cs: String?, us: String, wkb: [UInt8]?)], shapefile: Bool = false) throws -> String {
        _ = GDALSetup.once
        let path = dir.appendingPathComponent(shapefile ? "s-\(UUID().uuidString)" : "l-\(UUID().uuidString).gpkg").path
        let ds = try XCTUnwrap(GDALCreate(GDALGetDriverByName(shapefile ? "ESRI Shapefile" : "GPKG"), path, 0, 0, 0, GDT_Unknown, nil))
        let srs = SpatialReference(epsg: SpatialReference.lambert93Code)
        let l = try XCTUnwrap(GDALDatasetCreateLayer(ds, "ocs", srs.handle, shapefile ? wkbPolygon : wkbUnknown, nil))
        for (name, type) in [("CS", OFTString), ("US", OFTString), ("N", OFTInteger), ("R", OFTReal)] {
            let fd = OGR_Fld_Create(name, type)
            OGR_L_CreateField(l, fd, 1)
            OGR_Fld_Destroy(fd)
        }
        for (i, f) in features.enumerated() {
            let feature = OGR_F_Create(OGR_L_GetLayerDefn(l))
            if let cs = f.cs { OGR_F_SetFieldString(feature, 0, cs) } else { OGR_F_SetFieldNull(feature, 0) }
            OGR_F_SetFieldString(feature, 1, f.us)
            OGR_F_SetFieldInteger(feature, 2, Int32(i))
            OGR_F_SetFieldDouble(feature, 3, Double(i) / 2)
            if var wkb = f.wkb {
                var g: OGRGeometryH? = nil
                XCTAssertEqual(wkb.withUnsafeMutableBufferPointer { OGR_G_CreateFromWkb($0.baseAddress, nil, &g, Int32($0.count)) }, OGRERR_NONE)
                OGR_F_SetGeometryDirectly(feature, g)
            }
            XCTAssertEqual(OGR_L_CreateFeature(l, feature), OGRERR_NONE)
            OGR_F_Destroy(feature)
        }
        GDALClose(ds)
        return shapefile ? path + "/ocs.shp" : path
    }

    func wkb(_ wkt: String) throws -> [UInt8] {
        var g: OGRGeometryH? = nil
        var text: UnsafeMutablePointer<CChar>? = strdup(wkt)
        let start = text
        defer { free(start) }
        XCTAssertEqual(OGR_G_CreateFromWkt(&text, nil, &g), OGRERR_NONE, wkt)
        let geometry = try XCTUnwrap(g)
        defer { OGR_G_DestroyGeometry(geometry) }
        var bytes = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(geometry)))
        bytes.withUnsafeMutableBufferPointer { _ = OGR_G_ExportToIsoWkb(geometry, wkbNDR, $0.baseAddress) }
        return bytes
    }

    /// A polygon whose ring is not closed (4 distinct points), which OGR stores as it is.
    var unclosed: [UInt8] {
        var out: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0]
        for (x, y) in [(903_000.0, 6_800_000.0), (903_100.0, 6_800_000.0), (903_100.0, 6_800_100.0), (903_000.0, 6_800_100.0)] {
            withUnsafeBytes(of: x.bitPattern.littleEndian) { out += $0 }
            withUnsafeBytes(of: y.bitPattern.littleEndian) { out += $0 }
        }
        return out
    }

    struct Read: Equatable {
        var features: [String] = []
        var linearised = 0, flattened = 0, skipped = 0
    }

    func read(_ path: String, fields: [String] = ["CS", "US"], filter: BoundingBox? = nil, condition: String? = nil,
              skipOutside: Bool = false, columnar: Bool) throws -> Read {
        let layer = try VectorDataset(LayerRef(path: path, layer: "ocs")).layer("ocs", crs: nil)
        try layer.setSpatialFilter(filter)
        try layer.setAttributeFilter(condition)
        var out = Read()
        try layer.forEach(fields: fields, skipOutside: skipOutside, columnar: columnar) { f in
            out.features.append("\(f.fid) \(f.values) \(f.wkb.map { $0.map { String(format: "%02x", $0) }.joined() } ?? "nil")")
        }
        (out.linearised, out.flattened, out.skipped) = (layer.linearised, layer.flattened, layer.skippedOutside)
        return out
    }

    func testColumnarReadingGivesWhatFeatureByFeatureGives() throws {
        let features: [(cs: String?, us: String, wkb: [UInt8]?)] = [
            ("CS2.2.1", "US1.1", try wkb("POLYGON((900000 6800000,900100 6800000,900100 6800100,900000 6800000))")),
            (" CS1.1.1.1 ", "US5", try wkb("MULTIPOLYGON(((900200 6800000,900300 6800000,900300 6800100,900200 6800000)),((900400 6800000,900500 6800000,900500 6800100,900400 6800000)))")),
            ("CS2.1.1.1", "US1.2", try wkb("POLYGON Z((901000 6800000 10,902000 6800000 10,902000 6800500 12,901000 6800000 10))")),
            ("CS2.2.1", "US1.1", try wkb("CURVEPOLYGON(CIRCULARSTRING(900400 6800900,900500 6800800,900600 6800900,900500 6801000,900400 6800900))")),
            ("CS2.2.1", "US1.1", unclosed),
            ("CS2.2.1", "US1.1", try wkb("POLYGON EMPTY")),
            ("CS2.2.1", "US1.1", nil),
            (nil, "US1.1", try wkb("POLYGON((900000 6801000,900100 6801000,900100 6801100,900000 6801000))")),
            // Its envelope meets the filter below (x ≥ 904 000, y ≥ 6 801 000), the triangle does not.
            ("CS2.2.1", "US1.1", try wkb("POLYGON((903000 6800000,904900 6800000,903000 6801900,903000 6800000))")),
            // Across the filter's edge.
            ("CS2.2.1", "US1.1", try wkb("POLYGON((903500 6800500,904500 6800500,904500 6801500,903500 6800500))")),
            ("CS2.2.1", "US1.1", try wkb("POLYGON((904200 6801200,904300 6801200,904300 6801300,904200 6801200))")),
            ("CS2.2.1", "US1.1", try wkb("MULTIPOLYGON(((906000 6800000,906300 6800000,906300 6800300,906000 6800300,906000 6800000),(906100 6800100,906100 6800200,906200 6800200,906100 6800100)),((907000 6800000,907100 6800000,907100 6800100,907000 6800000)))")),
        ]
        let path = try layer(features)
        let layer = try VectorDataset(LayerRef(path: path, layer: "ocs")).layer("ocs", crs: nil)
        XCTAssertNotNil(try ArrowLayerStream.ifSupported(layer, fields: ["CS", "US"], includeFID: true), "the columnar path is the one tested")

        let columnar = try read(path, columnar: true), byFeature = try read(path, columnar: false)
        XCTAssertEqual(columnar, byFeature)
        XCTAssertEqual(columnar.features.count, 12)
        XCTAssertEqual(columnar.linearised, 1)
        XCTAssertEqual(columnar.flattened, 1)
        XCTAssertTrue(columnar.features[0].hasPrefix("1 [Optional(\"CS2.2.1\"), Optional(\"US1.1\")] 0103000000"), columnar.features[0])
        XCTAssertTrue(columnar.features[1].contains("Optional(\" CS1.1.1.1 \")"), "values as stored, untrimmed")
        XCTAssertTrue(columnar.features[5].hasSuffix(" nil") && columnar.features[6].hasSuffix(" nil"), "empty and missing geometries")
        XCTAssertTrue(columnar.features[7].hasPrefix("8 [nil, "), columnar.features[7])

        let filter = BoundingBox(minX: 904_000, minY: 6_801_000, maxX: 906_000, maxY: 6_803_000)
        let filtered = try read(path, filter: filter, columnar: true)
        XCTAssertEqual(filtered, try read(path, filter: filter, columnar: false))
        XCTAssertEqual(filtered.features.map { $0.prefix(3) }, ["10 ", "11 "], "the triangle whose envelope only meets the filter is not read")

        // An integer field: through the stream too, in decimal as OGR gives it.
        XCTAssertNotNil(try ArrowLayerStream.ifSupported(layer, fields: ["CS", "N"], includeFID: true, integers: true))
        let integers = try read(path, fields: ["CS", "N"], columnar: true)
        XCTAssertEqual(integers, try read(path, fields: ["CS", "N"], columnar: false))
        XCTAssertTrue(integers.features[11].hasPrefix("12 [Optional(\"CS2.2.1\"), Optional(\"11\")]"), integers.features[11])
        // A real field: feature by feature, the same values.
        XCTAssertNil(try ArrowLayerStream.ifSupported(layer, fields: ["CS", "R"], includeFID: true, integers: true))
        XCTAssertEqual(try read(path, fields: ["CS", "R"], columnar: true), try read(path, fields: ["CS", "R"], columnar: false))
    }

    func testTheLayerReadsItsOtherFieldsAfterAStream() throws {
        let path = try layer([("CS2.2.1", "US1.1", try wkb("POLYGON((900000 6800000,900100 6800000,900100 6800100,900000 6800000))"))])
        let layer = try VectorDataset(LayerRef(path: path, layer: "ocs")).layer("ocs", crs: nil)
        func values(_ fields: [String], columnar: Bool) throws -> [String?] {
            var out: [String?] = []
            try layer.forEach(fields: fields, columnar: columnar) { out += $0.values }
            return out
        }
        // A stream asks GDAL to ignore the fields it does not read: once done, the layer reads them again.
        XCTAssertEqual(try values(["CS"], columnar: true), ["CS2.2.1"])
        XCTAssertEqual(try values(["US", "N"], columnar: false), ["US1.1", "0"])
        XCTAssertNil(try ArrowLayerStream.ifSupported(layer, fields: ["R"], includeFID: true, integers: true))
        XCTAssertEqual(try values(["US", "R"], columnar: false), ["US1.1", "0"])
    }

    func testAnAttributeFilterOnAFieldNotReadKeepsItsFeatures() throws {
        // A Shapefile, where OGR evaluates the condition itself on the fields it reads.
        let square = { (x: Double) in try self.wkb("POLYGON((\(x) 6800000,\(x + 100) 6800000,\(x + 100) 6800100,\(x) 6800100,\(x) 6800000))") }
        let path = try layer([("CS2.2.1", "US1.1", try square(900_000)), ("CS1.1.1.1", "US5", try square(901_000)), ("CS2.2.1", "US5", try square(902_000))],
                             shapefile: true)
        let selected = try read(path, fields: ["CS"], condition: "US = 'US5'", columnar: true)
        XCTAssertEqual(selected, try read(path, fields: ["CS"], condition: "US = 'US5'", columnar: false))
        XCTAssertEqual(selected.features.map { $0.prefix(2) }, ["1 ", "2 "], selected.features.description)
    }

    func testColumnarReadingReportsWhatFeatureByFeatureReports() throws {
        let france = try wkb("POLYGON((900000 6800000,900100 6800000,900100 6800100,900000 6800000))")
        let outside = try wkb("POLYGON((9000000 6800000,9000100 6800000,9000100 6800100,9000000 6800000))")
        let path = try layer([("CS2.2.1", "US1.1", france), ("CS2.2.1", "US1.1", outside), ("CS2.2.1", "US1.1", france)])
        let skipped = try read(path, skipOutside: true, columnar: true)
        XCTAssertEqual(skipped, try read(path, skipOutside: true, columnar: false))
        XCTAssertEqual(skipped.features.count, 2)
        XCTAssertEqual(skipped.skipped, 1)
        func error(_ columnar: Bool) -> String {
            do { _ = try read(path, columnar: columnar); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(error(true), error(false))
        XCTAssertTrue(error(true).contains("layer ocs, feature 2: coordinates x 9000000…9000100"), error(true))

        // Text that is not UTF-8 (Latin-1 « é »), the same error naming the feature and the field.
        let latin = try layer([("CS2.2.1", "US1.1", france)])
        let ds = try XCTUnwrap(GDALOpenEx(latin, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil, nil, nil))
        let sql = GDALDatasetExecuteSQL(ds, "UPDATE ocs SET US = CAST(X'5553E9' AS TEXT)", nil, "SQLITE")
        if let sql { GDALDatasetReleaseResultSet(ds, sql) }
        GDALClose(ds)
        func utf8Error(_ columnar: Bool) -> String {
            do { _ = try read(latin, columnar: columnar); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(utf8Error(true), utf8Error(false))
        XCTAssertTrue(utf8Error(true).contains("feature 1: field US is not UTF-8 text"), utf8Error(true))
    }
}
