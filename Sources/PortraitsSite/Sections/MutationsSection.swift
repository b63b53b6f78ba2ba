import PortraitsCore
import PortraitsGraphics

/// Mutations: the transition matrix, gross change, persistence, main transitions.
enum MutationsSection {
    static func context(_ facts: AreaFacts, periodIndex p: Int, project: Project) -> [String: Any] {
        let period = project.layout.periods[p]
        let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, level: project.displayLevel)
        let main = m.mainTransitions(5)
        let share = m.total > 0 ? m.grossChange / m.total : 0
        var sentence = "Entre \(period.start) et \(period.end), \(Fmt.ha(m.grossChange)) ont changé de classe, soit \(Fmt.pct(share)) de la surface décrite aux deux dates"
        if let first = main.first {
            sentence += " ; la principale mutation est \(Fmt.quoted(first.from.shortLabel)) → \(Fmt.quoted(first.to.shortLabel)) (\(Fmt.ha(first.area)))."
        } else {
            sentence += "."
        }
        let header = m.classes.map { ["code": $0.code, "label": $0.shortLabel] }
        let rows = m.classes.indices.map { i -> [String: Any] in
            ["code": m.classes[i].code, "label": m.classes[i].shortLabel, "color": m.classes[i].color.hex,
             "cells": m.classes.indices.map { j -> [String: Any] in ["value": Fmt.num(m.matrix[i][j]), "diagonal": i == j] },
             "total": Fmt.num(m.rowTotals[i])]
        }
        let flows = MutationFlows(labels: m.classes.map(\.shortLabel), colors: m.classes.map(\.color), matrix: m.matrix,
                                  beforeLabel: String(period.start), afterLabel: String(period.end))
        let mainText = main.prefix(3).map { "\($0.from.shortLabel) → \($0.to.shortLabel) (\(Fmt.ha($0.area)))" }.joined(separator: " ; ")
        let flowAlt = m.grossChange > 0
            ? "Diagramme de flux des surfaces ayant changé de classe entre \(period.start) et \(period.end) (\(Fmt.ha(m.grossChange)) au total), des classes de \(period.start) à gauche vers celles de \(period.end) à droite. Principales mutations : \(mainText)."
            : "Diagramme de flux des mutations entre \(period.start) et \(period.end) : aucune surface n’a changé de classe."
        return [
            "sentence": sentence,
            "flowScene": SankeyChart.scene(flows),
            "flowAlt": flowAlt,
            "matrixScene": MutationMatrixChart.scene(flows),
            "matrixAlt": "Matrice des mutations entre \(period.start) et \(period.end), une ligne par classe en \(period.start) et une colonne par classe en \(period.end), les cases d’autant plus foncées que la surface ayant changé est grande. \(m.grossChange > 0 ? "Principales mutations : \(mainText)." : "Aucune surface n’a changé de classe.") Toutes les valeurs sont dans le tableau ci-dessous.",
            "header": header,
            "rows": rows,
            "columnTotals": m.columnTotals.map { Fmt.num($0) },
            "total": Fmt.num(m.total),
            "grossChange": Fmt.ha(m.grossChange),
            "persistence": Fmt.ha(m.persistence),
            "main": main.map { ["from": $0.from.shortLabel, "to": $0.to.shortLabel, "area": Fmt.ha($0.area)] },
            "hasMain": !main.isEmpty,
        ]
    }
}
