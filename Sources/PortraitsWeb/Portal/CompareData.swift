import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The data of the compare page: one script per territory (`donnees/territoires/commune-67482.js`)
/// with its stock by class and its headline indicators per period, and the page's metadata
/// (periods, indicator definitions, classes). Scripts rather than JSON so that the page can load
/// them from disk (file://), where fetch is refused.
package enum CompareData {
    package static func id(_ t: TerritoryID) -> String { "\(t.level.rawValue)-\(t.code)" }
    package static func path(_ t: TerritoryID) -> String { "donnees/territoires/\(id(t)).js" }

    /// Level of the primary dimension shown in the composition bars: few enough classes to read.
    package static func classLevel(_ n: Nomenclature) -> Int { min(2, n.primary.depth) }

    package static func script(_ t: Territory, project: Project, indicators: IndicatorStore, views: [PortraitView]) -> String {
        let facts = project.facts[t.id]!
        let layout = project.layout
        let level = classLevel(project.nomenclature)
        var stock: [(String, String)] = []
        for (m, year) in layout.millesimes.enumerated() {
            let rows = Stock.byClass(facts, millesime: m, nomenclature: project.nomenclature, level: level)
            stock.append((String(year), JSONText.array(rows.map { JSONText.number($0.area / 10_000) })))
        }
        var periods: [(String, String)] = []
        for (p, period) in layout.periods.enumerated() {
            let values = indicators.published(t.id, p)
            let pairs = zip(IndicatorSummary.definitions, values).map { ($0.id, JSONText.number($1, decimals: $0.decimals)) }
            let view = views.first { $0.period == period }
            periods.append((period.description, JSONText.object([
                ("path", JSONText.string(view.map { SitePaths.portrait(t.id, $0) } ?? "")),
                ("values", JSONText.object(pairs)),
            ])))
        }
        let body = JSONText.object([
            ("id", JSONText.string(id(t.id))), ("level", JSONText.string(t.id.level.rawValue)),
            ("levelLabel", JSONText.string(t.id.level.label)), ("code", JSONText.string(t.id.code)),
            ("name", JSONText.string(t.name)), ("context", JSONText.string(SearchIndex.context(t, project.catalog))),
            ("area", JSONText.number(facts.area / 10_000)),
            ("stock", JSONText.object(stock)), ("periods", JSONText.object(periods)),
        ] + (layout.ranked ? [
            // By rank, this territory's years of each (`2018`, or `2018 ou 2019`).
            ("years", JSONText.object(layout.millesimes.indices.map { m in
                (String(layout.millesimes[m]), JSONText.string(project.years(t.id).millesimes[m]?.description ?? ProjectYears.millesimeName(project, m)))
            })),
        ] : []))
        return "(window.PORTRAITS_DATA = window.PORTRAITS_DATA || {})[\(JSONText.string(id(t.id)))] = \(body);\n"
    }

    /// The compare page's metadata (inlined in the page as JSON).
    package static func meta(_ project: Project, main: PortraitView) -> String {
        let n = project.nomenclature
        let classes = n.primary.classes(atLevel: classLevel(n)).map { c in
            JSONText.object([("code", JSONText.string(c.code)), ("label", JSONText.string(c.label)), ("color", JSONText.string(c.color.hex))])
        }
        let periods = project.layout.periods.indices.map { i in
            let p = project.layout.periods[i]
            return JSONText.object([("id", JSONText.string(p.description)), ("label", JSONText.string(ProjectYears.periodName(project, i))),
                             ("start", String(p.start)), ("end", String(p.end))])
        }
        let indicators = IndicatorSummary.definitions.map { d in
            JSONText.object([("id", JSONText.string(d.id)), ("label", JSONText.string(d.label)), ("unit", JSONText.string(d.unit.rawValue)),
                             ("decimals", String(min(d.decimals, 1))), ("group", JSONText.string(d.group))])
        }
        return JSONText.object([
            ("periods", JSONText.array(periods)), ("defaultPeriod", JSONText.string(main.period?.description ?? "")),
            ("millesimes", JSONText.array(project.layout.millesimes.map(String.init))),
            ("millesimeLabels", JSONText.array(project.layout.millesimes.indices.map { JSONText.string(ProjectYears.millesimeName(project, $0)) })),
            ("indicators", JSONText.array(indicators)), ("classes", JSONText.array(classes)),
        ])
    }
}
