import Foundation
import PortraitsCore
import PortraitsGeo

/// The GeoPackage of per-commune indicators for QGIS users (`donnees/communes-indicateurs.gpkg`),
/// written with GDAL: layer `communes_indicateurs` (commune outlines, Lambert-93) with the codes of
/// the commune and its parents, its area and every headline indicator of every period
/// (`consommation_ha_2010_2021`…), and a table `sources` stating source, millésimes and licence.
enum CommuneGeoPackage {
    static let layer = "communes_indicateurs"

    static func fieldName(_ d: IndicatorDefinition, _ period: Period) -> String { "\(d.id)_\(period.start)_\(period.end)" }

    static func bytes(tables: DownloadTables, attribution: [String], buildDay: String) throws -> [UInt8] {
        let project = tables.project
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-\(UUID().uuidString).gpkg").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let parents = tables.parentColumns(.commune)
        var fields: [(String, VectorWriter.FieldType)] = [("insee_com", .string), ("nom_com", .string)]
        fields += parents.map { ("code_\($0.rawValue)", .string) }
        fields.append(("surface_ha", .real))
        for period in tables.layout.periods { fields += tables.definitions.map { (fieldName($0, period), .real) } }
        let lines = tables.sourceLines(attribution: attribution)
        let writer = try VectorWriter(path: tmp, layer: layer, fields: fields,
                                      options: ["IDENTIFIER=Indicateurs d’occupation du sol par commune", "DESCRIPTION=" + lines.joined(separator: " ")],
                                      day: buildDay)
        let ctx = GEOSContext()
        for (i, c) in project.catalog.communes.enumerated() {
            let t = project.catalog[TerritoryID(.commune, c.code)]!
            var values: [Any?] = [c.code, t.name]
            values += tables.parentCodes(t, parents).map { $0 as Any? }
            values.append(DownloadTables.stable(project.facts[t.id]!.area / 10_000))
            for p in tables.layout.periods.indices { values += tables.indicators(t.id, period: p).map { DownloadTables.stable($0) as Any? } }
            let parts = try project.tabulation.outlines[i].map { try ctx.polygon($0) }
            try writer.add(values, wkb: ctx.collection(parts, multiPolygon: true).wkb)
        }
        var rows = lines.map { ["mention", $0] }
        for period in tables.layout.periods {
            for d in tables.definitions { rows.append([fieldName(d, period), "\(d.label) (\(d.unit.rawValue)), \(period.label)"]) }
        }
        try writer.addTable("sources", columns: ["champ", "description"], rows: rows,
                            options: ["DESCRIPTION=Sources, millésimes, licence et description des champs"])
        try writer.close()
        guard let data = FileManager.default.contents(atPath: tmp) else { throw InputError(tmp, "cannot read the GeoPackage back") }
        return [UInt8](data)
    }
}
