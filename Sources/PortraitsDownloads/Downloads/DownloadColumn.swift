import PortraitsCore
import PortraitsProject
import PortraitsModel

/// A column of a download: its name, the same in the CSV, the XLSX and the GeoPackage; its French
/// title (the XLSX header's comment, the GeoPackage field alias, the CSV metadata's title); its unit
/// and type. Codes are text: `08001` must not become 8001.
package struct DownloadColumn: Equatable {
    package enum Kind: Equatable {
        case text
        case integer
        case number(decimals: Int)
    }

    package var name: String
    package var title: String
    package var kind: Kind
    package var unit: String? = nil

    package static func text(_ name: String, _ title: String) -> DownloadColumn { DownloadColumn(name: name, title: title, kind: .text) }
    package static func integer(_ name: String, _ title: String) -> DownloadColumn { DownloadColumn(name: name, title: title, kind: .integer) }
    package static func number(_ name: String, _ title: String, unit: String, decimals: Int = 2) -> DownloadColumn {
        DownloadColumn(name: name, title: title, kind: .number(decimals: decimals), unit: unit)
    }

    /// "Consommation d’espaces NAF (ha)".
    package var titleWithUnit: String { unit.map { "\(title) (\($0))" } ?? title }

    /// The column of a headline indicator.
    package static func indicator(_ d: IndicatorDefinition) -> DownloadColumn {
        .number(d.id, d.label, unit: d.unit.rawValue, decimals: d.decimals)
    }

    /// The columns that name a territory in every table: code, name, and its parents' codes.
    package static func territory(parents: [TerritoryLevel]) -> [DownloadColumn] {
        [.text("code", "Code du territoire (INSEE ou SIREN)"), .text("nom", "Nom du territoire")]
            + parents.map { .text("code_\($0.rawValue)", parentTitle($0)) }
    }

    package static func parentTitle(_ level: TerritoryLevel) -> String {
        switch level {
        case .region: return "Code de la région"
        case .departement: return "Code du département"
        case .epci: return "Code de l’EPCI (SIREN)"
        case .scot: return "Code du SCoT"
        case .commune: return "Code de la commune"
        }
    }

    /// The period and the territory's area, after the territory's columns in the indicator tables.
    package static let periodAndArea: [DownloadColumn] = periodAndArea(ranked: false)
    /// With ranks, the rank period too (`1-2`: from each commune's 1st millésime to its 2nd), the
    /// same on every row of one period, to filter on.
    package static func periodAndArea(ranked: Bool) -> [DownloadColumn] {
        [periodColumn(ranked: ranked)] + (ranked ? [.text(rankField, "Période par rang des millésimes (1-2 : du 1er au 2e millésime de chaque commune)")] : [])
            + [.number("surface_ha", "Surface du territoire", unit: "ha")]
    }
    package static let rankField = "periode_rang"

    /// A period as every download writes it: "2010-2021".
    package static func period(_ p: Period) -> String { p.description }
    /// The years a row sums: `2018-2021`, or `2018-2021;2019-2022` for a territory whose communes
    /// were photographed in different years.
    package static func period(_ s: PeriodSpan) -> String { s.parts.map { period($0.period) }.joined(separator: ";") }
    /// The years a row's millésime sums: `2021`, or `2021;2022`.
    package static func years(_ s: YearSpan) -> String { s.parts.map { String($0.year) }.joined(separator: ";") }

    /// The millésime column: a year, or, when départements were photographed in different years,
    /// the years a row sums (text: `2021;2022`).
    package static func millesime(ranked: Bool) -> DownloadColumn {
        ranked ? .text("millesime", "Millésime : l’année, ou les années séparées par « ; » quand les communes du territoire n’ont pas été photographiées la même année")
            : .integer("millesime", "Millésime")
    }

    /// The period column: the years, or each part's years separated by « ; » when départements differ.
    package static func periodColumn(ranked: Bool) -> DownloadColumn {
        ranked ? .text("periode", "Période (début-fin) ; plusieurs, séparées par « ; », quand les communes du territoire n’ont pas été photographiées les mêmes années")
            : .text("periode", "Période (début-fin)")
    }
}

/// A CSV download: its file name (relative to its folder), title and columns, in order; files of
/// the same shape in every territory's folder share their columns' description (`schema`).
package struct CSVDescription: Equatable {
    package var file: String
    package var title: String
    package var columns: [DownloadColumn]
    /// The shared schema's name (`donnees/schemas/<schema>.json`), nil when described inline.
    package var schema: String? = nil

    package var header: [String] { columns.map(\.name) }
}
