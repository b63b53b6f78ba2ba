import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The site's pages that hold no figure of their own: search, comparison (its data is loaded by
/// the browser), and the 404 page.
package enum SitePages {
    package static func search(common: CommonContext, templates: TemplateSet) throws -> String {
        try templates.render("recherche", common.context(path: "recherche.html", title: "Recherche"))
    }

    package static func compare(common: CommonContext, templates: TemplateSet, project: Project, main: PortraitView) throws -> String {
        var c = common.context(path: "comparer.html", title: "Comparer des territoires")
        c["meta"] = CompareData.meta(project, main: main)
        c["description"] = "Comparer l’occupation du sol de deux à quatre territoires : indicateurs clés et graphiques côte à côte."
        return try templates.render("comparer", c)
    }

    /// The page a host serves for any missing address, at that address: nothing in it may depend on
    /// where it is. Its stylesheets are inlined (without the web font, whose relative address would
    /// not resolve); its links are relative to the site's root, and a small script, when the address
    /// is inside one of the site's folders (`folders`, e.g. `commune/99999/x.html`), prefixes them
    /// with the path up to that folder, so that they also work under a sub-path. No canonical
    /// address, no external asset.
    package static func notFound(common: CommonContext, templates: TemplateSet, assets: SiteAssets, folders: [String]) throws -> String {
        var c = common.context(path: "404.html", title: "Page introuvable")   // at the root: links from ""
        c["canonical"] = nil
        c["stylesheets"] = [String]()
        c["script"] = nil
        c["inlineStyle"] = common.stylesheets.compactMap { path in
            assets.files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
        }.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("@font-face") }.joined(separator: "\n")
        c["rootFolders"] = JSONText.array((folders + ["doc", "donnees", "cartes", "assets"]).map(JSONText.string))
        return try templates.render("404", c)
    }
}
