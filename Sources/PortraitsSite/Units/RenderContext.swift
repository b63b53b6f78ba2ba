import Foundation
import PortraitsResources
import PortraitsCore
import PortraitsDownloads
import PortraitsModel
import PortraitsProject
import PortraitsWeb

/// What every unit of the render stage reads, made once per build: the project and its figures,
/// the templates, the documentation, the navigation every page shows, the views of a portrait.
package struct RenderContext {
    package let project: Project
    package let indicators: IndicatorStore
    package let portraits: PortraitStore
    package let templates: TemplateSet
    package let assets: SiteAssets
    package let docs: DocPages
    /// The levels that have territories.
    package let levels: [TerritoryLevel]
    package let common: CommonContext
    package let views: [PortraitView]
    package let main: PortraitView
    package let maps: TerritoryMaps
    package let tables: DownloadTables
    /// "YYYY-MM-DD": the sitemap's and the workbooks' day.
    package let buildDay: String
    /// Midnight UTC of the build day (the workbooks' creation date).
    package let created: Date
    /// What every page shows of the documentation: its titles (the menu), not its text. Part of
    /// the territory pages' key.
    package let navigation: String

    package init(project: Project, indicators: IndicatorStore, portraits: PortraitStore, buildDay: String) throws {
        let config = project.config
        self.project = project
        self.indicators = indicators
        self.portraits = portraits
        self.buildDay = buildDay
        templates = try TemplateSet(override: config.templates)
        assets = try SiteAssets(folders: ([BuiltInResources.templates] + (config.templates.map { [$0] } ?? [])).map { ($0 as NSString).appendingPathComponent("assets") })
        docs = try DocPages(folder: config.content)
        levels = TerritoryLevel.allCases.filter { !project.catalog.all($0).isEmpty }
        let navDocs = docs.docs.filter { $0.document.order < 10 }.map { ($0.slug, $0.document.title) }
        var allDocs = docs.docs.map { ($0.slug, $0.document.title) }
        allDocs.append((NomenclaturePage.slug, "Nomenclature"))
        var common = CommonContext(siteTitle: config.site.title, notices: config.site.notices, attribution: config.site.attribution,
                                   levels: levels, docs: navDocs, allDocs: allDocs, baseURL: config.site.baseURL)
        common.stylesheets = assets.stylesheets
        common.script = assets.script
        self.common = common
        views = PortraitView.all(project.layout)
        main = PortraitView.main(views)
        maps = TerritoryMaps(project: project)
        tables = DownloadTables(project: project, store: indicators)
        created = Self.midnight(buildDay)
        navigation = ContentHash.of(allDocs.map { "\($0.0)=\($0.1)" } + navDocs.map(\.0))
    }

    /// The council's report of `t`, when the project asks for it (`rapport:`).
    package func report(_ t: Territory) -> TriennialReport? {
        TriennialReport.of(t, project: project, portraits: portraits, date: buildDay)
    }

    /// Midnight UTC of a build day ("2026-11-26").
    package static func midnight(_ day: String) -> Date {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) ?? Date(timeIntervalSince1970: 0)
    }
}
