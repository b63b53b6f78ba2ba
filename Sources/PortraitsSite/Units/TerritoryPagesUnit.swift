import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsDownloads
import PortraitsModel
import PortraitsProject
import PortraitsWeb

/// The territory pages unit: each territory's explorer, its portraits (one per view, with the
/// locator laid out from its scenes) and their CSV, its tables, workbook and compare data. Key:
/// the figures, the templates, the navigation and the publishing options.
package enum TerritoryPagesUnit {
    package static func render(_ scenes: TerritoryScenes, maps meta: TerritoryMapsMeta, context: RenderContext, writer: FileSink, units: UnitCache) throws {
        let project = context.project, config = project.config, t = scenes.territory, views = context.views
        let (common, templates) = (context.common, context.templates)
        func file(_ m: TerritoryMapsMeta.Map) -> MapFile { var f = MapFile(m); f.pieces = meta.pieces; return f }
        let mapFiles = meta.maps.mapValues(file)
        let changeMaps = meta.changes.mapValues(file)
        let overlays = meta.overlays.map { (layer: project.extraLayers[$0.layer], path: $0.path, categories: $0.categories) }
        let explorer = ExplorerPage(project: project, territory: t, main: context.main, maps: mapFiles, changeMaps: changeMaps, overlays: overlays,
                                    indicators: context.indicators, portraits: context.portraits)
        try writer.write(explorer.path, try explorer.html(common: common, templates: templates))
        let folderIndex = FolderIndexPage(territory: t, views: views, main: context.main) { ViewYears.of($0, t.id, project: project).short }
        try writer.write(folderIndex.path, try folderIndex.html(common: common, templates: templates))

        let locator = try scenes.locator.map { (svg: try CairoRenderer.svg($0.scene, inline: true), title: $0.title) }
        let facts = project.facts[t.id]!
        try writer.write(SitePaths.stockCSV(t.id), TerritoryCSV.stock(t, facts: facts, project: project))
        for (p, period) in project.layout.periods.enumerated() {
            try writer.write(SitePaths.transitionsCSV(t.id, period), TerritoryCSV.transitions(t, facts: facts, periodIndex: p, project: project))
        }
        try writer.write(SitePaths.csvMetadata(t.id), try TerritoryCSV.metadata(t, views: views, project: project, attribution: config.site.attribution))
        try writer.write(SitePaths.territoryXLSX(t), try TerritoryWorkbook.bytes(t, tables: context.tables, attribution: config.site.attribution, created: context.created))
        try writer.write(CompareData.path(t.id), CompareData.script(t, project: project, indicators: context.indicators, views: views))
        let report = context.report(t)
        if let report {
            // Timed apart: the benchmark gives what the reports add to a build.
            let odt = try units.measure("rapport-odt") { try ReportODT.bytes(report, site: config.site.title) }
            units.count("rapport-odt", bytes: odt.count)
            try writer.write(SitePaths.report(t, report.view, pdf: false), odt)
        }
        let reportLinks = report.map { r in
            (odt: SitePaths.report(t, r.view, pdf: false), pdf: PDFPlan(project).reports ? SitePaths.report(t, r.view, pdf: true) : nil)
        }
        for view in views {
            let map = mapFiles[view.millesime]!
            let changeMap = view.period.flatMap { project.layout.periods.firstIndex(of: $0) }.flatMap { changeMaps[$0] }
            let page = PortraitPage(project: project, portrait: context.portraits.portrait(t.id, view)!, views: views, map: map,
                                    changeMap: changeMap, locator: locator)
            // The portrait itself (HTML with its inline SVG charts) is timed apart: the benchmark compares it with Hugo.
            let html = try units.measure("portrait-html") {
                try page.html(common: common, templates: templates, explorer: explorer.path, workbook: SitePaths.territoryXLSX(t), report: reportLinks)
            }
            units.count("portrait-html", bytes: html.utf8.count)
            try writer.write(page.path, html)
            try writer.write(SitePaths.csv(t.id, view), PortraitCSV.bytes(page.portrait))
        }
    }
}
