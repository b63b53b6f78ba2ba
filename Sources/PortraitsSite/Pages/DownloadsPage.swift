import Foundation
import PortraitsCore

/// The "Données" page (`donnees/index.html`) and the level-wide files it lists.
struct DownloadsPage {
    static let path = "donnees/index.html"

    let project: Project
    let tables: DownloadTables
    let attribution: [String]

    /// Writes every level-wide file and the GeoPackage; returns the page's context entries.
    func writeFiles(writer: FileSink, levels: [TerritoryLevel], buildDay: String, created: Date) throws -> [String: Any] {
        var rows: [[String: Any]] = []
        var indicators: [TerritoryLevel: LevelTables.Table] = [:]
        func put(_ path: String, _ bytes: [UInt8]) throws -> [String: Any] {
            try writer.write(path, bytes)
            return ["path": path, "size": Self.size(bytes.count)]
        }
        for level in levels {
            var row: [String: Any] = ["label": level.pluralLabel, "count": project.catalog.all(level).count]
            let made = LevelTables(level, tables: tables)
            for (key, t) in [("indicators", made.indicators), ("zan", made.zan), ("stock", made.stock)] {
                if let t { row[key] = try put(t.path, FrenchCSV.bytes(t.table, rows: t.rows)) }
            }
            row["xlsx"] = try put(LevelDownloads.workbook(level), try LevelDownloads.workbookBytes(made, tables: tables, attribution: attribution, created: created))
            rows.append(row)
            indicators[level] = made.indicators
        }
        try writer.write(LevelDownloads.metadataPath, try LevelDownloads.metadata(levels, tables: tables, attribution: attribution))
        for schema in TerritoryCSV.schemas(project: project) {
            try writer.write(CSVMetadata.schemaPath(schema.schema!), try CSVMetadata.schemaBytes(schema))
        }
        var c: [String: Any] = ["levels": rows, "metadata": LevelDownloads.metadataPath]
        if let level = levels.contains(.commune) ? .commune : levels.first { c["exampleCSV"] = LevelDownloads.indicatorsCSV(level) }
        if !project.layout.periods.isEmpty {
            var gpkg = try put(LevelGeoPackage.path, try LevelGeoPackage.bytes(levels: levels, indicators: indicators, tables: tables, attribution: attribution, buildDay: buildDay))
            gpkg["layers"] = levels.map(LevelGeoPackage.layer).joined(separator: ", ")
            gpkg["field"] = DefaultStyle.field
            gpkg["period"] = PortraitView.main(PortraitView.all(project.layout)).period.map(DownloadColumn.period) ?? ""
            c["geopackage"] = gpkg
        }
        return c
    }

    func render(files: [String: Any], common: CommonContext, templates: TemplateSet) throws -> String {
        var c = common.context(path: Self.path, title: "Données")
        c.merge(files) { $1 }
        c["description"] = "Télécharger les chiffres de l’occupation du sol de tous les territoires : CSV, XLSX et GeoPackage."
        c["millesimes"] = project.layout.millesimes.map(String.init).joined(separator: ", ")
        if !project.layout.periods.isEmpty { c["periods"] = project.layout.periods.map(\.label).joined(separator: ", ") }
        c["nomenclature"] = project.nomenclature.name
        c["definitions"] = tables.definitions.map { ["id": $0.id, "label": $0.label, "unit": $0.unit.rawValue, "group": $0.group] }
        c["sources"] = tables.sourceLines(attribution: attribution)
        return try templates.render("donnees", c)
    }

    /// "1,2 Mo", "340 ko".
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? FrenchNumber.format(Double(bytes) / 1_000_000, decimals: 1) + "\u{00A0}Mo"
                           : FrenchNumber.format(max(1, Double(bytes) / 1_000), decimals: 0) + "\u{00A0}ko"
    }
}
