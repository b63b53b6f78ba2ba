import Foundation
import PortraitsCore
import PortraitsGeo
import PortraitsProject
import PortraitsModel

/// The GeoPackage of the "Données" page for QGIS users (`donnees/indicateurs-territoires.gpkg`),
/// written with GDAL: one layer per level (`communes`, `epci`, `scot`, `departements`, `regions`)
/// holding the outline of each territory (Lambert-93) once per period, with the columns of the
/// level's indicator CSV (same names, French titles as field aliases); a table `sources`; and in
/// `layer_styles` a default QGIS style per layer, so that the layer opens coloured by consumption
/// per year for 1 000 ha, for the main period (`DefaultStyle`).
package enum LevelGeoPackage {
    package static let path = "donnees/indicateurs-territoires.gpkg"
    package static func layer(_ level: TerritoryLevel) -> String { LevelDownloads.slug(level) }

    /// `indicators`: each level's indicator table and rows, made once (`LevelTables`).
    package static func bytes(levels: [TerritoryLevel], indicators: [TerritoryLevel: LevelTables.Table], tables: DownloadTables,
                      attribution: [String], buildDay: String) throws -> [UInt8] {
        let project = tables.project
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("portraits-\(UUID().uuidString).gpkg").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let lines = tables.sourceLines(attribution: attribution)
        let main = PortraitView.main(PortraitView.all(project.layout)).period
        let ctx = GEOSContext()
        var writer: VectorWriter?
        var styles: [(layer: String, name: String, qml: String)] = []
        for level in levels {
            guard let (table, rows, _) = indicators[level] else { continue }
            let fields = table.columns.map { c -> (String, VectorWriter.FieldType) in
                switch c.kind {
                case .text: return (c.name, .string)
                case .integer: return (c.name, .integer)
                case .number: return (c.name, .real)
                }
            }
            let options = ["IDENTIFIER=Indicateurs par période — \(level.pluralLabel)", "DESCRIPTION=" + lines.joined(separator: " ")]
            if let w = writer {
                try w.startLayer(layer(level), fields: fields, options: options)
            } else {
                writer = try VectorWriter(path: tmp, layer: layer(level), fields: fields, options: options, day: buildDay)
            }
            try writer!.describeColumns(of: layer(level), titles: table.columns.map { ($0.name, $0.titleWithUnit) })
            var mainValues: [Double] = []
            let territories = LevelDownloads.territories(level, project)
            let perTerritory = project.layout.periods.count
            for (k, t) in territories.enumerated() {
                let parts = try (project.outlines[t.id] ?? []).map { try ctx.polygon($0) }
                let wkb = ctx.collection(parts, multiPolygon: true).wkb
                for p in 0..<perTerritory {
                    let row = rows[k * perTerritory + p]
                    let values: [Any?] = zip(table.columns, row).map { c, cell -> Any? in
                        switch cell {
                        case .text(let s): return s
                        case .number(let v, _):
                            guard v.isFinite else { return nil }
                            if c.kind == .integer { return Int(v) }
                            return DownloadTables.stable(v)
                        case .empty: return nil
                        }
                    }
                    try writer!.add(values, wkb: wkb)
                    if project.layout.periods[p] == main, let i = table.columns.firstIndex(where: { $0.name == DefaultStyle.field }),
                       case .number(let v, _) = row[i] { mainValues.append(v) }
                }
            }
            if let main {
                let name = ProjectYears.periodName(project, project.layout.periods.firstIndex(of: main)!)
                styles.append((layer(level), "Consommation \(name)", DefaultStyle.qml(period: main, ranked: project.layout.ranked, values: mainValues)))
            }
        }
        guard let writer else { throw InputError(tmp, "no period: the GeoPackage of indicators needs at least one period") }
        try writer.addTable("sources", columns: ["mention"], rows: lines.map { [$0] },
                            options: ["DESCRIPTION=Sources, millésimes et licence"])
        try writer.addStyles(styles, day: buildDay)
        try writer.close()
        guard let data = FileManager.default.contents(atPath: tmp) else { throw InputError(tmp, "cannot read the GeoPackage back") }
        return [UInt8](data)
    }
}

/// The default QGIS style of a level layer: the main period only (a rule filter, since the layer
/// holds each territory once per period), in five classes of consumption per year for 1 000 ha
/// (quantiles of the level), from light yellow to dark red (apart in grey too).
package enum DefaultStyle {
    package static let field = "consommation_intensite"
    package static let colors = ["254,240,217", "253,204,138", "252,141,89", "227,74,51", "179,0,0"]

    /// Class limits: the quintiles of `values`, rounded to 2 decimals, without repeats.
    package static func breaks(_ values: [Double]) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return [] }
        var out: [Double] = []
        for k in 1..<colors.count {
            let v = (sorted[min(sorted.count - 1, sorted.count * k / colors.count)] * 100).rounded() / 100
            if out.last != v { out.append(v) }
        }
        return out
    }

    /// `ranked`: the rows' years differ by territory; the filter is then on the rank period.
    package static func qml(period: Period, ranked: Bool = false, values: [Double]) -> String {
        let limits = breaks(values)
        let periodFilter = "\"\(ranked ? DownloadColumn.rankField : "periode")\" = '\(DownloadColumn.period(period))'"
        var rules: [String] = []
        let bounds: [(Double?, Double?)] = limits.isEmpty ? [(nil, nil)] : [(nil, limits[0])] + zip(limits, limits.dropFirst()).map { ($0, $1) } + [(limits.last!, nil)]
        for (k, (lo, hi)) in bounds.enumerated() {
            var filter = periodFilter
            if let lo { filter += " AND \"\(field)\" >= \(lo)" }
            if let hi { filter += " AND \"\(field)\" < \(hi)" }
            let label: String
            switch (lo, hi) {
            case let (nil, h?): label = "moins de \(FrenchNumber.format(h, decimals: 2))"
            case let (l?, nil): label = "\(FrenchNumber.format(l, decimals: 2)) et plus"
            case let (l?, h?): label = "de \(FrenchNumber.format(l, decimals: 2)) à \(FrenchNumber.format(h, decimals: 2))"
            default: label = "toutes"
            }
            rules.append("      <rule key=\"r\(k)\" symbol=\"\(k)\" label=\"\(xml(label))\" filter=\"\(xml(filter))\"/>")
        }
        let symbols = bounds.indices.map { k in
            """
                  <symbol type="fill" name="\(k)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
                      <Option type="Map">
                        <Option name="color" type="QString" value="\(colors[min(k, colors.count - 1)]),255"/>
                        <Option name="outline_color" type="QString" value="90,90,90,255"/>
                        <Option name="outline_width" type="QString" value="0.1"/>
                        <Option name="outline_width_unit" type="QString" value="MM"/>
                        <Option name="style" type="QString" value="solid"/>
                      </Option>
                    </layer>
                  </symbol>
            """
        }
        return """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.28.0" styleCategories="Symbology">
          <renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">
            <rules key="root">
        \(rules.joined(separator: "\n"))
            </rules>
            <symbols>
        \(symbols.joined(separator: "\n"))
            </symbols>
          </renderer-v2>
          <layerGeometryType>2</layerGeometryType>
        </qgis>
        """
    }

    package static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
