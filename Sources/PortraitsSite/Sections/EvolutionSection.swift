import PortraitsCore
import PortraitsGraphics

/// Évolution par classe: table and sentence.
enum EvolutionSection {
    static func context(_ facts: AreaFacts, period: Period, project: Project) -> [String: Any] {
        let rows = Evolution.byClass(facts, period: period, layout: project.layout, nomenclature: project.nomenclature, level: project.displayLevel)
        var sentence = "Entre \(period.start) et \(period.end), aucune classe n’a changé de surface."
        if let up = rows.max(by: { $0.change < $1.change }), let down = rows.min(by: { $0.change < $1.change }), up.change > 0 || down.change < 0 {
            var parts: [String] = []
            if up.change > 0 {
                parts.append("la classe qui a le plus progressé est \(Fmt.quoted(up.shortLabel)) (\(Fmt.signedHa(up.change))\(up.relative.map { ", " + Fmt.signedPct($0) } ?? ""))")
            }
            if down.change < 0 {
                parts.append("celle qui a le plus reculé est \(Fmt.quoted(down.shortLabel)) (\(Fmt.signedHa(down.change))\(down.relative.map { ", " + Fmt.signedPct($0) } ?? ""))")
            }
            sentence = "Entre \(period.start) et \(period.end), " + parts.joined(separator: " ; ") + "."
        }
        let scene = DivergingBarChart.scene(rows: rows.map { BarRow(label: $0.shortLabel, value: $0.change, color: $0.color) })
        return [
            "sentence": sentence,
            "scene": scene,
            "alt": "Diagramme en barres de l’évolution des surfaces par classe entre \(period.start) et \(period.end). " + sentence,
            "years": period.years,
            "rows": rows.map { r -> [String: Any] in
                ["label": r.shortLabel, "code": r.code, "color": r.color.hex, "before": Fmt.num(r.before), "after": Fmt.num(r.after),
                 "change": Fmt.num(r.change), "relative": r.relative.map { Fmt.pct($0) } ?? "–", "perYear": Fmt.num(r.perYear)]
            },
        ]
    }
}
