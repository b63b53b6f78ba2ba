import Foundation
import PortraitsCore
import PortraitsGeo
import PortraitsDemo
import PortraitsProject
import PortraitsResources

/// `portraits init`: from a communes source (ADMIN EXPRESS as downloaded, or any layer with the
/// membership's fields) and land-cover sources (IGN's OCS GE folders, files or globs), writes a
/// project that builds without edits: a commented `portraits.yaml`, a `Content/` with the pages a
/// public portal needs, and a `Templates/` holding the built-in templates and assets ready to be
/// changed. Returns what it found, what it guessed and what to check.
public enum ProjectInit {
    public static func run(communes: String, landCover: [String], into folder: String, force: Bool = false) throws -> String {
        let fm = FileManager.default
        let root = PathNormalizer.absolute(folder, from: fm.currentDirectoryPath)
        let configPath = (root as NSString).appendingPathComponent("portraits.yaml")
        if fm.fileExists(atPath: configPath) && !force {
            throw InputError(configPath, "already exists; init writes a new project: choose another folder, or add --force to replace the project file")
        }
        guard !landCover.isEmpty else { throw InputError(root, "name at least one land-cover source (--land-cover: a file, a folder or a glob)") }
        let cwd = fm.currentDirectoryPath
        let c = try SourceInspection.communes(PathNormalizer.absolute(communes, from: cwd))
        let files = try SourceInspection.landCover(landCover, from: cwd)
        guard !files.isEmpty else {
            throw InputError(landCover.joined(separator: ", "), "no land-cover layer found: no layer with a couverture code field (\(SourceInspection.couvertureFields.joined(separator: ", ")))")
        }
        var notes: [String] = []
        var checks: [String] = []

        // One set of fields for all the files (IGN's are all alike).
        let couverture = Set(files.map(\.couverture)), usage = Set(files.map { $0.usage ?? "" })
        guard couverture.count == 1, usage.count == 1 else {
            throw InputError(files[0].path, "the land-cover files do not have the same code fields (\(Set(files.map { "\($0.couverture)/\($0.usage ?? "-")" }).sorted().joined(separator: ", "))); write land_cover by hand, one entry per kind of file")
        }
        let hasUsage = !usage.first!.isEmpty

        // Millésimes by département: when they differ, the portraits are by rank (1st, 2nd…
        // millésime of each commune, docs/millesimes-par-departement.md).
        var byDepartement: [String: Set<Int>] = [:]
        for f in files { byDepartement[f.departement ?? "?", default: []].insert(f.year) }
        let mixed = Set(byDepartement.values.map { $0.sorted() }).count > 1
        let yearList = byDepartement.keys.sorted().map { "\($0): \(byDepartement[$0]!.sorted().map(String.init).joined(separator: ", "))" }.joined(separator: "; ")
        if mixed { checks.append("the départements have different millésimes (\(yearList)): each commune's figures use its own years, periods are by rank (1st → 2nd millésime), and a territory across départements states both") }
        let years = Set(files.map(\.year)).sorted()

        // The nomenclature whose leaves hold every code found; otherwise the national one, with unknown codes as « non classé ».
        let nomenclatures = try BuiltInResources.nomenclatures.compactMap { name -> (String, Nomenclature)? in
            guard let path = BuiltInResources.nomenclature(name) else { return nil }
            return (name, try NomenclatureLoader.load(path: path))
        }
        func unknown(_ n: Nomenclature) -> [String] {
            var out: [String] = []
            for f in files {
                for (dim, codes) in f.codes {
                    guard let d = n.dimensions.first(where: { $0.id == dim }) else { out += codes.sorted().map { "\(dim): \($0)" }; continue }
                    out += codes.filter { d.leafNumber(of: $0.trimmingWhitespace()) == nil }.sorted().map { "\(dim) « \($0) »" }
                }
            }
            var seen = Set<String>()
            return out.filter { seen.insert($0).inserted }
        }
        let scored = nomenclatures.map { ($0.0, unknown($0.1)) }.sorted { ($0.1.count, $0.0 == "cnig" ? 0 : 1) < ($1.1.count, $1.0 == "cnig" ? 0 : 1) }
        guard let (nomenclature, unknownCodes) = scored.first else { throw InputError(BuiltInResources.content, "no built-in nomenclature") }
        if !unknownCodes.isEmpty {
            checks.append("\(unknownCodes.count) codes are not in the \(nomenclature) nomenclature (\(unknownCodes.prefix(8).joined(separator: ", "))\(unknownCodes.count > 8 ? "…" : "")): they are counted as « non classé » (land_cover.unknown_codes); fix the data or the nomenclature")
        }

        // land_cover: one entry with the millésime read from each file, or one entry per year.
        // Paths from the project's folder (`../telechargements/…` when the downloads sit beside it).
        func relative(_ path: String) -> String { PathNormalizer.relative(path, from: root) }
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func filesValue(_ group: [SourceInspection.LandCoverFile]) -> String {
            let paths = group.map(\.path)
            if paths.count > 1, let glob = commonGlob(paths), Set(FileGlob.expand(glob, root: root)) == Set(paths) {
                return quoted(relative(glob))
            }
            return paths.count == 1 ? quoted(relative(paths[0])) : "[" + paths.map { quoted(relative($0)) }.joined(separator: ", ") + "]"
        }
        let fieldsLine = "      fields: {couverture: \(quoted(couverture.first!))\(hasUsage ? ", usage: \(quoted(usage.first!))" : "")}\n"
        var landCoverYAML = ""
        // One entry per layer name (IGN's are all `occupation_sol`), with the millésime read from
        // each file's field, or one entry per year.
        var layerOrder: [String] = []
        for f in files where !layerOrder.contains(f.layer) { layerOrder.append(f.layer) }
        for layerName in layerOrder {
            let group = files.filter { $0.layer == layerName }
            let layerLine = "      layer: \(quoted(layerName))\n"
            let field = group[0].millesimeField
            if let field, group.allSatisfy({ $0.millesimeField == field }) {
                let deps = Set(group.compactMap(\.departement)).count
                landCoverYAML += "    # \(group.count) files\(deps > 0 ? " (\(deps) département\(deps > 1 ? "s" : "") × \(Set(group.map(\.year)).count) millésimes)" : ""), each file's millésime read from its field \(field)\n"
                landCoverYAML += "    - files: \(filesValue(group))\n      millesime_field: \(quoted(field))\n" + layerLine + fieldsLine
            } else {
                for y in Set(group.map(\.year)).sorted() {
                    let byYear = group.filter { $0.year == y }
                    landCoverYAML += "    # millésime \(y): \(byYear.count) file\(byYear.count > 1 ? "s" : "") (year from the \(byYear[0].yearFrom))\n"
                    landCoverYAML += "    - millesime: \(y)\n      files: \(filesValue(byYear))\n" + layerLine + fieldsLine
                }
            }
        }
        if files.contains(where: { $0.yearFrom == "folder name" }) {
            checks.append("the millésimes were read from the folder names (\(years.map(String.init).joined(separator: ", "))): check them in land_cover")
        }
        for f in files where f.yearProblem != nil {
            checks.append("\(relative(f.path)): its MILLESIME field was not used (\(f.yearProblem!)); the year \(f.year) comes from its folder's name")
        }
        if !hasUsage {
            notes.append("no usage field: the portraits show the couverture only (no consumption of NAF spaces, no artificialisation)")
        }
        let crs = Set(files.map(\.crs))
        if crs != ["EPSG:2154"] || c.crs != "EPSG:2154" {
            notes.append("coordinates in \((crs.union([c.crs])).sorted().joined(separator: ", ")): reprojected to Lambert-93 (EPSG:2154) when read")
        }

        // membership
        var membershipYAML = ""
        for l in c.levels {
            if let t = l.names {
                membershipYAML += "  \(l.label): {code: \(quoted(l.code)), names: {file: \(quoted(relative(t.layer.path)))\(t.layer.layer.map { ", layer: \(quoted($0))" } ?? ""), code: \(quoted(t.code)), name: \(quoted(t.name))}}\n"
            } else {
                membershipYAML += "  \(l.label): {code: \(quoted(l.code)), name: \(quoted(l.name!))}\n"
            }
        }
        // The project's communes: those of the départements the land cover was delivered for (a
        // national ADMIN EXPRESS holds 35 000 communes): as IGN's folder names say them, or else
        // the départements half of whose communes meet the land cover's extent (a neighbour's
        // communes along the border do not bring it in).
        let inLayer = Set(c.places.map(\.departement))
        let extents = files.compactMap(\.extent)
        var meeting: [String: (met: Int, all: Int)] = [:]
        for p in c.places {
            let met = extents.contains { $0.intersects(p.box) }
            meeting[p.departement, default: (0, 0)].all += 1
            if met { meeting[p.departement]!.met += 1 }
        }
        let touched = Set(meeting.filter { $0.value.met > 0 && 2 * $0.value.met >= $0.value.all }.keys)
        if extents.count == files.count && !meeting.values.contains(where: { $0.met > 0 }) {
            var all = BoundingBox.empty
            for e in extents { all.formUnion(e) }
            throw InputError(landCover.joined(separator: ", "), "the land cover (x \(Int(all.minX))…\(Int(all.maxX)), y \(Int(all.minY))…\(Int(all.maxY)) in Lambert-93) meets none of the \(c.count) communes of \(c.location): are they the same territory, each in its true CRS?")
        }
        let named = files.allSatisfy { $0.departement != nil }
        let delivered = named ? Set(files.compactMap(\.departement)) : touched
        var whereLine = ""
        var scope = c.places
        let missing = delivered.subtracting(inLayer)
        if named && !missing.isEmpty {
            throw InputError(c.location, "no commune of département\(missing.count > 1 ? "s" : "") \(missing.sorted().joined(separator: ", ")), which the land cover was delivered for (field \(c.levels[1].code)): are these the right communes?")
        }
        if !delivered.isEmpty && !inLayer.subtracting(delivered).isEmpty {
            let list = delivered.sorted().map { "'\($0)'" }.joined(separator: ", ")
            whereLine = "  where: \(quoted("\(c.levels[1].code) IN (\(list))"))   # the départements of the land cover, of the layer's \(inLayer.count)\n"
            scope = c.places.filter { delivered.contains($0.departement) }
            if !named {
                checks.append("the communes are those of the départements the land cover's extent meets (\(delivered.sorted().joined(separator: ", "))): check communes.where")
            }
        }
        let regions = Set(scope.map(\.region)).sorted(), departements = Set(scope.map(\.departement)).sorted()
        let place = regions.count == 1 && departements.count > 1 ? (c.regionNames[regions[0]] ?? "")
            : departements.compactMap { c.departementNames[$0] }.joined(separator: ", ")
        let title = "Portraits de territoires" + (place.isEmpty ? "" : " — \(place)")
        let yaml = """
        # Project written by `portraits init` on \(BuildDay.today()) from:
        #   communes:   \(c.location)
        #   land cover: \(landCover.joined(separator: ", "))
        # Build the site with `portraits build` (in this folder), check the data with `portraits check`.
        # Every key is described in the README's configuration reference.

        site:
          title: \(quoted(title))
          attribution:
            - "OCS GE © IGN (Licence Ouverte 2.0)"
            - "Contours : IGN ADMIN EXPRESS (Licence Ouverte)"
          map_credit: "OCS GE © IGN · Contours IGN ADMIN EXPRESS"
          # base_url: https://example.org/portraits/   # the public address: canonical links and sitemap.xml

        # \(scope.count) communes (\(c.crs))
        communes:
          file: \(quoted(relative(c.layer.path)))
        \(c.layer.layer.map { "  layer: \(quoted($0))\n" } ?? "")\(whereLine)  code: \(quoted(c.code))
          name: \(quoted(c.name))

        # Each commune's EPCI, département and région\(c.levels.contains { $0.names != nil } ? ": codes in the communes layer, names joined from the layers beside it" : "")
        membership:
        \(membershipYAML)
        land_cover:
          layers:
        \(landCoverYAML)\(unknownCodes.isEmpty ? "" : "  unknown_codes: non-classe   # codes outside the nomenclature are counted as « non classé » (see init's output)\n")
        # The national OCS GE nomenclature, built into portraits (or a path to a nomenclature.yaml of your own).
        nomenclature: \(nomenclature)
        \(mixed ? "# periods: [[1, 2]]   # by rank, as the départements' millésimes differ: each commune's 1st → 2nd millésime (default: each consecutive pair of ranks, then first → last)"
                 : "# periods: [[\(years.first!), \(years.last!)]]   # default: each consecutive pair of millésimes, then first → last")
        content: Content       # the documentation pages (Markdown): edit them, add your own
        templates: Templates   # copies of the built-in templates and assets: change them, or delete a file to use the built-in one
        output: Output
        # pdf: {portraits: main}   # printable PDFs for the longest period only (default: every period)

        """
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Content and Templates: the files that are not there yet.
        var written = 0, kept = 0
        func copy(_ from: String, _ to: String, transform: ((String) -> String)? = nil) throws {
            if fm.fileExists(atPath: to) { kept += 1; return }
            try fm.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if let transform, let text = try? String(contentsOfFile: from, encoding: .utf8) {
                try transform(text).write(toFile: to, atomically: true, encoding: .utf8)
            } else {
                try fm.copyItem(atPath: from, toPath: to)
            }
            written += 1
        }
        let content = BuiltInResources.content
        for name in try fm.contentsOfDirectory(atPath: content).sorted() where StarterContent.pages.contains(name) {
            try copy((content as NSString).appendingPathComponent(name), (root as NSString).appendingPathComponent("Content/\(name)"),
                     transform: StarterContent.withoutDemo(page: name))
        }
        let templates = BuiltInResources.templates
        for relativePath in (fm.enumerator(atPath: templates)?.allObjects as? [String] ?? []).sorted() {
            let from = (templates as NSString).appendingPathComponent(relativePath)
            if SourceInspection.isDirectory(from) { continue }
            try copy(from, (root as NSString).appendingPathComponent("Templates/\(relativePath)"))
        }
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)

        var out: [String] = ["Wrote \(configPath)", ""]
        out.append("Communes: \(scope.count)\(scope.count < c.count ? " of the \(c.count)" : "") in \(c.location) (\(c.crs)); code \(c.code), name \(c.name)\(whereLine.isEmpty ? "" : "; only the départements of the land cover (\(delivered.sorted().joined(separator: ", ")))")")
        for l in c.levels {
            out.append("  \(l.label): code \(l.code), " + (l.names.map { "names from \($0.layer.path)\($0.layer.layer.map { ", layer \($0)" } ?? "") (\($0.code) → \($0.name))" } ?? "name \(l.name!)"))
        }
        out.append("Land cover: \(files.count) files, \(files.reduce(0) { $0 + $1.count }) polygons; fields \(couverture.first!)\(hasUsage ? " and \(usage.first!)" : "")")
        for f in files {
            out.append("  \(relative(f.path))\(f.layerNeeded ? ", layer \(f.layer)" : ""): \(f.count) polygons, \(f.crs), millésime \(f.year) (\(f.yearFrom))\(f.departement.map { ", département \($0)" } ?? "")")
        }
        out.append(mixed ? "Millésimes by département: \(yearList) (portraits by rank: each commune's own years)"
                   : "Millésimes: \(years.map(String.init).joined(separator: ", "))" + (named ? " in every département (\(byDepartement.keys.sorted().joined(separator: ", ")))" : ""))
        out.append("Nomenclature: \(nomenclature) (built in)\(unknownCodes.isEmpty ? ", every code found is one of its classes" : "")")
        for n in notes { out.append("Note: \(n)") }
        out.append("Content/ and Templates/: \(written) files written\(kept > 0 ? ", \(kept) already there and kept" : "")")
        out.append("")
        out.append("To check before publishing:")
        for c in checks { out.append("  - \(c)") }
        out.append("  - the site's title and attribution in portraits.yaml")
        out.append("  - the pages of Content/ marked « À compléter » (mentions légales, accessibilité): the publisher fills them in")
        out.append("")
        out.append("Next: cd \(root) && portraits build   (then open Output/index.html)")
        return out.joined(separator: "\n")
    }

    /// The example's millésimes: the west in 2018 and 2021, the east in 2019 and 2023.
    package static let exampleMillesimes = [[2018, 2021], [2019, 2023]]

    /// `portraits init --example DIR`: IGN-shaped downloads of a small fictional territory in
    /// `DIR/telechargements/`, and the project init writes from them.
    public static func example(into folder: String, force: Bool = false) throws -> String {
        let root = PathNormalizer.absolute(folder, from: FileManager.default.currentDirectoryPath)
        let downloads = (root as NSString).appendingPathComponent("telechargements")
        if FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent("portraits.yaml")) && !force {
            throw InputError(root, "already holds a portraits.yaml; choose another folder, or add --force")
        }
        // Each département photographed in its own years, as IGN's national OCS GE is.
        let polygons = try IGNDeliveries.write(into: downloads, millesimes: exampleMillesimes)
        let head = "Wrote an example of IGN's downloads (\(polygons) land-cover polygons, fictional communes) into \(downloads)\n"
        return head + (try run(communes: IGNDeliveries.adminExpressFolder(downloads), landCover: [downloads], into: root, force: force))
    }

    /// The glob `common folder/**/name` when every path has the same file name.
    static func commonGlob(_ paths: [String]) -> String? {
        let names = Set(paths.map { ($0 as NSString).lastPathComponent })
        guard names.count == 1, let name = names.first else { return nil }
        var common = paths[0].split(separator: "/").dropLast().map(String.init)
        for p in paths.dropFirst() {
            let parts = p.split(separator: "/").dropLast().map(String.init)
            var n = 0
            while n < min(common.count, parts.count) && common[n] == parts[n] { n += 1 }
            common = Array(common[..<n])
        }
        return "/" + (common + ["**", name]).joined(separator: "/")
    }
}

/// The pages `init` gives a new portal, from the built-in `Content/`: without what only the
/// demonstration says of itself.
enum StarterContent {
    static let pages: Set<String> = ["a-propos.md", "guide.md", "donnees.md", "licence.md", "mentions-legales.md", "accessibilite.md", "methode.md",
                                     "methode-stock.md", "methode-evolution.md", "methode-mutations.md", "methode-impermeabilisation.md",
                                     "methode-consommation.md", "methode-artificialisation.md", "methode-zan.md", "methode-comparaison.md"]

    /// For the pages that speak of the demonstration: its paragraphs and sections removed (a
    /// mentions-légales model keeps its « à compléter » note).
    static func withoutDemo(page: String) -> ((String) -> String)? {
        guard ["donnees.md", "licence.md", "mentions-legales.md"].contains(page) else { return nil }
        return { text in
            var blocks: [String] = []
            var skippingSection = false
            for block in text.components(separatedBy: "\n\n") {
                let trimmed = block.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.hasPrefix("#") { skippingSection = trimmed.lowercased().contains("démonstration") }
                if skippingSection { continue }
                if trimmed.lowercased().contains("démonstration") {
                    if page == "mentions-legales.md" && trimmed.hasPrefix(">") {
                        blocks.append("> **Modèle à compléter.** Les passages signalés « à compléter » doivent être remplis par l’éditeur du\n> site, et cet avertissement retiré, avant toute mise en ligne.")
                    }
                    continue
                }
                blocks.append(block)
            }
            return blocks.joined(separator: "\n\n")
        }
    }
}
