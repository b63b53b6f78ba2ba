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
    /// `3 ans`, or `3 ou 4 ans selon les communes`.
    package let duration: String
    package let rows: [Row]

    static func make(_ facts: AreaFacts, period key: Period, years: ViewYears, project: Project) -> EvolutionTheme {
        let period = years.period ?? PeriodSpan(key)
        let rows = Evolution.byClass(facts, period: key, layout: project.layout, nomenclature: project.nomenclature, level: project.displayLevel,
                                     span: period, scaled: years.scaled)
        var sentence = "\(period.Between), aucune classe n’a changé de surface."
        if let up = rows.max(by: { $0.change < $1.change }), let down = rows.min(by: { $0.change < $1.change }), up.change > 0 || down.change < 0 {
            var parts: [String] = []
            if up.change > 0 {
                parts.append("la classe qui a le plus progressé est \(Fmt.quoted(up.shortLabel)) (\(Fmt.signedHa(up.change))\(up.relative.map { ", " + Fmt.signedPct($0) } ?? ""))")
            }
            if down.change < 0 {
                parts.append("celle qui a le plus reculé est \(Fmt.quoted(down.shortLabel)) (\(Fmt.signedHa(down.change))\(down.relative.map { ", " + Fmt.signedPct($0) } ?? ""))")
            }
            sentence = "\(period.Between), " + parts.joined(separator: " ; ") + "."
        }
        let chart = Chart(kind: "évolution par classe", data: .divergingBars(rows.map { BarRow(label: $0.shortLabel, value: $0.change, color: $0.color) }, keepZeros: false),
                          alt: "Diagramme en barres de l’évolution des surfaces par classe \(period.between). " + sentence)
        return EvolutionTheme(sentence: sentence, chart: chart, duration: period.duration, rows: rows.map { r in
            Row(label: r.shortLabel, code: r.code, color: r.color, before: .num(r.before), after: .num(r.after), change: .num(r.change),
                relative: .pct(r.relative), perYear: .num(r.perYear))
        })
    }
}
