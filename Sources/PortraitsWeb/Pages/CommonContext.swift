import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The parts every page shares: site title, navigation, notices, attribution, links to the root.
package struct CommonContext {
    package let siteTitle: String
    package let notices: [String]
    package let attribution: [String]
    package let levels: [TerritoryLevel]
    /// Documentation in the navigation bar (front matter `order` under 10).
    package let docs: [(slug: String, title: String)]
    /// Every documentation page (home page list).
    package let allDocs: [(slug: String, title: String)]
    package let baseURL: String?
    /// Fingerprinted stylesheets and script (site paths).
    package var stylesheets: [String] = [SitePaths.stylesheet]
    package var script: String? = nil

    /// Documentation pages every footer links when the content has them, as French public sites
    /// do: the mentions légales and the accessibility statement (its title says its status).
    package static let footerSlugs = ["mentions-legales", "accessibilite"]

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
            "footerLinks": Self.footerSlugs.compactMap { slug in
                allDocs.first { $0.slug == slug }.map { ["path": SitePaths.doc($0.slug), "title": $0.title] }
            },
            "stylesheets": stylesheets,
        ]
        c["hasFooterLinks"] = !((c["footerLinks"] as? [Any])?.isEmpty ?? true)
        if let script { c["script"] = script }
        if let base = baseURL {
            c["canonical"] = (base.hasSuffix("/") ? base : base + "/") + path
        }
        return c
    }

    package init(siteTitle: String, notices: [String], attribution: [String], levels: [TerritoryLevel], docs: [(slug: String, title: String)], allDocs: [(slug: String, title: String)], baseURL: String?, stylesheets: [String] = [SitePaths.stylesheet], script: String? = nil) {
        self.siteTitle = siteTitle
        self.notices = notices
        self.attribution = attribution
        self.levels = levels
        self.docs = docs
        self.allDocs = allDocs
        self.baseURL = baseURL
        self.stylesheets = stylesheets
        self.script = script
    }
}
