import Foundation
import PortraitsCore
import PortraitsCairo
import PortraitsGraphics
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The web page of one portrait: the Mustache context made from the `Portrait` model (the one
/// place where the model becomes template keys), its inline charts and its CSV. Lays out; computes
/// no figure. No I/O here.
package struct PortraitPage {
    package let project: Project
    package let portrait: Portrait
    package let views: [PortraitView]
    /// The land-cover map of the view's millésime.
    package let map: MapFile
    /// The change map of the view's period.
    package let changeMap: MapFile?
    /// The locator map (Cairo SVG) and its description; nil for the région.
    package let locator: (svg: [UInt8], title: String)?

    package init(project: Project, portrait: Portrait, views: [PortraitView], map: MapFile,
         changeMap: MapFile? = nil, locator: (svg: [UInt8], title: String)?) {
        self.project = project
        self.portrait = portrait
        self.views = views
        self.map = map
        self.changeMap = changeMap
        self.locator = locator
    }

    package var view: PortraitView { portrait.view }
    package var path: String { SitePaths.portrait(portrait.territory, view) }

    /// The page, with the links to the territory's explorer, workbook and council's report (its ODT
    /// and, when PDFs are printed, its PDF).
    package func html(common: CommonContext, templates: TemplateSet, explorer: String, workbook: String,
                      report: (odt: String, pdf: String?)? = nil) throws -> String {
        var c = try context(common: common)
        if let report {
            c["reportFile"] = SitePaths.fileName(report.odt)
            if let pdf = report.pdf { c["reportPDF"] = SitePaths.fileName(pdf) }
        }
        c["explorerFile"] = SitePaths.fileName(explorer)
        c["compareLink"] = "\(c["root"] as? String ?? "")comparer.html?t=\(CompareData.id(portrait.territory))" + (view.period.map { "&p=\($0)" } ?? "")
        c["xlsxFile"] = SitePaths.fileName(workbook)
        return try templates.render("portrait", c)
    }

    func context(common: CommonContext) throws -> [String: Any] {
        let p = portrait, id = p.territory
        var c = common.context(path: path, title: "\(p.name) (\(id.level.inText)) · \(p.years.short)")
        c["description"] = "Portrait de l’occupation du sol \(FrenchText.de(p.territory, p.name)), \(p.years.named)."
        c["name"] = p.name
        c["code"] = id.code
        c["levelLabel"] = id.level.label
        c["millesime"] = p.years.millesime.description
        c["millesimeLabel"] = p.years.millesime.label
        c["parents"] = p.parents.map { ["path": SitePaths.portrait($0.id, view), "name": $0.name, "levelLabel": $0.id.level.label] }
        c["hasViews"] = views.count > 1
        c["views"] = views.map { ["file": "\($0.id).html", "label": ViewYears.of($0, id, project: project).short, "current": $0 == view] }
        if let period = p.years.period {
            c["period"] = ["start": period.start.description, "end": period.end.description, "label": period.description]
            // Where the communes' years differ, which years each sums.
            if period.single == nil { c["yearsNote"] = "Les communes de ce territoire n’ont pas été photographiées les mêmes années : les surfaces additionnent \(period.detail), et les rythmes par an sont calculés commune par commune, chacune sur ses propres années." }
        }
        c["areaHa"] = p.area.text
        c["coveredShare"] = p.coveredShare.text
        var message: [String: Any] = ["sentence": p.message.sentence, "items": p.message.items.map { item -> [String: Any] in
            var i: [String: Any] = ["value": item.figure.text, "label": item.label]
            if let detail = item.detail { i["detail"] = detail }
            if let caveat = item.caveat { i["caveat"] = caveat }
            return i
        }]
        if let rank = p.message.rank { message["rank"] = rank }
        c["message"] = message
        if let n = p.communeCount { c["communeCount"] = n.text }
        if let note = p.caveats.coverage { c["coverageNote"] = note }
        if let note = p.caveats.overlap { c["overlapNote"] = note }
        if let note = p.caveats.unclassified { c["unclassifiedNote"] = note }
        c["mapFile"] = SitePaths.fileName(map.path)
        c["mapAlt"] = p.mapAlt
        c["mapWidth"] = Int(map.width)
        c["mapHeight"] = Int(map.height)
        c["mapLegend"] = MapLegendContext.context(map.legend)
        c["mapPieces"] = map.pieces
        c["mapCaption"] = p.mapCaption
        c["stockTitle"] = p.stockTitle
        c["stockCaption"] = p.stockCaption
        c["csvFile"] = "\(view.id).csv"
        let plan = PDFPlan(project)
        if let territory = project.catalog[id] {
            if plan.portrait(view) { c["pdfFile"] = SitePaths.fileName(SitePaths.portraitPDF(territory, view)) }
            if plan.atlas(territory, view) {
                c["atlasFile"] = SitePaths.fileName(SitePaths.atlasPDF(territory, view))
                c["atlasMembers"] = p.members.rows.count == territory.communeIndices.count ? "\(p.members.rows.count) communes"
                    : "\(p.members.rows.count) EPCI et communes hors EPCI"
            }
        }
        c["stockCSV"] = SitePaths.stockFile
        if let period = view.period { c["transitionsCSV"] = SitePaths.transitionsFile(period) }
        c["csvMetadata"] = SitePaths.csvMetadataFile
        c["levelName"] = p.levelName
        c["nomenclature"] = project.nomenclature.name
        c["rows"] = p.stockRows.map { r -> [String: Any] in
            var d: [String: Any] = ["label": r.label, "code": r.code, "color": r.color.hex,
                                    "after": Fmt.num(r.after), "afterShare": Fmt.pct(r.afterShare)]
            if let b = r.before, let share = r.beforeShare, let delta = r.delta {
                d["before"] = Fmt.num(b)
                d["beforeShare"] = Fmt.pct(share)
                d["delta"] = Fmt.num(delta)
            }
            return d
        }
        c["totalAfter"] = Fmt.num(p.totalAfter)
        c["totalBefore"] = Fmt.num(p.totalBefore)
        c["totalDelta"] = Fmt.num(p.totalAfter - p.totalBefore)
        if let t = p.themes {
            c["evolution"] = Self.context(t.evolution)
            var mutations = Self.context(t.mutations)
            if let changeMap { mutations["changeMap"] = Self.context(t.mutations.changes, map: changeMap) }
            c["mutations"] = mutations
            c["sealing"] = Self.context(t.sealing)
            c["consumption"] = Self.context(t.consumption)
            c["artificialisation"] = Self.context(t.artificialisation)
            c["comparison"] = Self.context(t.comparison)
            if let zan = t.zan { c["zan"] = Self.context(zan) }
        }
        if let s = p.stockOnly { c["stockOnly"] = Self.context(s) }
        try inlineCharts(&c)
        // The plain list of children, which the built-in template replaced by the member table, stays
        // a key for projects' own templates.
        c["children"] = p.children.map { ["path": SitePaths.portrait($0.id, view), "name": $0.name, "code": $0.id.code] }
        c["hasChildren"] = !p.children.isEmpty
        c["members"] = Self.context(p.members, view: view)
        if let title = p.childrenTitle { c["childrenTitle"] = title }
        return c
    }


    // MARK: - Themes as template keys

    static func context(_ e: EvolutionTheme) -> [String: Any] {
        ["sentence": e.sentence, "duration": e.duration,
         "rows": e.rows.map { r -> [String: Any] in
             ["label": r.label, "code": r.code, "color": r.color.hex, "before": r.before.text, "after": r.after.text,
              "change": r.change.text, "relative": r.relative.text, "perYear": r.perYear.text]
         }]
    }

    static func context(_ m: MutationsTheme) -> [String: Any] {
        [
            "sentence": m.sentence,
            "header": m.classes.map { ["code": $0.code, "label": $0.label] },
            "rows": m.classes.indices.map { i -> [String: Any] in
                ["code": m.classes[i].code, "label": m.classes[i].label, "color": m.classes[i].color.hex,
                 "cells": m.classes.indices.map { j -> [String: Any] in ["value": Fmt.num(m.matrix[i][j]), "diagonal": i == j] },
                 "total": Fmt.num(m.rowTotals[i])]
            },
            "columnTotals": m.columnTotals.map { Fmt.num($0) },
            "total": Fmt.num(m.total),
            "grossChange": m.grossChange.text,
            "persistence": m.persistence.text,
            "main": m.main.map { ["from": $0.from, "to": $0.to, "area": $0.area.text] },
            "hasMain": !m.main.isEmpty,
        ]
    }

    static func context(_ t: ChangeTable, map: MapFile) -> [String: Any] {
        func row(_ k: ChangeKind, _ area: Figure) -> [String: Any] { ["label": k.label, "color": ChangeMapStyle.color(k).hex, "area": area.text] }
        var c: [String: Any] = ["file": SitePaths.fileName(map.path), "alt": t.mapAlt, "width": Int(map.width), "height": Int(map.height),
                                "rows": t.rows.map { row($0.kind, $0.area) }, "coverTotal": t.coverTotal.text,
                                "legend": MapLegendContext.context(map.legend), "pieces": map.pieces]
        if let u = t.usage {
            var usage = row(.usage, u.row.figure)
            usage["detail"] = u.detail
            c["usage"] = usage
        }
        return c
    }

    static func context(_ s: SealingTheme) -> [String: Any] {
        var c: [String: Any] = [
            "sentence": s.sentence,
            "composition": s.composition.map { c -> [String: Any] in
                ["year": c.year, "sealed": c.sealed.text, "urbanised": c.urbanised.text, "other": c.other.text, "sealedShare": c.sealedShare.text]
            },
            "before": s.before.text, "after": s.after.text, "share": s.share.text, "shareUrbanised": s.shareUrbanised.text,
            "sealing": s.sealing.text, "unsealing": s.unsealing.text, "net": s.net.text,
        ]
        if let note = s.undetermined { c["undetermined"] = note }
        return c
    }

    static func context(_ s: ConsumptionTheme) -> [String: Any] {
        var c: [String: Any] = [
            "sentence": s.sentence,
            "total": s.total.text, "perYear": s.perYear.text, "returned": s.returned.text,
            "destinations": s.destinations.map { ["label": $0.label, "area": $0.figure.text] },
            "origins": s.origins.map { ["label": $0.label, "area": $0.figure.text] },
            "periods": s.periods.map { ["label": $0.label, "total": $0.total.text, "perYear": $0.perYear.text, "current": $0.current] },
        ]
        if let note = s.undetermined { c["undetermined"] = note }
        return c
    }

    static func context(_ a: ArtificialisationTheme) -> [String: Any] {
        var c: [String: Any] = [
            "sentence": a.sentence,
            "rows": a.rows.map { ["label": $0.label, "threshold": $0.threshold.text, "matrix": $0.matrix.text] },
            "share": a.share.text,
        ]
        if let note = a.undetermined { c["undetermined"] = note }
        return c
    }

    static func context(_ z: ZANTheme) -> [String: Any] {
        ["sentence": z.sentence, "rows": z.rows.map { ["label": $0.label, "value": $0.figure.text] }]
    }

    static func context(_ t: ComparisonTheme) -> [String: Any] {
        var c: [String: Any] = ["rows": t.rows.map { r -> [String: Any] in
            var row: [String: Any] = ["name": r.name, "level": r.level, "self": r.isSelf, "artificialised": r.artificialised.text, "sealed": r.sealed.text,
                                      "consumption": r.consumption.text, "intensity": r.intensity.text, "net": r.net.text]
            if let years = r.years { row["years"] = years }
            return row
        }]
        if t.rows.contains(where: { $0.years != nil }) { c["mixedYears"] = true }
        if let rank = t.rank { c["rank"] = rank }
        return c
    }

    /// The member table: each cell's text and its value for sorting (`data-sort`, machine form).
    static func context(_ m: MemberTable, view: PortraitView) -> [String: Any] {
        func cell(_ f: Figure?) -> [String: Any] {
            guard let f else { return ["text": "–", "sort": ""] }
            return ["text": f.text, "sort": f.value.map { FrenchNumber.plain($0, decimals: 6) } ?? ""]
        }
        return ["hasPeriod": m.hasPeriod, "mixedYears": m.mixedYears, "rows": m.rows.map { r -> [String: Any] in
            var c: [String: Any] = ["path": SitePaths.portrait(r.id, view), "name": r.name, "code": r.id.code,
                                    "area": cell(r.area), "artificialised": cell(r.artificialisedShare)]
            if let years = r.years { c["years"] = years }
            if m.hasPeriod {
                c["consumption"] = cell(r.consumption)
                c["perYear"] = cell(r.consumptionPerYear)
                c["intensity"] = cell(r.intensity)
                c["net"] = cell(r.netArtificialisationPerYear)
            }
            return c
        }]
    }

    static func context(_ s: StockOnlyTheme) -> [String: Any] {
        var c: [String: Any] = ["sentence": s.sentence, "rows": s.rows.map { ["label": $0.label, "value": $0.figure.text] }]
        if let note = s.undetermined { c["undetermined"] = note }
        return c
    }

    // MARK: - Charts

    /// The charts of each theme and the template key each goes to: (section key, chart key, id).
    package var sectionCharts: [(String, String, Chart, String)] {
        guard let t = portrait.themes else { return [] }
        var list: [(String, String, Chart, String)] = [
            ("evolution", "chart", t.evolution.chart, "graphique-evolution"),
            ("mutations", "flowChart", t.mutations.flowChart, "graphique-mutations-flux"),
            ("mutations", "matrixChart", t.mutations.matrixChart, "graphique-mutations-matrice"),
            // The flux before the composition: the order the page's shared glyphs were always made in.
            ("sealing", "chart", t.sealing.fluxChart, "graphique-sealing"),
            ("sealing", "stackChart", t.sealing.stackChart, "graphique-sealing-parts"),
            ("consumption", "chart", t.consumption.chart, "graphique-consumption"),
            ("artificialisation", "chart", t.artificialisation.chart, "graphique-artificialisation"),
        ]
        if let zan = t.zan { list.append(("zan", "chart", zan.chart, "graphique-zan")) }
        list.append(("comparison", "chart", t.comparison.chart, "graphique-comparison"))
        return list
    }

    /// Draws every chart of the page with Cairo and inlines it (SVG with its title as text
    /// alternative), twice: laid out for a desktop column (`chart-wide`) and for a phone
    /// (`chart-narrow`); the stylesheet shows one. A chart without a phone layout is shown on wide
    /// screens only (`wide-only`). Glyph outlines, if any text was left to Cairo, are shared
    /// (`glyphs`).
    func inlineCharts(_ c: inout [String: Any]) throws {
        let inliner = SVGInliner()
        func both(_ chart: Chart, id: String) throws -> String {
            guard chart.hasNarrowLayout else {
                return inliner.inline(try CairoRenderer.svg(chart.scene(width: ChartLayout.wide), inline: true), id: id, title: chart.alt, cssClass: "chart wide-only")
            }
            return inliner.inline(try CairoRenderer.svg(chart.scene(width: ChartLayout.wide), inline: true), id: id, title: chart.alt, cssClass: "chart chart-wide")
                + inliner.inline(SVGHotspots.withoutTitles(try CairoRenderer.svg(chart.scene(width: ChartLayout.narrow), inline: true)), id: id + "-etroit", title: chart.alt,
                                 cssClass: "chart chart-narrow", titleOf: id)
        }
        c["stockChart"] = try both(portrait.stockChart, id: "graphique-stock")
        if let locator { c["locator"] = inliner.inline(locator.svg, id: "carte-situation", title: locator.title, cssClass: "locator") }
        for (key, chartKey, chart, id) in sectionCharts {
            guard var section = c[key] as? [String: Any] else { continue }
            section[chartKey] = try both(chart, id: id)
            c[key] = section
        }
        c["glyphs"] = inliner.sharedDefinitions
    }
}
