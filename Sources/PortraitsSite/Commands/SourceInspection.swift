import Foundation
import PortraitsCore
import PortraitsGeo
import PortraitsProject

/// What `portraits init` finds in the downloads it is pointed at: the communes layer with the
/// fields of their membership (and, for ADMIN EXPRESS, the layers that name the EPCI, départements
/// and régions), and the land-cover files with their layer, code fields, CRS, millésime and
/// département. Field names are matched whatever their case.
package enum SourceInspection {
    /// A field found in a layer: its name as the layer spells it.
    static func field(_ layer: VectorLayer, _ candidates: [String]) -> String? {
        let names = layer.fieldNames
        for c in candidates { if let f = names.first(where: { $0.caseInsensitiveCompare(c) == .orderedSame }) { return f } }
        return nil
    }

    /// Vector files under a folder (recursively), in path order.
    static func vectorFiles(under folder: String) -> [String] {
        let extensions: Set<String> = ["gpkg", "shp", "fgb", "geojson", "json", "sqlite", "gml"]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        for case let relative as String in e where extensions.contains((relative as NSString).pathExtension.lowercased()) {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            out.append((folder as NSString).appendingPathComponent(relative))
        }
        return out.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    // MARK: communes

    package struct Communes {
        package var layer: LayerRef
        package var location: String
        package var count: Int
        package var crs: String
        package var code: String
        package var name: String
        /// EPCI, département, région: the code field and either a name field of the same layer or a layer of names.
        package var levels: [(label: String, code: String, name: String?, names: ProjectConfig.NameTable?)]
        /// Each commune's département and région codes, and their names (for the scope and the title).
        package var places: [(departement: String, region: String, box: BoundingBox)]
        package var departementNames: [String: String]
        package var regionNames: [String: String]
    }

    static let levelFields: [(label: String, code: [String], name: [String], layer: [String], layerCode: [String])] = [
        ("epci", ["SIREN_EPCI", "CODE_EPCI", "EPCI"], ["NOM_EPCI", "LIB_EPCI", "LIBEPCI"], ["EPCI"], ["CODE_SIREN", "SIREN", "SIREN_EPCI", "CODE_EPCI"]),
        ("departement", ["INSEE_DEP", "CODE_DEP", "CODE_DEPT", "DEP"], ["NOM_DEP", "LIB_DEP", "NOM_DEPT"], ["DEPARTEMENT", "DEPARTEMENTS"], ["INSEE_DEP", "CODE_DEP", "DEP"]),
        ("region", ["INSEE_REG", "CODE_REG", "REG"], ["NOM_REG", "LIB_REG"], ["REGION", "REGIONS"], ["INSEE_REG", "CODE_REG", "REG"]),
    ]

    /// The communes layer at `path`: a file, or a folder holding ADMIN EXPRESS's `COMMUNE` layer.
    package static func communes(_ path: String) throws -> Communes {
        var file = path
        if isDirectory(path) {
            let candidates = vectorFiles(under: path)
            guard let found = candidates.first(where: { ($0 as NSString).deletingPathExtension.lowercased().hasSuffix("/commune") })
                    ?? candidates.first(where: { (try? VectorDataset(path: $0).layerNames.contains { ["commune", "communes"].contains($0.lowercased()) }) == true }) else {
                throw InputError(path, "no communes layer in this folder (looked for ADMIN EXPRESS's COMMUNE layer among \(candidates.count) vector files)")
            }
            file = found
        }
        let ds = try VectorDataset(path: file)
        let names = ds.layerNames
        let layerName = names.first { ["commune", "communes"].contains($0.lowercased()) } ?? (names.count == 1 ? names[0] : nil)
        guard let layerName else { throw InputError(file, "which layer holds the communes? (layers: \(names.joined(separator: ", ")))") }
        let layer = try ds.layer(layerName)
        guard let code = field(layer, ["INSEE_COM", "CODE_INSEE", "INSEE", "CODGEO", "COM"]) else {
            throw InputError(layer.location, "no field with the communes' INSEE code (looked for INSEE_COM, CODE_INSEE, CODGEO; fields: \(layer.fieldNames.joined(separator: ", ")))")
        }
        guard let name = field(layer, ["NOM", "NOM_COM", "NOM_COMMUNE", "LIBGEO", "NOM_M"]) else {
            throw InputError(layer.location, "no field with the communes' names (looked for NOM, NOM_COM, LIBGEO; fields: \(layer.fieldNames.joined(separator: ", ")))")
        }
        var levels: [(label: String, code: String, name: String?, names: ProjectConfig.NameTable?)] = []
        for l in levelFields {
            guard let c = field(layer, l.code) else {
                throw InputError(layer.location, "no field with the \(l.label == "epci" ? "EPCI's SIREN" : l.label + "'s code") (looked for \(l.code.joined(separator: ", ")); fields: \(layer.fieldNames.joined(separator: ", "))); give the membership as a CSV table in the project file instead")
            }
            if let n = field(layer, l.name) {
                levels.append((l.label, c, n, nil))
                continue
            }
            // ADMIN EXPRESS: the names are in the EPCI, DEPARTEMENT and REGION layers beside COMMUNE
            // (files of the same folder, or layers of the same GeoPackage).
            guard let table = try namesLayer(beside: file, layer: layerName, names: l.layer, codes: l.layerCode) else {
                throw InputError(layer.location, "no names for the field \(c): neither a field \(l.name.joined(separator: " or ")) nor a layer \(l.layer[0]) beside the communes; give the membership as a CSV table in the project file instead")
            }
            levels.append((l.label, c, nil, table))
        }
        // Where each commune lies, and the names of its département and région.
        let dep = levels[1], reg = levels[2]
        var places: [(departement: String, region: String, box: BoundingBox)] = []
        var departementNames: [String: String] = [:], regionNames: [String: String] = [:]
        let fields = [dep.code, reg.code] + [dep.name, reg.name].compactMap { $0 }
        let ctx = GEOSContext()
        try layer.forEach(fields: fields) { f in
            let d = f.values[0]?.trimmingWhitespace() ?? "", r = f.values[1]?.trimmingWhitespace() ?? ""
            places.append((d, r, (f.wkb.flatMap { try? ctx.geometry(wkb: $0) })?.bounds ?? .empty))
            if let n = dep.name.flatMap({ fields.firstIndex(of: $0) }) { departementNames[d] = f.values[n] ?? "" }
            if let n = reg.name.flatMap({ fields.firstIndex(of: $0) }) { regionNames[r] = f.values[n] ?? "" }
        }
        if let t = dep.names { departementNames = try MembershipLoader.names(t) }
        if let t = reg.names { regionNames = try MembershipLoader.names(t) }
        return Communes(layer: LayerRef(path: file, layer: names.count == 1 ? nil : layerName), location: layer.location, count: places.count,
                        crs: layer.crsName, code: code, name: name, levels: levels, places: places,
                        departementNames: departementNames, regionNames: regionNames)
    }

    static func namesLayer(beside file: String, layer: String, names: [String], codes: [String]) throws -> ProjectConfig.NameTable? {
        let ext = (file as NSString).pathExtension
        let folder = (file as NSString).deletingLastPathComponent
        var candidates: [(String, String?)] = []
        if ext.lowercased() == "shp" {
            for n in names {
                for e in [ext, "shp", "SHP"] {
                    let p = (folder as NSString).appendingPathComponent("\(n).\(e)")
                    if FileManager.default.fileExists(atPath: p) { candidates.append((p, nil)) }
                    let lower = (folder as NSString).appendingPathComponent("\(n.lowercased()).\(e)")
                    if FileManager.default.fileExists(atPath: lower) { candidates.append((lower, nil)) }
                }
            }
        } else {
            let ds = try VectorDataset(path: file)
            for n in names { if let l = ds.layerNames.first(where: { $0.caseInsensitiveCompare(n) == .orderedSame }) { candidates.append((file, l)) } }
        }
        for (path, layerName) in candidates {
            let l = try VectorDataset(path: path).layer(layerName)
            if let c = field(l, codes), let n = field(l, ["NOM", "NOM_M", "LIBELLE", "LIB"]) {
                return ProjectConfig.NameTable(layer: LayerRef(path: path, layer: layerName), code: c, name: n)
            }
        }
        return nil
    }

    // MARK: land cover

    package struct LandCoverFile {
        package var path: String
        package var layer: String
        /// Whether the file holds other layers too (so the project file must name it).
        package var layerNeeded: Bool
        package var crs: String
        package var count: Int
        package var couverture: String
        package var usage: String?
        package var millesimeField: String?
        package var year: Int
        /// How the year was found: "field MILLESIME" or "folder name".
        package var yearFrom: String
        /// Why the MILLESIME field could not give the year, when the folder name gave it.
        package var yearProblem: String?
        package var departement: String?
        package var codes: [String: Set<String>]   // dimension id → codes found
        /// Its extent in Lambert-93, when GDAL gives it.
        package var extent: BoundingBox?
    }

    static let couvertureFields = ["CODE_CS", "CS", "COUVERTURE", "CODE_COUV"]
    static let usageFields = ["CODE_US", "US", "USAGE", "CODE_USAGE"]

    /// The land-cover files under each path (a file, a folder searched recursively, or a glob):
    /// the layers with a couverture code field. Files without one (IGN's ZONE_CONSTRUITE, ADMIN
    /// EXPRESS beside them) are skipped.
    package static func landCover(_ paths: [String], from root: String) throws -> [LandCoverFile] {
        var files: [String] = []
        for p in paths {
            if FileGlob.isPattern(p) {
                let found = FileGlob.expand(p, root: root)
                guard !found.isEmpty else { throw InputError(p, "no file matches this pattern") }
                files += found
            } else {
                let absolute = PathNormalizer.absolute(p, from: root)
                guard FileManager.default.fileExists(atPath: absolute) else { throw InputError(absolute, "no such file or folder") }
                files += isDirectory(absolute) ? vectorFiles(under: absolute) : [absolute]
            }
        }
        var out: [LandCoverFile] = []
        var seen = Set<String>()
        for file in files where seen.insert(file).inserted {
            guard let ds = try? VectorDataset(path: file) else { continue }
            for name in ds.layerNames {
                guard let layer = try? ds.layer(name), let cs = field(layer, couvertureFields) else { continue }
                let us = field(layer, usageFields)
                let yearField = field(layer, ["MILLESIME"])
                var year: Int? = nil, from = ""
                var yearProblem: String? = nil
                if let yearField {
                    // The rule the build applies (one year per file), so that what init writes builds.
                    do {
                        year = try LandCoverSources.yearOf(LayerRef(path: file, layer: name), field: yearField, entry: "land_cover.layers")
                        from = "field \(yearField)"
                    } catch { yearProblem = "\(error)" }
                }
                if year == nil, let y = yearInPath(file) { year = y; from = "folder name" }
                guard let year else {
                    throw InputError(layer.location, "no millésime: \(yearProblem ?? "no MILLESIME field") and no year in the folder names; write the project file by hand (land_cover.layers with `millesime:`)")
                }
                var codes: [String: Set<String>] = ["couverture": Set(try layer.distinctValues(of: cs).map { $0 ?? "" })]
                if let us { codes["usage"] = Set(try layer.distinctValues(of: us).map { $0 ?? "" }) }
                out.append(LandCoverFile(path: file, layer: name, layerNeeded: ds.layerNames.count > 1, crs: layer.crsName, count: layer.featureCount,
                                         couverture: cs, usage: us, millesimeField: from.hasPrefix("field") ? yearField : nil, year: year, yearFrom: from, yearProblem: yearProblem,
                                         departement: departementInPath(file), codes: codes, extent: layer.extent()))
            }
        }
        return out
    }

    /// The year in IGN's folder names (`…_2021-01-01`, `…-2021`), the last one in the path.
    static func yearInPath(_ path: String) -> Int? {
        let re = try! NSRegularExpression(pattern: #"(?<![0-9])(19[5-9][0-9]|20[0-9][0-9])(?![0-9])"#)
        let matches = re.matches(in: path, range: NSRange(path.startIndex..., in: path))
        return matches.last.flatMap { Range($0.range(at: 1), in: path) }.flatMap { Int(path[$0]) }
    }

    /// The département in IGN's folder names (`_D067_`, `_D02A-`, `_D971_`).
    static func departementInPath(_ path: String) -> String? {
        let re = try! NSRegularExpression(pattern: #"_D(0[0-9][0-9AB]|97[0-9])[_-]"#)
        guard let m = re.matches(in: path, range: NSRange(path.startIndex..., in: path)).last, let r = Range(m.range(at: 1), in: path) else { return nil }
        let code = String(path[r])
        return code.hasPrefix("0") ? String(code.dropFirst()) : code
    }
}
