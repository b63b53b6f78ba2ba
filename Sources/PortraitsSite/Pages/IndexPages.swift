import PortraitsCore

/// The home page and one index page per level, to go région → départements → EPCI (and SCoT) → communes.
struct IndexPages {
    let project: Project
    let main: PortraitView
    let common: CommonContext

    var lastMillesimeIndex: Int { project.layout.index(of: main.millesime)! }

    func levels() -> [TerritoryLevel] {
        TerritoryLevel.allCases.filter { !project.catalog.all($0).isEmpty }
    }

    func item(_ t: Territory) -> [String: Any] {
        let f = project.facts[t.id]!
        return ["path": SitePaths.portrait(t.id, main), "name": t.name, "code": t.id.code,
                "area": FrenchNumber.format(f.area / 10_000), "covered": FrenchNumber.percent(f.area > 0 ? f.covered[lastMillesimeIndex] / f.area : 0)]
    }

    func home(templates: TemplateSet) throws -> String {
        var c = common.context(path: "index.html", title: "Accueil")
        let layout = project.layout
        c["millesimes"] = layout.millesimes.map(String.init).joined(separator: ", ")
        if !layout.periods.isEmpty { c["periods"] = layout.periods.map(\.label).joined(separator: ", ") }
        c["nomenclature"] = project.nomenclature.name
        c["hasScot"] = !project.catalog.all(.scot).isEmpty
        c["regions"] = project.catalog.all(.region).map { r -> [String: Any] in
            let f = project.facts[r.id]!
            return ["name": r.name, "path": SitePaths.portrait(r.id, main), "area": FrenchNumber.hectares(f.area, decimals: 0),
                    "communes": FrenchNumber.format(Double(r.communeIndices.count), decimals: 0),
                    "covered": FrenchNumber.percent(f.area > 0 ? f.covered[lastMillesimeIndex] / f.area : 0), "millesime": main.millesime]
        }
        c["levels"] = levels().map { ["path": SitePaths.levelIndex($0), "label": $0.pluralLabel, "count": project.catalog.all($0).count] }
        return try templates.render("home", c)
    }

    func levelIndex(_ level: TerritoryLevel, templates: TemplateSet) throws -> String {
        let path = SitePaths.levelIndex(level)
        var c = common.context(path: path, title: level.pluralLabel)
        let all = project.catalog.all(level)
        c["count"] = all.count
        c["millesime"] = main.millesime
        let groups: [[String: Any]]
        switch level {
        case .region, .departement:
            groups = [["items": all.map(item)]]
        default:
            // Grouped by département, sorted by name inside.
            groups = project.catalog.all(.departement).compactMap { d in
                let members = Set(d.communeIndices)
                let items = all.filter { t in t.communeIndices.contains { members.contains($0) } }
                    .sorted { $0.name.localizedStandardCompareFR($1.name) }
                guard !items.isEmpty else { return nil }
                return ["heading": "\(d.name) (\(d.id.code))", "items": items.map(item)]
            }
        }
        c["groups"] = groups
        return try templates.render("level-index", c)
    }
}

extension String {
    /// Alphabetical order for French names: accents and case ignored, then the raw string.
    func localizedStandardCompareFR(_ other: String) -> Bool {
        let a = self.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let b = other.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return a != b ? a < b : self < other
    }
}

import Foundation
