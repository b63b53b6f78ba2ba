import Foundation
import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads

/// The "Données" page (`donnees/index.html`) and the level-wide files it lists.
package struct DownloadsPage {
    package static let path = "donnees/index.html"

    package let project: Project
    package let tables: DownloadTables
    package let attribution: [String]

    /// The level-wide files the page lists: what the downloads stage wrote, kept with the unit so
    /// that a build that reuses the files still lists them.
    package struct Files: Codable, Sendable {
        package struct File: Codable, Sendable {
            package let path: String, size: String
        }

        package struct Level: Codable, Sendable {
            package let label: String, count: Int
            package var indicators: File?, zan: File?, stock: File?, xlsx: File?
        }

        package struct GeoPackage: Codable, Sendable {
            package let file: File, layers: String, field: String, period: String
        }

        package var levels: [Level] = []
        package var metadata = LevelDownloads.metadataPath
        package var exampleCSV: String?
        package var geopackage: GeoPackage?

        var context: [String: Any] {
            func file(_ f: File) -> [String: Any] { ["path": f.path, "size": f.size] }
            var c: [String: Any] = ["metadata": metadata]
            c["levels"] = levels.map { l -> [String: Any] in
                var row: [String: Any] = ["label": l.label, "count": l.count]
                for (key, f) in [("indicators", l.indicators), ("zan", l.zan), ("stock", l.stock), ("xlsx", l.xlsx)] {
                    if let f { row[key] = file(f) }
                }
                return row
            }
            if let exampleCSV { c["exampleCSV"] = exampleCSV }
            if let g = geopackage {
                var gpkg = file(g.file)
                gpkg["layers"] = g.layers
                gpkg["field"] = g.field
                gpkg["period"] = g.period
                c["geopackage"] = gpkg
            }
            return c
        }
    }

    /// Writes every level-wide file and the GeoPackage; returns what the page lists.
    package func writeFiles(writer: FileSink, levels: [TerritoryLevel], buildDay: String, created: Date) throws -> Files {
        var files = Files()
        var indicators: [TerritoryLevel: LevelTables.Table] = [:]
        func put(_ path: String, _ bytes: [UInt8]) throws -> Files.File {
            try writer.write(path, bytes)
            return Files.File(path: path, size: Self.size(bytes.count))
        }
        for level in levels {
            var row = Files.Level(label: level.pluralLabel, count: project.catalog.all(level).count)
            let made = LevelTables(level, tables: tables)
            if let t = made.indicators { row.indicators = try put(t.path, FrenchCSV.bytes(t.table, rows: t.rows)) }
            if let t = made.zan { row.zan = try put(t.path, FrenchCSV.bytes(t.table, rows: t.rows)) }
            row.stock = try put(made.stock.path, FrenchCSV.bytes(made.stock.table, rows: made.stock.rows))
            row.xlsx = try put(LevelDownloads.workbook(level), try LevelDownloads.workbookBytes(made, tables: tables, attribution: attribution, created: created))
            files.levels.append(row)
            indicators[level] = made.indicators
        }
        try writer.write(LevelDownloads.metadataPath, try LevelDownloads.metadata(levels, tables: tables, attribution: attribution))
        for schema in TerritoryCSV.schemas(project: project) {
            try writer.write(CSVMetadata.schemaPath(schema.schema!), try CSVMetadata.schemaBytes(schema))
        }
        if let level = levels.contains(.commune) ? .commune : levels.first { files.exampleCSV = LevelDownloads.indicatorsCSV(level) }
        if !project.layout.periods.isEmpty {
            let file = try put(LevelGeoPackage.path, try LevelGeoPackage.bytes(levels: levels, indicators: indicators, tables: tables, attribution: attribution, buildDay: buildDay))
            files.geopackage = Files.GeoPackage(file: file, layers: levels.map(LevelGeoPackage.layer).joined(separator: ", "), field: DefaultStyle.field,
                                                period: PortraitView.main(PortraitView.all(project.layout)).period.map(DownloadColumn.period) ?? "")
        }
        return files
    }

    package func render(files: Files, common: CommonContext, templates: TemplateSet) throws -> String {
        var c = common.context(path: Self.path, title: "Données")
        c.merge(files.context) { $1 }
        c["description"] = "Télécharger les chiffres de l’occupation du sol de tous les territoires : CSV, XLSX et GeoPackage."
        c["millesimes"] = ProjectYears.millesimes(project)
        if !project.layout.periods.isEmpty { c["periods"] = ProjectYears.periods(project) }
        c["nomenclature"] = project.nomenclature.name
        c["definitions"] = tables.definitions.map { ["id": $0.id, "label": $0.label, "unit": $0.unit.rawValue, "group": $0.group] }
        c["sources"] = tables.sourceLines(attribution: attribution)
        // The council's reports: which levels, which period, one example.
        let views = PortraitView.all(project.layout)
        let levels = project.config.report.filter { !project.catalog.all($0).isEmpty }
        if views.contains(where: { $0.period != nil }), let first = levels.first, let example = project.catalog.all(first).min(by: { $0.id.code < $1.id.code }) {
            let view = TriennialReport.view(views)
            // "communes, EPCI": an acronym keeps its capitals.
            c["report"] = ["levels": levels.map { $0.pluralLabel == $0.pluralLabel.uppercased() ? $0.pluralLabel : $0.pluralLabel.lowercased() }.joined(separator: ", "), "period": view.label,
                           "example": SitePaths.report(example, view, pdf: false), "exampleName": example.name]
        }
        return try templates.render("donnees", c)
    }

    /// "1,2 Mo", "340 ko".
    package static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? FrenchNumber.format(Double(bytes) / 1_000_000, decimals: 1) + "\u{00A0}Mo"
                           : FrenchNumber.format(max(1, Double(bytes) / 1_000), decimals: 0) + "\u{00A0}ko"
    }

    package init(project: Project, tables: DownloadTables, attribution: [String]) {
        self.project = project
        self.tables = tables
        self.attribution = attribution
    }
}
