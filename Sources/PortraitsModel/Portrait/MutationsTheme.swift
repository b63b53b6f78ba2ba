import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Mutations entre classes: the transition matrix, gross change, persistence, main transitions,
/// and the changes by kind that the change map shows.
package struct MutationsTheme: Sendable {
    package struct MatrixClass: Sendable {
        package let code: String, label: String, color: RGBColor
    }

    package struct Transition: Sendable {
        package let from: String, to: String, area: Figure
    }

    package let sentence: String
    package let flowChart: Chart
    package let matrixChart: Chart
    package let classes: [MatrixClass]
    /// Square metres from class i (start) to class j (end).
    package let matrix: [[Double]]
    package let rowTotals: [Double]
    package let columnTotals: [Double]
    package let total: Double
    package let grossChange: Figure
    package let persistence: Figure
    /// The five largest transitions.
    package let main: [Transition]
    /// What the change map shows: the area of each kind of change.
    package let changes: ChangeTable

    static func make(_ facts: AreaFacts, territory: Territory, periodIndex p: Int, span: PeriodSpan, project: Project, indicators: IndicatorStore) -> MutationsTheme {
        let period = span
        let m = Mutations.matrix(facts, period: p, nomenclature: project.nomenclature, level: project.displayLevel)
        let main = m.mainTransitions(5)
        let share = m.total > 0 ? m.grossChange / m.total : 0
        var sentence = "\(period.Between), \(Fmt.ha(m.grossChange)) ont changé de classe, soit \(Fmt.pct(share)) de la surface décrite aux deux dates"
        if let first = main.first {
            sentence += " ; la principale mutation est \(Fmt.quoted(first.from.shortLabel)) → \(Fmt.quoted(first.to.shortLabel)) (\(Fmt.ha(first.area)))."
        } else {
            sentence += "."
        }
        let flows = MutationFlows(labels: m.classes.map(\.shortLabel), colors: m.classes.map(\.color), matrix: m.matrix,
                                  beforeLabel: period.start.description, afterLabel: period.end.description)
        let mainText = main.prefix(3).map { "\($0.from.shortLabel) → \($0.to.shortLabel) (\(Fmt.ha($0.area)))" }.joined(separator: " ; ")
        let flowAlt = m.grossChange > 0
            ? "Diagramme de flux des surfaces ayant changé de classe \(period.between) (\(Fmt.ha(m.grossChange)) au total), des classes de \(period.start) à gauche vers celles de \(period.end) à droite. Principales mutations : \(mainText)."
            : "Diagramme de flux des mutations \(period.between) : aucune surface n’a changé de classe."
        let matrixAlt = "Matrice des mutations \(period.between), une ligne par classe en \(period.start) et une colonne par classe en \(period.end), les cases d’autant plus foncées que la surface ayant changé est grande. \(m.grossChange > 0 ? "Principales mutations : \(mainText)." : "Aucune surface n’a changé de classe.") Toutes les valeurs sont dans le tableau ci-dessous."
        return MutationsTheme(
            sentence: sentence,
            flowChart: Chart(kind: "mutations : flux (sankey)", data: .sankey(flows), alt: flowAlt),
            matrixChart: Chart(kind: "mutations : matrice", data: .matrix(flows), alt: matrixAlt),
            classes: m.classes.map { MatrixClass(code: $0.code, label: $0.shortLabel, color: $0.color) },
            matrix: m.matrix, rowTotals: m.rowTotals, columnTotals: m.columnTotals, total: m.total,
            grossChange: .ha(m.grossChange), persistence: .ha(m.persistence),
            main: main.map { Transition(from: $0.from.shortLabel, to: $0.to.shortLabel, area: .ha($0.area)) },
            changes: ChangeTable(territory: territory, period: period, changes: indicators.headline(territory.id, p)?.changes ?? ChangedArea()))
    }
}

/// The changes by kind of a period (`HeadlineFigures.changes`, from the facts): the table beside
/// the change map, the map's text alternative, and the changes of use under an unchanged cover.
package struct ChangeTable: Sendable {
    package struct Usage: Sendable {
        package let row: LabelledFigure
        /// "dont 1,2 ha de consommation d’espaces NAF, …"
        package let detail: String
    }

    /// The kinds that change the cover, with their area (those that round to 0,0 ha left out).
    package let rows: [(kind: ChangeKind, area: Figure)]
    package let coverTotal: Figure
    package let usage: Usage?
    package let mapAlt: String

    package var isEmpty: Bool { rows.isEmpty && usage == nil }

    init(territory: Territory, period: PeriodSpan, changes: ChangedArea) {
        let kinds = changes.shownKinds
        let list = kinds.map { "\($0.label.lowercased()) \(Fmt.ha(changes[$0]))" }
        mapAlt = "Carte des changements d’occupation du sol \(FrenchText.de(territory.id, territory.name)) \(period.between)"
            + (list.isEmpty ? " : aucun changement." : ", par nature du changement : \(list.joined(separator: " ; ")). Le reste du territoire n’a pas changé.")
        rows = kinds.filter(\.changesCover).map { ($0, Figure.ha(changes[$0])) }
        coverTotal = .ha(changes.coverChange)
        if kinds.contains(.usage) {
            let parts: [(LandChange.Status, String)] = [(.consommation, "consommation d’espaces NAF"), (.artificialisation, "artificialisation"),
                                                         (.desartificialisation, "désartificialisation")]
            let detail = parts.compactMap { s, label in
                let area = changes.usageByStatus[s] ?? 0
                return Fmt.ha(area) != Fmt.ha(0) ? "dont \(Fmt.ha(area)) \(label == "artificialisation" || label == "désartificialisation" ? "d’" : "de ")\(label)" : nil
            }
            usage = Usage(row: LabelledFigure(label: ChangeKind.usage.label, figure: .ha(changes[.usage])), detail: detail.joined(separator: ", "))
        } else {
            usage = nil
        }
    }
}
