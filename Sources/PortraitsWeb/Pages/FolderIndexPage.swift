import PortraitsCore
import PortraitsProject
import PortraitsModel

/// The `index.html` of a territory's folder (`commune/67482/`), so that a folder address, the one
/// the 404 page tells readers to type, opens the portrait: it sends the browser to the main view's
/// page (its canonical address) and lists every view for a browser that does not follow it.
package struct FolderIndexPage {
    package let territory: Territory
    package let views: [PortraitView]
    package let main: PortraitView
    /// Each view's name for this territory (its years).
    package let label: (PortraitView) -> String

    package init(territory: Territory, views: [PortraitView], main: PortraitView, label: @escaping (PortraitView) -> String = { $0.label }) {
        self.territory = territory
        self.views = views
        self.main = main
        self.label = label
    }

    package var path: String { SitePaths.folderIndex(territory.id) }

    package func html(common: CommonContext, templates: TemplateSet) throws -> String {
        let target = SitePaths.fileName(SitePaths.portrait(territory.id, main))
        var c = common.context(path: SitePaths.portrait(territory.id, main), title: territory.name)
        c["refresh"] = target
        c["name"] = territory.name
        c["levelLabel"] = territory.id.level.label
        c["code"] = territory.id.code
        c["target"] = target
        c["mainLabel"] = label(main)
        c["views"] = views.map { ["file": SitePaths.fileName(SitePaths.portrait(territory.id, $0)), "label": label($0)] }
        return try templates.render("folder-index", c)
    }
}
