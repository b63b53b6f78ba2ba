import Foundation
import XCTest
@testable import PortraitsCore
@testable import PortraitsGeo
@testable import PortraitsBench
@testable import PortraitsDownloads
@testable import PortraitsModel
@testable import PortraitsPrint
@testable import PortraitsProject
@testable import PortraitsSite
@testable import PortraitsWeb

/// The facts key covers every file GDAL reads for a source: an edit of a file behind a VRT or of a
/// Shapefile's `.dbf` is seen and the figures change (docs/bad-input.md, 55).
final class SourceFilesTests: XCTestCase {
    func stage(_ s: SiteBuilder.Summary, _ name: String) -> String { s.stages.first { $0.name == name }?.detail ?? "" }

    /// The sealed area the build wrote for the fixture's first commune (CSV of its main portrait).
    func downloads(_ f: BadInputFixture) throws -> String {
        let site = f.dir.appendingPathComponent("site")
        return try BuildState.files(under: site.path).filter { $0.hasPrefix("commune/99001/") && $0.hasSuffix(".csv") }
            .map { try read(site.appendingPathComponent($0)) }.joined()
    }

    func testAnEditBehindAVRTChangesTheFigures() throws {
        let f = try BadInputFixture(self)
        let data = f.dir.appendingPathComponent("donnees")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: f.landCover, to: data.appendingPathComponent("ocs.gpkg"))
        // A union layer over the file: GDAL's own file list leaves its sources out.
        let vrt = f.dir.appendingPathComponent("ocs.vrt")
        try """
        <OGRVRTDataSource>
          <OGRVRTUnionLayer name="ocs">
            <OGRVRTLayer name="part"><SrcDataSource relativeToVRT="1">donnees/ocs.gpkg</SrcDataSource><SrcLayer>ocs</SrcLayer></OGRVRTLayer>
          </OGRVRTUnionLayer>
        </OGRVRTDataSource>
        """.write(to: vrt, atomically: true, encoding: .utf8)
        XCTAssertEqual(SourceFiles.list(vrt.path), [vrt.path, data.appendingPathComponent("ocs.gpkg").path])
        try f.writeConfig(replace: [("file: ocs.gpkg", "file: ocs.vrt")])
        let first = try f.build()
        XCTAssertTrue(stage(first, "tabulate").contains("tabulated"), stage(first, "tabulate"))
        let before = try downloads(f)
        XCTAssertTrue(try f.build().upToDate)

        // The file behind the VRT changes: the second half turns from fields to buildings.
        let moved = f.landCover
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], try f.rect(0, 0, 2000, 500)),
                              (["CS2.1.1.1", "US1.2", "CS1.1.1.1", "US5"], try f.rect(0, 500, 2000, 1000))])
        try FileManager.default.removeItem(at: data.appendingPathComponent("ocs.gpkg"))
        try FileManager.default.moveItem(at: moved, to: data.appendingPathComponent("ocs.gpkg"))
        let second = try f.build()
        XCTAssertFalse(second.upToDate, "an edit behind the VRT is seen")
        XCTAssertTrue(stage(second, "tabulate").contains("tabulated"), stage(second, "tabulate"))
        XCTAssertNotEqual(try downloads(f), before, "the figures follow the new data")
    }

    /// A VRT's `relativeToVRT` is read as GDAL reads booleans, zipped sources stand for their archive,
    /// and what is not on this disk is left out rather than failing the build.
    func testVRTFlagsAndArchivesAreReadAsGDALReadsThem() throws {
        let f = try BadInputFixture(self)
        let sub = f.dir.appendingPathComponent("vrt")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: f.landCover, to: sub.appendingPathComponent("ocs.gpkg"))
        let zip = f.dir.appendingPathComponent("ocs.zip")
        try Data("PK".utf8).write(to: zip)
        let vrt = sub.appendingPathComponent("ocs.vrt")
        try """
        <OGRVRTDataSource>
          <OGRVRTLayer name="a"><SrcDataSource relativeToVRT="true">ocs.gpkg</SrcDataSource></OGRVRTLayer>
          <OGRVRTLayer name="b"><SrcDataSource>/vsizip/\(zip.path)/ocs.shp</SrcDataSource></OGRVRTLayer>
          <OGRVRTLayer name="c"><SrcDataSource>/vsicurl/https://example.org/x.gpkg</SrcDataSource></OGRVRTLayer>
        </OGRVRTDataSource>
        """.write(to: vrt, atomically: true, encoding: .utf8)
        XCTAssertEqual(SourceFiles.list(vrt.path), [vrt.path, zip.path, sub.appendingPathComponent("ocs.gpkg").path])
        XCTAssertEqual(SourceFiles.onDisk("/vsizip/\(zip.path)/dossier/ocs.shp"), zip.path)
        XCTAssertNil(SourceFiles.onDisk("/vsicurl/https://example.org/x.gpkg"))
    }

    func testAnEditOfAShapefilesDBFChangesTheFigures() throws {
        let f = try BadInputFixture(self)
        let shp = f.dir.appendingPathComponent("ocs.shp")
        _ = try runTool("/usr/bin/ogr2ogr", ["-f", "ESRI Shapefile", shp.path, f.landCover.path, "ocs"])
        XCTAssertTrue(Set(SourceFiles.list(shp.path).map { ($0 as NSString).pathExtension }).isSuperset(of: ["shp", "shx", "dbf", "prj"]))
        try f.writeConfig(replace: [("file: ocs.gpkg", "file: ocs.shp")])
        _ = try f.build()
        let before = try downloads(f)
        let shpBytes = try Data(contentsOf: shp)

        // Same geometries, other codes: only the .dbf changes.
        try f.writeLandCover([(["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"], try f.rect(0, 0, 2000, 500)),
                              (["CS2.1.1.1", "US1.2", "CS1.1.1.1", "US5"], try f.rect(0, 500, 2000, 1000))])
        let tmp = f.dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        _ = try runTool("/usr/bin/ogr2ogr", ["-f", "ESRI Shapefile", tmp.appendingPathComponent("ocs.shp").path, f.landCover.path, "ocs"])
        try FileManager.default.removeItem(at: f.dir.appendingPathComponent("ocs.dbf"))
        try FileManager.default.copyItem(at: tmp.appendingPathComponent("ocs.dbf"), to: f.dir.appendingPathComponent("ocs.dbf"))
        XCTAssertEqual(try Data(contentsOf: shp), shpBytes, "the .shp itself did not change")
        let second = try f.build()
        XCTAssertFalse(second.upToDate)
        XCTAssertTrue(stage(second, "tabulate").contains("tabulated"), stage(second, "tabulate"))
        XCTAssertNotEqual(try downloads(f), before)
    }
}
