import PortraitsCore

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
        return [
            "sentence": sentence,
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
