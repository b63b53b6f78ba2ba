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

    /// Links from the site's root, whatever the missing page's folder; no canonical address.
    package static func notFound(common: CommonContext, templates: TemplateSet) throws -> String {
        var c = common.context(path: "404.html", title: "Page introuvable", absoluteRoot: true)
        c["canonical"] = nil
        return try templates.render("404", c)
    }
}
