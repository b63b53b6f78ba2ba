import PortraitsCore
import PortraitsProject
import PortraitsModel
import PortraitsDownloads
import PortraitsPrint
import PortraitsWeb

/// `portraits check`: loads and tabulates without rendering, and describes what it found.
public enum ProjectCheck {
    public static func run(configPath: String) throws -> String {
        let config = try ProjectConfig.load(path: configPath)
        let reporter = StageReporter(BuildStage.check)
        let project = try ProjectLoader.load(config: config, reporter: reporter)
        return report(project)
    }

    public static func report(_ project: Project) -> String {
        var lines: [String] = ["Project \(project.config.source): OK", ""]
        let cat = project.catalog
        lines.append("Territories: " + TerritoryLevel.allCases.map { "\(cat.all($0).count) \($0.pluralLabel.lowercased())" }.joined(separator: ", "))
        let noEPCI = cat.communesInNoEPCI
        if noEPCI > 0 { lines.append("Communes in no EPCI: \(noEPCI) (in their département and région only)") }
        let layout = project.layout
        // The years of the whole project: by rank when the départements' differ.
        let all = project.projectYears ?? TerritoryYears.of(layout)
        func name(_ m: Int) -> String { layout.ranked ? "\(YearSpan.rankName(layout.millesimes[m])) (\(all.millesimes[m]?.description ?? "–"))" : String(layout.millesimes[m]) }
        func periodName(_ p: Int) -> String {
            let rp = layout.periods[p]
            return layout.ranked ? "\(YearSpan.rankName(rp.start)) → \(YearSpan.rankName(rp.end)) (\(all.periods[p]?.description ?? "–"))" : rp.label
        }
        if layout.ranked, let vintages = project.vintages {
            lines.append("Millésimes differ between départements: figures are by rank (1st, 2nd… millésime of each commune)")
            for d in cat.all(.departement) {
                lines.append("  \(d.id.code) \(d.name): \(vintages.byCommune[d.communeIndices[0]]?.description ?? "no delivery") (\(d.communeIndices.count) commune\(d.communeIndices.count == 1 ? "" : "s"))")
            }
            let across = cat.sorted.filter { $0.id.level != .commune && !(project.territoryYears[$0.id]?.isSingle ?? true) }
            if !across.isEmpty {
                lines.append("  territories whose communes have different years (each figure says both): \(across.prefix(8).map { "\($0.id.level.label) \($0.name)" }.joined(separator: ", "))\(across.count > 8 ? " and \(across.count - 8) more" : "")")
            }
            if !vintages.slivers.isEmpty {
                let list = vintages.slivers.prefix(5).map { "\(cat.communes[$0.commune].code) \(cat.communes[$0.commune].name): \(FrenchNumber.hectares($0.area, decimals: 2)) of \($0.year)" }
                lines.append("  land cover of a neighbouring delivery inside communes, not counted (a commune has its département's millésimes): \(list.joined(separator: "; "))\(vintages.slivers.count > 5 ? " and \(vintages.slivers.count - 5) more" : "")")
            }
        } else {
            lines.append("Millésimes: \(layout.millesimes.map(String.init).joined(separator: ", "))")
        }
        lines.append("Periods: \(layout.periods.isEmpty ? "none (one millésime: stock portraits only)" : layout.periods.indices.map(periodName).joined(separator: ", "))")
        lines.append("Nomenclature: \(project.nomenclature.name) (\(project.nomenclature.dimensions.map { "\($0.id): \($0.leaves.count) classes" }.joined(separator: ", ")))")
        lines.append("")
        for s in project.tabulation.sources {
            lines.append("Land cover \(s.location) [\(s.millesimes.map(String.init).joined(separator: ", "))]")
            lines.append("  CRS \(s.crs)\(s.reprojected ? ", reprojected to EPSG:2154" : ""); \(s.featureCount) polygons")
            if s.withoutGeometry > 0 { lines.append("  \(s.withoutGeometry) features without geometry (ignored)") }
            if s.linearised > 0 { lines.append("  \(s.linearised) geometries with curves (arcs) linearised") }
            if s.flattened > 0 { lines.append("  \(s.flattened) geometries with Z or M coordinates flattened to 2D") }
            if s.collections > 0 { lines.append("  \(s.collections) geometry collections reduced to their polygons") }
            if s.duplicates > 0, let other = s.duplicateOf {
                lines.append("  \(s.duplicates) polygons (\(FrenchNumber.hectares(s.duplicateArea, decimals: 2))) also in \(other), with the same codes: read once")
            }
            if s.repaired > 0 { lines.append("  \(s.repaired) invalid geometries repaired (GEOS MakeValid), area change \(FrenchNumber.hectares(s.repairedAreaChange, decimals: 2))") }
            lines.append("  outside every commune: \(FrenchNumber.hectares(s.outsideCommunes, decimals: 2))")
            for u in s.unclassified {
                lines.append("  code \"\(u.code)\" of field \(u.field) is not in the nomenclature: \(u.count) polygons, \(FrenchNumber.hectares(u.area, decimals: 2)) counted as non classé")
            }
        }
        // Whole-project figures: the sum over communes.
        var total = AreaFacts(millesimeCount: layout.millesimes.count, periodCount: layout.periods.count)
        for f in project.tabulation.communeFacts { total += f }
        lines.append("")
        lines.append("Communes area: \(FrenchNumber.hectares(total.area, decimals: 2))")
        for m in layout.millesimes.indices {
            let year = name(m)
            let partial = project.tabulation.communeFacts.filter { $0.area > 0 && $0.covered[m] / $0.area < 0.995 }.count
            lines.append("\(year): covered \(FrenchNumber.hectares(total.covered[m], decimals: 2)) (\(FrenchNumber.percent(total.area > 0 ? total.covered[m] / total.area : 0))); " +
                         "sum of classes \(FrenchNumber.hectares(total.classTotal(m), decimals: 2)); overlaps \(FrenchNumber.hectares(total.overlap(m), decimals: 2)); " +
                         "\(partial) communes partly covered")
            for row in Stock.byClass(total, millesime: m, nomenclature: project.nomenclature, level: project.nomenclature.primary.depth) where row.area > 0 {
                lines.append("  \(row.code.padding(toLength: 10, withPad: " ", startingAt: 0)) \(FrenchNumber.hectares(row.area, decimals: 2).leftPadded(14))  \(row.label)")
            }
        }
        let traits = project.traits
        lines.append("")
        lines.append("Indicators over all communes (correspondence rules: \(project.nomenclature.rules.rows.count) rows):")
        for m in layout.millesimes.indices {
            lines.append("  \(name(m)): sealed \(FrenchNumber.hectares(Sealing.sealedArea(total, millesime: m, traits: traits), decimals: 2)); " +
                         "artificialised \(FrenchNumber.hectares(total.lcr[m], decimals: 2)) with the decree's thresholds, " +
                         "\(FrenchNumber.hectares(Artificialisation.matrixArea(total, millesime: m, traits: traits), decimals: 2)) with the matrix only; " +
                         "undetermined \(FrenchNumber.hectares(Artificialisation.undeterminedArea(total, millesime: m, traits: traits), decimals: 2))")
        }
        for p in layout.periods.indices {
            let c = Consumption.figures(total, period: p, layout: layout, traits: traits, span: all.periods[p], scaled: all.scaledByYears[p])
            let a = Artificialisation.figures(total, period: p, layout: layout, traits: traits)
            lines.append("  \(periodName(p)): ENAF consumption \(FrenchNumber.hectares(c.total, decimals: 2)) (\(FrenchNumber.hectares(c.perYear, decimals: 2))/year); " +
                         "net artificialisation \(FrenchNumber.hectares(a.thresholdFlux.net, decimals: 2))")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    package func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
