import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Évolution par classe: each class's surface at both ends of the period, its change and the
/// sentence naming the classes that gained and lost most.
package struct EvolutionTheme: Sendable {
    package struct Row: Sendable {
        package let label: String, code: String, color: RGBColor
        package let before: Figure, after: Figure, change: Figure, relative: Figure, perYear: Figure
    }

    package let sentence: String
    package let chart: Chart
    package let years: Int
    package let rows: [Row]

    static func make(_ facts: AreaFacts, period: Period, project: Project) -> EvolutionTheme {
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
        let chart = Chart(kind: "évolution par classe", data: .divergingBars(rows.map { BarRow(label: $0.shortLabel, value: $0.change, color: $0.color) }, keepZeros: false),
                          alt: "Diagramme en barres de l’évolution des surfaces par classe entre \(period.start) et \(period.end). " + sentence)
        return EvolutionTheme(sentence: sentence, chart: chart, years: period.years, rows: rows.map { r in
            Row(label: r.shortLabel, code: r.code, color: r.color, before: .num(r.before), after: .num(r.after), change: .num(r.change),
                relative: .pct(r.relative), perYear: .num(r.perYear))
        })
    }
}
