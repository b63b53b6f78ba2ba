import CGDAL
import Foundation
import PortraitsCore

/// Every file GDAL reads for a vector source: the file itself, its sidecars (a Shapefile's `.shx`,
/// `.dbf`, `.prj`, `.cpg`, `.qix`, `.sbn`; a GeoPackage's `-wal`) and, for an OGR VRT, every source
/// it names, followed recursively (union and warped layers included, which GDAL's own list
/// leaves out). The cache keys hash all of them, so an edit behind a VRT or of a `.dbf` is seen.
public enum SourceFiles {
    /// The files of the source at `path`: `path` itself first, then the others sorted, as absolute
    /// paths. A source GDAL cannot open gives just `path` (the build reports it when it reads it).
    public static func list(_ path: String) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        collect(absolute(path), into: &out, seen: &seen)
        let main = absolute(path)
        return [main] + out.filter { $0 != main }.sorted()
    }

    static func collect(_ path: String, into out: inout [String], seen: inout Set<String>) {
        guard seen.insert(path).inserted else { return }
        out.append(path)
        _ = GDALSetup.once
        guard let ds = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if let list = GDALGetFileList(ds) {
            var i = 0
            while let p = list[i] {
                let f = onDisk(String(cString: p))
                if let f, seen.insert(f).inserted { out.append(f) }
                i += 1
            }
            CSLDestroy(list)
        }
        let driver = GDALGetDatasetDriver(ds).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
        GDALClose(ds)
        // Files GDAL reads but does not list, looked for once the source is closed (SQLite may
        // make and remove a -wal while it is open).
        let lower = path.lowercased()
        if driver == "GPKG" || lower.hasSuffix(".gpkg") || lower.hasSuffix(".sqlite") {
            for suffix in ["-wal", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
                if seen.insert(path + suffix).inserted { out.append(path + suffix) }
            }
        }
        if driver == "ESRI Shapefile" {
            let base = (path as NSString).deletingPathExtension
            for ext in [".sbn", ".sbx", ".SBN", ".SBX"] where FileManager.default.fileExists(atPath: base + ext) {
                if seen.insert(base + ext).inserted { out.append(base + ext) }
            }
        }
        if driver == "OGR_VRT" {
            for source in vrtSources(path, folder: folder) { collect(source, into: &out, seen: &seen) }
        }
    }

    /// The file on disk behind a path GDAL names: itself, or the archive of a `/vsizip/`,
    /// `/vsitar/` or `/vsigzip/` path; nil for what is not on this disk (`/vsicurl/`, `PG:`).
    static func onDisk(_ name: String) -> String? {
        guard name.hasPrefix("/vsi") else { return absolute(name) }
        for prefix in ["/vsizip/", "/vsitar/", "/vsigzip/", "/vsi7z/"] where name.hasPrefix(prefix) {
            var candidate = absolute(String(name.dropFirst(prefix.count - 1)))
            while candidate != "/" {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue { return candidate }
                candidate = (candidate as NSString).deletingLastPathComponent
            }
        }
        return nil
    }

    static func absolute(_ path: String, from base: String = FileManager.default.currentDirectoryPath) -> String {
        PathNormalizer.absolute(path, from: base)
    }

    /// Every `<SrcDataSource>` of an OGR VRT, resolved as GDAL does (`relativeToVRT="1"`: from the
    /// VRT's folder; otherwise from the current folder). Connection strings (`PG:`) are skipped.
    static func vrtSources(_ path: String, folder: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let root = CPLParseXMLString(text) else { return [] }
        defer { CPLDestroyXMLNode(root) }
        var sources: [String] = []
        func walk(_ node: UnsafeMutablePointer<CPLXMLNode>?) {
            var n = node
            while let cur = n {
                if cur.pointee.eType == CXT_Element, let name = cur.pointee.pszValue, String(cString: name) == "SrcDataSource" {
                    let value = String(cString: CPLGetXMLValue(cur, nil, ""))
                    // As GDAL's CPLTestBool: anything but 0, false, no, off is true.
                    let flag = String(cString: CPLGetXMLValue(cur, "relativeToVRT", "0")).lowercased()
                    let relative = !["0", "false", "no", "off"].contains(flag)
                    if value.hasPrefix("/") {
                        if let f = onDisk(value) { sources.append(f) }
                    } else if !value.isEmpty && !value.contains(":") {
                        sources.append(absolute(value, from: relative ? absolute(folder) : FileManager.default.currentDirectoryPath))
                    }
                }
                walk(cur.pointee.psChild)
                n = cur.pointee.psNext
            }
        }
        walk(root)
        return sources
    }
}
