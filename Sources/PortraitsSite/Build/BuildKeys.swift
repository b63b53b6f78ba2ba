import Foundation
import PortraitsResources
import PortraitsCore
import PortraitsGeo
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// The keys a build's results are stored under. Each key is a hash of everything that result is
/// made from, so that a result whose key did not change is reused, not made again.
///
/// - `facts`: the tabulation. The communes layer and the land-cover layers (the bytes of every file
///   GDAL reads for them: sidecars, the sources behind a VRT), the
///   nomenclature folder, the land-cover and period settings, the tabulation code's version
///   (`Tabulator.version`, raised whenever the overlay's results change) and GDAL's and GEOS's.
/// - `data`: everything the figures, maps and downloads depend on: the facts key, every other input
///   file (membership, SCoT, postal codes, extra layers), the project file, the build day printed on
///   files, and this executable (any change of code renders again).
/// - `publishing`: the options given on the command line (`--base-url`, `--no-pdf`), which change
///   the pages and PDFs but not the maps or the downloads.
/// - `templates`: the built-in templates and the project's override folder.
/// - `content`: the documentation folder (`Content/`).
public struct BuildKeys: Sendable, Equatable {
    public var facts: String
    public var data: String
    public var templates: String
    public var content: String
    public var publishing: String

    /// The tabulation's key; `scope` names a shard's communes ("" for all of them).
    package static func facts(_ config: ProjectConfig, state: BuildState, scope: String = "") throws -> String {
        var parts = ["facts-2", Tabulator.version, LibraryVersions.description, scope]
        parts += [try state.hash(source: config.communes.path), config.communes.layer ?? "", config.communes.crs ?? "", config.communes.encoding ?? "", config.communeCode, config.communeFilter ?? ""]
        for s in config.landCover.sources {
            for l in s.layers { parts += [try state.hash(source: l.path), l.layer ?? "", l.crs ?? "", l.encoding ?? ""] }
            parts.append("|")
            for m in s.fields.keys.sorted() {
                parts.append("\(m):" + s.fields[m]!.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
            }
        }
        parts += ["unknown=\(config.landCover.unknownCodesAsUnclassified)", "reject=\(config.landCover.rejectInvalidGeometries)"]
        parts.append(config.periods.map(\.description).joined(separator: ","))
        parts.append(try state.hash(folder: (config.nomenclature as NSString).deletingLastPathComponent))
        return ContentHash.of(parts)
    }

    package static func compute(_ config: ProjectConfig, state: BuildState, buildDay: String, extraFacts: [String] = []) throws -> BuildKeys {
        let facts = try Self.facts(config, state: state)
        var parts = ["data-1", facts, buildDay, try state.hash(config.source), try codeHash(state)]
        parts += extraFacts
        if let m = config.membership.file { parts.append(try state.hash(m)) }
        for t in config.nameTables { parts += [try state.hash(source: t.layer.path), t.layer.layer ?? "", t.layer.encoding ?? "", t.code, t.name] }
        if let s = config.scot { parts.append(try state.hash(s.file)) }
        if let p = config.postalCodes { parts.append(try state.hash(p.file)) }
        for l in config.explorerLayers { parts.append(try state.hash(source: l.layer.path)) }
        let templates = ContentHash.of([try state.hash(folder: BuiltInResources.templates), try state.hash(folder: config.templates)])
        // Options given on the command line change the configuration without changing its file.
        let publishing = ContentHash.of([config.site.baseURL ?? "", "\(config.pdf)", "\(config.report)"])
        return BuildKeys(facts: facts, data: ContentHash.of(parts), templates: templates, content: try state.hash(folder: config.content),
                         publishing: publishing)
    }

    /// This executable's bytes.
    package static func codeHash(_ state: BuildState) throws -> String {
        try state.hash(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path)
    }
}
