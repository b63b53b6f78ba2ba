import PortraitsCore

/// The parts every page shares: site title, navigation, notices, attribution, links to the root.
struct CommonContext {
    let siteTitle: String
    let notices: [String]
    let attribution: [String]
    let levels: [TerritoryLevel]
    /// Documentation in the navigation bar (front matter `order` under 10).
    let docs: [(slug: String, title: String)]
    /// Every documentation page (home page list).
    let allDocs: [(slug: String, title: String)]
    let baseURL: String?

    func context(path: String, title: String) -> [String: Any] {
        let root = SitePaths.root(of: path)
        var c: [String: Any] = [
            "root": root,
            "siteTitle": siteTitle,
            "pageTitle": title,
            "notices": notices,
            "hasNotices": !notices.isEmpty,
            "hasDocs": !docs.isEmpty,
            "attribution": attribution,
            "levels": levels.map { ["path": SitePaths.levelIndex($0), "label": $0.pluralLabel] },
            "docs": docs.map { ["path": SitePaths.doc($0.slug), "title": $0.title] },
            "allDocs": allDocs.map { ["path": SitePaths.doc($0.slug), "title": $0.title] },
        ]
        if let base = baseURL {
            c["canonical"] = (base.hasSuffix("/") ? base : base + "/") + path
        }
        return c
    }
}
