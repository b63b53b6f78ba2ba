import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The offline search index, `donnees/recherche.js`: every territory with its level, code, portrait
/// page, parents and postal codes, as a script (pages load it with a script element, which works
/// from disk where fetch does not). Matching (accents, case, "st"/"saint") is done by the page.
package enum SearchIndex {
    package static let path = "donnees/recherche.js"

    package static func script(_ project: Project, main: PortraitView) -> String {
        let catalog = project.catalog
        var items: [String] = []
        let ordered = catalog.sorted.sorted { ($0.id.level.rank, $0.name, $0.id.code) < ($1.id.level.rank, $1.name, $1.id.code) }
        for t in ordered {
            let postal = t.id.level == .commune ? (project.postalCodes[t.id.code] ?? []).joined(separator: " ") : ""
            items.append(JSONText.array([JSONText.string(t.name), JSONText.string(t.id.level.rawValue), JSONText.string(t.id.code),
                                         JSONText.string(SitePaths.portrait(t.id, main)), JSONText.string(context(t, catalog)),
                                         JSONText.string(postal)]))
        }
        let levels = JSONText.object(TerritoryLevel.allCases.map { ($0.rawValue, JSONText.string($0.label)) })
        return "window.PORTRAITS_SEARCH = {\"levels\":\(levels),\"items\":[\n" + items.joined(separator: ",\n") + "\n]};\n"
    }

    /// The parents that locate a territory, nearest first: "Eurométropole de Strasbourg · Bas-Rhin".
    package static func context(_ t: Territory, _ catalog: TerritoryCatalog) -> String {
        let wanted: [TerritoryLevel]
        switch t.id.level {
        case .commune: wanted = [.epci, .departement]
        case .epci, .scot: wanted = [.departement]
        case .departement: wanted = [.region]
        case .region: wanted = []
        }
        return wanted.flatMap { level in t.parents.filter { $0.level == level }.compactMap { catalog[$0]?.name } }.joined(separator: " · ")
    }
}
