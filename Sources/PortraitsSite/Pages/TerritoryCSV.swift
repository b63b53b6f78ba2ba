import PortraitsCore

/// The per-territory downloads beside the portraits: the stock at every level of every dimension and
/// every millésime, and the transitions of each period at every level (long format, French CSV).
enum TerritoryCSV {
    static func stock(_ territory: Territory, facts: AreaFacts, project: Project, attribution: [String]) -> [UInt8] {
        var out = FrenchCSV()
        out.row(["niveau_territoire", "code", "territoire", "dimension", "niveau", "code_classe", "classe", "millesime", "surface_ha", "part_pct"])
        for (d, dim) in project.nomenclature.dimensions.enumerated() {
            for level in 1...dim.depth {
                for (m, year) in project.layout.millesimes.enumerated() {
                    for r in Stock.byClass(facts, millesime: m, nomenclature: project.nomenclature, dimension: d, level: level) where r.area > 0 {
                        out.row([territory.id.level.rawValue, territory.id.code, territory.name, dim.id, String(level), r.code, r.label, String(year),
                                 FrenchCSV.number(r.area / 10_000), FrenchCSV.number(r.share * 100)])
                    }
                }
            }
        }
        footer(&out, project: project, attribution: attribution)
        return out.bytes
    }

    static func transitions(_ territory: Territory, facts: AreaFacts, periodIndex p: Int, project: Project, attribution: [String]) -> [UInt8] {
        var out = FrenchCSV()
        let period = project.layout.periods[p]
        out.row(["niveau_territoire", "code", "territoire", "dimension", "niveau", "code_\(period.start)", "classe_\(period.start)",
                 "code_\(period.end)", "classe_\(period.end)", "surface_ha"])
        for (d, dim) in project.nomenclature.dimensions.enumerated() {
            for level in 1...dim.depth {
                let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, dimension: d, level: level)
                for i in m.classes.indices {
                    for j in m.classes.indices where m.matrix[i][j] > 0 {
                        out.row([territory.id.level.rawValue, territory.id.code, territory.name, dim.id, String(level),
                                 m.classes[i].code, m.classes[i].label, m.classes[j].code, m.classes[j].label, FrenchCSV.number(m.matrix[i][j] / 10_000)])
                    }
                }
            }
        }
        footer(&out, project: project, attribution: attribution)
        return out.bytes
    }

    static func footer(_ out: inout FrenchCSV, project: Project, attribution: [String]) {
        out.row([])
        // Source, millésimes and licence: the same lines as every download.
        for line in DownloadTables(project: project).sourceLines(attribution: attribution) { out.row(["source", line]) }
    }
}
