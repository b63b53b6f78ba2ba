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
        defer { GDALClose(ds) }
        let folder = (path as NSString).deletingLastPathComponent
        if let list = GDALGetFileList(ds) {
            var i = 0
            while let p = list[i] {
                let f = String(cString: p)
                let abs = absolute(f)
                if seen.insert(abs).inserted { out.append(abs) }
                i += 1
            }
            CSLDestroy(list)
        }
        let driver = GDALGetDatasetDriver(ds).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
        let lower = path.lowercased()
        // Files GDAL reads but does not list.
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
                    let relative = String(cString: CPLGetXMLValue(cur, "relativeToVRT", "0")) == "1"
                    if !value.isEmpty && !value.contains(":") || value.hasPrefix("/") {
                        sources.append(value.hasPrefix("/") ? value : absolute(value, from: relative ? absolute(folder) : FileManager.default.currentDirectoryPath))
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
