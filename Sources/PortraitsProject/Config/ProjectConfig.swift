import Foundation
import PortraitsCore
import PortraitsResources

/// The project file (`portraits.yaml`): every input and setting of a build. Relative paths are
/// resolved against the folder of the project file. See the README's configuration reference.
public struct ProjectConfig: Sendable {
    public struct Site: Sendable {
        public var title: String
        public var baseURL: String?
        /// Shown on every page (for example: the land cover is synthetic).
        public var notices: [String]
        /// Source and licence lines shown in every footer and in every download.
        public var attribution: [String]
        /// Short credit drawn on maps (default: the attribution lines).
        public var mapCredit: String

        /// The base URL when it names a public host: nil without one, or when its host is one
        /// reserved for examples and tests (RFC 2606 and 6761: example.com, .net and .org and their
        /// subdomains, .example, .test, .invalid, .localhost), as the demo's is. A printed page
        /// links only to an address that can exist.
        public var publicBaseURL: String? {
            guard let base = baseURL, let host = URL(string: base)?.host?.lowercased(), !host.isEmpty else { return nil }
            let labels = host.split(separator: ".")
            let reservedDomains = ["example.com", "example.net", "example.org"]
            let reservedTLDs = ["example", "test", "invalid", "localhost"]
            if host == "localhost" || reservedTLDs.contains(String(labels.last ?? "")) { return nil }
            if reservedDomains.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { return nil }
            return base
        }
    }

    /// A membership column pair: code field and name field.
    public struct CodeNameFields: Sendable {
        public var code: String
        /// The field of the name beside the code (unused when `names` is given).
        public var name: String
        /// Names joined from another layer by code (ADMIN EXPRESS: the EPCI, DEPARTEMENT and
        /// REGION layers of the delivery, beside its COMMUNE layer).
        public var names: NameTable? = nil
    }

    /// A layer of codes and names: `code` and `name` are its fields.
    public struct NameTable: Sendable {
        public var layer: LayerRef
        public var code: String
        public var name: String

        public init(layer: LayerRef, code: String, name: String) {
            self.layer = layer
            self.code = code
            self.name = name
        }
    }

    /// Every name table the membership joins.
    public var nameTables: [NameTable] { [membership.epci, membership.departement, membership.region].compactMap(\.names) }

    public struct Membership: Sendable {
        /// A CSV table; nil when the fields are read from the communes layer.
        public var file: String?
        /// Column of the table holding the commune code (only with `file`).
        public var commune: String
        public var epci: CodeNameFields
        public var departement: CodeNameFields
        public var region: CodeNameFields
    }

    public struct Scot: Sendable {
        public var file: String
        public var commune: String
        public var code: String
        public var name: String
    }

    public var source: String
    public var root: String
    public var site: Site
    public var communes: LayerRef
    public var communeCode: String
    public var communeName: String
    /// Which features of the communes layer are the project's (`communes.where`, an OGR SQL
    /// condition: `INSEE_DEP IN ('67', '68')` keeps two départements of a national ADMIN EXPRESS).
    public var communeFilter: String? = nil
    public var membership: Membership
    public var scot: Scot?
    public var landCover: LandCoverSpec
    public var nomenclature: String
    /// Level of the primary dimension shown in charts and maps (default: its deepest level).
    public var displayLevel: Int?
    /// The periods to tabulate, in years: those written under `periods`, else every pair of
    /// millésimes (which pairs belong together is known only once each département's years are read).
    public var periods: [Period]
    /// The periods to publish, when the project file wrote them as ranks (`[[1, 2]]`: from each
    /// commune's 1st millésime to its 2nd), as projects whose départements have different years do.
    public var rankPeriods: [Period]? = nil
    /// True when `periods` were written in years: the published periods are then exactly those.
    public var periodsInYears = false
    /// Reference period of the ZAN trajectory (default 2011–2020).
    public var zanReference: Period
    /// The project's templates folder, whose files replace the built-in templates and assets of the
    /// same name; nil when the project has none (`templates:` absent and no `Templates/` beside it).
    public var templates: String?
    /// Where the facts store and the build state are kept (`cache:`, default `.portraits/` beside
    /// the project file; `cache: none` keeps nothing and tabulates every time).
    public var cacheFolder: String? = nil
    public var content: String
    public var output: String
    /// Which printable PDFs the build makes.
    public var pdf: PDFOptions = PDFOptions()
    /// Levels whose territories get the council's report on artificialisation, prefilled
    /// (`rapport: {levels: [commune, epci]}`, the default; `--no-rapport` or `levels: []`: none).
    public var report: [TerritoryLevel] = [.commune, .epci]
    /// Largest share of the covered area that overlapping land-cover polygons may take before the
    /// build stops (`land_cover.max_overlap_percent`, default 5): above it, a delivery read twice.
    public var maxOverlap: Double = 0.05
    /// Optional commune → postal code table, for the search.
    public var postalCodes: PostalCodeSource? = nil
    /// Optional extra layers drawn over the maps of the explorer (e.g. PLU zoning).
    public var explorerLayers: [ExtraLayer] = []

    public struct PostalCodeSource: Sendable {
        public var file: String
        public var commune: String
        public var code: String
    }

    /// A vector layer drawn over the explorer's maps: outlines (and a light fill by category).
    public struct ExtraLayer: Sendable {
        /// Shown in the explorer ("Zonage PLU").
        public var name: String
        public var layer: LayerRef
        /// Optional field whose values give each feature a category (colour and legend).
        public var category: String?
    }

    /// Reads and checks a project file.
    public static func load(path: String) throws -> ProjectConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path, "cannot read the project file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(path, "the project file is not UTF-8 text") }
        let root = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text: text, source: path, root: root)
    }

    /// `nomenclature:` names a file, or a nomenclature built into the tool (`cnig`, `modele-regional`).
    static func nomenclaturePath(_ value: String, resolve: (String) -> String, source: String) throws -> String {
        guard !value.contains("/") && !value.hasSuffix(".yaml") && !value.hasSuffix(".yml") else { return resolve(value) }
        guard let path = BuiltInResources.nomenclature(value) else {
            throw InputError(source, "nomenclature: \"\(value)\" is neither a file (a path to its nomenclature.yaml) nor a built-in nomenclature (\(BuiltInResources.nomenclatures.joined(separator: ", ")))")
        }
        return path
    }

    package static func parse(text: String, source: String, root: String) throws -> ProjectConfig {
        let doc = try YAMLMap(try YAMLMap.load(text: text, source: source), path: "", source: source,
                              allowed: ["site", "communes", "membership", "scot", "land_cover", "nomenclature", "display_level",
                                        "periods", "zan_reference", "templates", "content", "output", "pdf", "cache",
                                        "postal_codes", "explorer", "rapport"])
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : URL(fileURLWithPath: root).appendingPathComponent(p).standardized.path }

        guard let s = try doc.map("site", allowed: ["title", "base_url", "notices", "attribution", "map_credit"]) else { throw doc.missing("site") }
        let attribution = try s.stringList("attribution")
        let site = Site(title: try s.requiredString("title"), baseURL: try s.string("base_url"),
                        notices: try s.stringList("notices"), attribution: attribution,
                        mapCredit: try s.string("map_credit") ?? attribution.joined(separator: " · "))

        // Texts shown on every page and in every file: a few lines, not a book.
        var texts: [(String, String, Int)] = [("site.title", site.title, 300), ("site.map_credit", site.mapCredit, 1_000)]
        for (i, n) in site.notices.enumerated() { texts.append(("site.notices[\(i)]", n, 2_000)) }
        for (i, a) in site.attribution.enumerated() { texts.append(("site.attribution[\(i)]", a, 2_000)) }
        for (key, text, limit) in texts where text.count > limit {
            throw InputError(source, "\(key) is \(text.count) characters long: at most \(limit), since it is printed on every page")
        }
        if site.notices.count + site.attribution.count > 50 {
            throw InputError(source, "site.notices and site.attribution hold \(site.notices.count + site.attribution.count) lines: at most 50, since they are printed on every page")
        }

        guard let c = try doc.map("communes", allowed: ["file", "layer", "crs", "encoding", "code", "name", "where"]) else { throw doc.missing("communes") }
        let communes = LayerRef(path: resolve(try c.requiredString("file")), layer: try c.string("layer"), crs: try c.string("crs"), encoding: try c.string("encoding"))

        let memberKeys = ["file", "commune", "epci", "departement", "region"]
        let m = try doc.map("membership", allowed: memberKeys)
        func pair(_ key: String, _ defCode: String, _ defName: String) throws -> CodeNameFields {
            guard let p = try m?.map(key, allowed: ["code", "name", "names"]) else { return CodeNameFields(code: defCode, name: defName) }
            guard let n = try p.map("names", allowed: ["file", "layer", "crs", "encoding", "code", "name"]) else {
                return CodeNameFields(code: try p.requiredString("code"), name: try p.requiredString("name"))
            }
            if p.has("name") { throw InputError(source, "membership.\(key): give `name` (a field beside the code) or `names` (a layer to join), not both") }
            let table = NameTable(layer: LayerRef(path: resolve(try n.requiredString("file")), layer: try n.string("layer"), crs: try n.string("crs"), encoding: try n.string("encoding")),
                                  code: try n.requiredString("code"), name: try n.requiredString("name"))
            return CodeNameFields(code: try p.requiredString("code"), name: "", names: table)
        }
        let membership = Membership(file: try m?.string("file").map(resolve), commune: try m?.string("commune") ?? "insee_com",
                                    epci: try pair("epci", "siren_epci", "nom_epci"),
                                    departement: try pair("departement", "insee_dep", "nom_dep"),
                                    region: try pair("region", "insee_reg", "nom_reg"))

        var scot: Scot? = nil
        if let sc = try doc.map("scot", allowed: ["file", "commune", "code", "name"]) {
            scot = Scot(file: resolve(try sc.requiredString("file")), commune: try sc.string("commune") ?? "insee_com",
                        code: try sc.string("code") ?? "id_scot", name: try sc.string("name") ?? "nom_scot")
        }

        guard let lc = try doc.map("land_cover", allowed: ["layers", "multi_date", "unknown_codes", "invalid_geometries", "max_overlap_percent"]) else { throw doc.missing("land_cover") }
        let (sources, globs) = try LandCoverSources.parse(lc, resolve: resolve, root: root, source: source)
        let seenYears = Set(sources.flatMap { $0.fields.keys })
        let unknown = try lc.string("unknown_codes") ?? "error"
        guard unknown == "error" || unknown == "non-classe" else {
            throw InputError(source, "land_cover.unknown_codes must be error or non-classe (found \"\(unknown)\")")
        }
        let invalid = try lc.string("invalid_geometries") ?? "repair"
        guard invalid == "repair" || invalid == "reject" else {
            throw InputError(source, "land_cover.invalid_geometries must be repair or reject (found \"\(invalid)\")")
        }
        var landCover = LandCoverSpec(sources: sources, unknownCodesAsUnclassified: unknown == "non-classe", rejectInvalidGeometries: invalid == "reject")
        landCover.globs = globs

        var periods: [Period] = [], ranks: [Period] = []
        for (i, n) in try doc.list("periods").enumerated() {
            let pair = n.array().compactMap { $0.int }
            // Ranks (1st, 2nd… millésime of each commune) or years.
            if pair.count == 2, pair[0] >= 1, pair[0] < pair[1], pair[1] <= landCover.millesimes.count, ranks.count == i {
                ranks.append(Period(pair[0], pair[1]))
                continue
            }
            guard pair.count == 2, pair[0] < pair[1], seenYears.contains(pair[0]), seenYears.contains(pair[1]), ranks.isEmpty else {
                throw InputError(YAMLMap.at(source, n), "periods[\(i)] must be two millésimes of the land cover, earlier first (for example [2019, 2021]), or two ranks when départements have different millésimes (for example [1, 2]: each commune's 1st to 2nd millésime); do not mix the two")
            }
            periods.append(Period(pair[0], pair[1]))
        }
        let periodsInYears = !periods.isEmpty
        if periods.isEmpty {
            // Every pair: a département's 2018 and 2021 must be compared even when another's 2019
            // lies between them. With one set of millésimes for all, up to three, these are the defaults.
            let m = landCover.millesimes.sorted()
            // The defaults first (consecutive pairs, then first → last), so that a project of one
            // vintage keeps its order; then the other pairs.
            let defaults = Period.defaults(for: m)
            let pairs = m.indices.flatMap { i in m.indices.filter { $0 > i }.map { Period(m[i], m[$0]) } }
            periods = pairs.count <= PeriodChanges.maxPeriods ? defaults + pairs.filter { !defaults.contains($0) } : defaults
        }
        if periods.count > PeriodChanges.maxPeriods {
            throw InputError(source, "\(periods.count) periods: at most \(PeriodChanges.maxPeriods) are supported; list the ones to publish under `periods:`")
        }
        var zan = ZAN.defaultReference
        if let n = doc.node("zan_reference") {
            let pair = n.array().compactMap { $0.int }
            guard pair.count == 2, pair[0] < pair[1] else {
                throw InputError(YAMLMap.at(source, n), "zan_reference must be two years, earlier first (for example [2011, 2020])")
            }
            zan = Period(pair[0], pair[1])
        }

        var pdf = PDFOptions()
        if let p = try doc.map("pdf", allowed: ["portraits", "atlases", "atlas_periods"]) {
            if let n = p.node("portraits") {
                guard case .scalar(let v) = n, ["all", "main", "none"].contains(v.string) else {
                    throw InputError(YAMLMap.at(source, n), "pdf.portraits must be all (every period), main (the longest period) or none")
                }
                pdf.portraits = PDFOptions.Portraits(rawValue: v.string)!
            }
            if p.node("atlases") != nil {
                pdf.atlases = try p.stringList("atlases").map { name in
                    guard let level = TerritoryLevel(rawValue: name), [.epci, .scot, .departement].contains(level) else {
                        throw InputError(source, "pdf.atlases: \"\(name)\" is not one of epci, scot, departement")
                    }
                    return level
                }
            }
            if let n = p.node("atlas_periods") {
                guard case .scalar(let v) = n, let periods = PDFOptions.AtlasPeriods(rawValue: v.string) else {
                    throw InputError(YAMLMap.at(source, n), "pdf.atlas_periods must be main (the longest period) or all (every period)")
                }
                pdf.atlasPeriods = periods
            }
        }
        var report: [TerritoryLevel] = [.commune, .epci]
        if let r = try doc.map("rapport", allowed: ["levels"]) {
            report = try r.stringList("levels").map { name in
                guard let level = TerritoryLevel(rawValue: name), [.commune, .epci, .scot].contains(level) else {
                    throw InputError(source, "rapport.levels: \"\(name)\" is not one of commune, epci, scot (the territories that present the report)")
                }
                return level
            }
        }
        var postal: PostalCodeSource? = nil
        if let pc = try doc.map("postal_codes", allowed: ["file", "commune", "code"]) {
            postal = PostalCodeSource(file: resolve(try pc.requiredString("file")), commune: try pc.string("commune") ?? "insee_com",
                                      code: try pc.string("code") ?? "code_postal")
        }
        var layers: [ExtraLayer] = []
        if let ex = try doc.map("explorer", allowed: ["layers"]) {
            for (i, node) in try ex.list("layers").enumerated() {
                let l = try YAMLMap(node, path: "explorer.layers[\(i)]", source: source, allowed: ["name", "file", "layer", "crs", "category"])
                layers.append(ExtraLayer(name: try l.requiredString("name"),
                                         layer: LayerRef(path: resolve(try l.requiredString("file")), layer: try l.string("layer"), crs: try l.string("crs")),
                                         category: try l.string("category")))
            }
        }
        var config = ProjectConfig(source: source, root: root, site: site, communes: communes,
                             communeCode: try c.string("code") ?? "insee_com", communeName: try c.string("name") ?? "nom_com",
                             membership: membership, scot: scot, landCover: landCover,
                             nomenclature: try nomenclaturePath(try doc.requiredString("nomenclature"), resolve: resolve, source: source), displayLevel: try doc.int("display_level"),
                             periods: periods, zanReference: zan, templates: try doc.string("templates").map(resolve) ?? existingFolder(resolve("Templates")),
                             content: resolve(try doc.string("content") ?? "Content"), output: resolve(try doc.string("output") ?? "Output"),
                             pdf: pdf)
        config.rankPeriods = ranks.isEmpty ? nil : ranks
        config.periodsInYears = periodsInYears
        config.postalCodes = postal
        config.communeFilter = try c.string("where")
        config.report = report
        if let n = lc.node("max_overlap_percent") {
            guard case .scalar(let v) = n, let pct = Double(v.string), pct >= 0, pct <= 100 else {
                throw InputError(YAMLMap.at(source, n), "land_cover.max_overlap_percent must be a number from 0 to 100")
            }
            config.maxOverlap = pct / 100
        }
        config.explorerLayers = layers
        switch try doc.string("cache") {
        case "none"?: config.cacheFolder = nil
        case let folder?: config.cacheFolder = resolve(folder)
        case nil: config.cacheFolder = resolve(".portraits")
        }
        return config
    }
}

/// The path when it is a folder, else nil.
package func existingFolder(_ path: String) -> String? {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue ? path : nil
}

/// Which printable PDFs a build makes (`pdf:` in the project file).
public struct PDFOptions: Sendable, Equatable {
    public enum Portraits: String, Sendable { case all, main, none }
    /// A portrait PDF for every territory and every view (`all`), only the main view, or none.
    public var portraits: Portraits = .all
    public enum AtlasPeriods: String, Sendable { case main, all }
    /// Levels whose territories get an atlas: a cover, the summary of their members, their own
    /// portrait, then a two-page fiche per member.
    public var atlases: [TerritoryLevel] = [.epci, .scot, .departement]
    /// The views atlases are made for: the longest period (`main`, the default) or every one.
    public var atlasPeriods: AtlasPeriods = .main

    public init() {}

    /// No PDF at all (`--no-pdf`).
    public static var none: PDFOptions {
        var o = PDFOptions()
        o.portraits = .none
        o.atlases = []
        return o
    }
}
