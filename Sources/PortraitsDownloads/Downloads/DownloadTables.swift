import PortraitsCore
import PortraitsProject
import PortraitsModel

/// The tables behind every download, one definition for CSV, XLSX and GeoPackage: headline
/// indicators of a territory per period, and the stock of every class of every dimension at every
/// millésime (leaves for the level-wide files, every level for a territory's own workbook).
package struct DownloadTables {
    package let project: Project
    /// The headline figures the compute stage made (nil for the files that need none of them).
    package var store: IndicatorStore? = nil

    package var layout: FactsLayout { project.layout }

    /// A value rounded to 10⁻⁶ for the files that store full numbers (XLSX, GeoPackage): sums of
    /// the same areas in another order differ in the last bits, and two builds must give the
    /// same bytes; 10⁻⁶ ha is 1 cm².
    package static func stable(_ v: Double) -> Double { v.isFinite ? (v * 1e6).rounded() / 1e6 : v }
    package var definitions: [IndicatorDefinition] { IndicatorSummary.definitions }

    package func indicators(_ id: TerritoryID, period p: Int) -> [Double] { store!.published(id, p) }

    /// Definitions of one theme (an XLSX sheet).
    package var groups: [(name: String, columns: [Int])] {
        var out: [(String, [Int])] = []
        for (i, d) in definitions.enumerated() {
            if let k = out.firstIndex(where: { $0.0 == d.group }) { out[k].1.append(i) } else { out.append((d.group, [i])) }
        }
        return out
    }

    /// Column header of an indicator, with its unit: "consommation_ha" → "Consommation d’espaces NAF (ha)".
    package static func header(_ d: IndicatorDefinition) -> String { "\(d.label) (\(d.unit.rawValue))" }

    /// The classes of the level-wide stock tables: the leaves of each dimension.
    package var leafColumns: [(dimension: Int, cls: NomenclatureClass)] {
        project.nomenclature.dimensions.enumerated().flatMap { (d, dim) in dim.leaves.map { (d, dim.classes[$0]) } }
    }

    /// Leaf areas (m²) of a territory at millésime `m`, in `leafColumns` order.
    package func leafStock(_ id: TerritoryID, millesime m: Int) -> [Double] {
        let facts = project.facts[id]!
        var out: [Double] = []
        for (d, dim) in project.nomenclature.dimensions.enumerated() {
            let rows = Stock.byClass(facts, millesime: m, nomenclature: project.nomenclature, dimension: d, level: dim.depth)
            let byCode = Dictionary(rows.map { ($0.code, $0.area) }, uniquingKeysWith: +)
            out += dim.leaves.map { byCode[dim.classes[$0].code] ?? 0 }
        }
        return out
    }

    /// Codes of the parents a level-wide file lists for each territory (département, EPCI…).
    package func parentColumns(_ level: TerritoryLevel) -> [TerritoryLevel] {
        switch level {
        case .commune: return [.epci, .scot, .departement].filter { !project.catalog.all($0).isEmpty }
        case .epci, .scot: return [.departement]
        case .departement: return [.region]
        case .region: return []
        }
    }

    package func parentCodes(_ t: Territory, _ levels: [TerritoryLevel]) -> [String] {
        levels.map { l in t.parents.filter { $0.level == l }.map(\.code).joined(separator: " ") }
    }

    /// The cells of `DownloadColumn.territory(parents:)`: code, name, parents' codes.
    package func keyCells(_ t: Territory, parents: [TerritoryLevel]) -> [XLSXCell] {
        [.text(t.id.code), .text(t.name)] + parentCodes(t, parents).map { .text($0) }
    }

    /// A row of the indicator tables: the territory, the period, its area, every headline indicator.
    package func indicatorRow(_ t: Territory, period p: Int, parents: [TerritoryLevel]) -> [XLSXCell] {
        keyCells(t, parents: parents) + [.text(DownloadColumn.period(project.years(t.id).periods[p] ?? PeriodSpan(layout.periods[p])))]
            + (layout.ranked ? [.text(DownloadColumn.period(layout.periods[p]))] : []) + [.number(project.facts[t.id]!.area / 10_000, decimals: 2)]
            + zip(definitions, indicators(t.id, period: p)).map { .number($1, decimals: $0.decimals) }
    }

    /// One sheet per theme out of indicator rows (`indicatorRow`): the key columns, the period and
    /// area, the theme's indicators.
    package func themeSheets(key: [DownloadColumn], rows: [[XLSXCell]], title: String) -> [XLSXSheet] {
        let periodAndArea = DownloadColumn.periodAndArea(ranked: layout.ranked)
        let fixed = key.count + periodAndArea.count
        return groups.map { g in
            XLSXSheet(name: g.name, title: "\(g.name) — \(title)",
                      columns: key + periodAndArea + g.columns.map { DownloadColumn.indicator(definitions[$0]) },
                      rows: rows.map { row in Array(row.prefix(fixed)) + g.columns.map { row[fixed + $0] } })
        }
    }

    /// "Source : … Millésimes : … Licence : …" lines that every file carries.
    package func sourceLines(attribution: [String]) -> [String] {
        ["Nomenclature : \(project.nomenclature.name).",
         "Millésimes : \(ProjectYears.millesimes(project))" + (layout.periods.isEmpty ? "." : " ; périodes : \(ProjectYears.periods(project)).")
            + (layout.ranked ? " Les départements n’ont pas été photographiés les mêmes années : chaque commune compte ses propres millésimes, les territoires additionnent ceux de leurs communes (colonnes periode, millesime ou annees_m1, annees_m2… : les années de chaque ligne) et leurs rythmes par an sont calculés commune par commune." : ""),
         "Surfaces en hectares, calculées en Lambert-93 (EPSG:2154) ; chiffres des territoires = sommes de leurs communes."]
        + attribution
        + ["Licence : Licence Ouverte / Open Licence 2.0 (Etalab), sauf mention contraire des sources ci-dessus."]
    }

    package init(project: Project, store: IndicatorStore? = nil) {
        self.project = project
        self.store = store
    }
}
