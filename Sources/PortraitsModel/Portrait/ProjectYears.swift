import PortraitsCore
import PortraitsProject

/// How a project's millésimes and periods are named where no single territory is in question
/// (downloads' source lines, the portal's home, the data page): by year, or, when départements
/// were photographed in different years, by rank with each département's years.
package enum ProjectYears {
    /// `2019, 2021`, or `1er millésime : 2018 (Bas-Rhin), 2019 (Haut-Rhin) ; 2e millésime : …`.
    package static func millesimes(_ project: Project) -> String {
        let layout = project.layout
        guard layout.ranked, let vintages = project.vintages else { return layout.millesimes.map(String.init).joined(separator: ", ") }
        return layout.millesimes.map { r in
            "\(YearSpan.rankName(r)) : " + byDepartement(project, vintages) { $0.year(rank: r).map(String.init) }
        }.joined(separator: " ; ")
    }

    /// `2019–2021, 2010–2021`, or `1er → 2e millésime (2018–2021 dans le Bas-Rhin, 2019–2022 dans le Haut-Rhin)`.
    package static func periods(_ project: Project) -> String {
        let layout = project.layout
        guard layout.ranked, let vintages = project.vintages else { return layout.periods.map(\.label).joined(separator: ", ") }
        return layout.periods.map { rp in
            "\(PortraitView(period: rp, millesime: rp.end, ranked: true).label) (" + byDepartement(project, vintages) { $0.period(ranks: rp.start, rp.end)?.label } + ")"
        }.joined(separator: ", ")
    }

    /// Period `p` with its years: `2019–2021`, or `1er millésime → 2e millésime (2018–2021 (Bas-Rhin), 2019–2022 (Haut-Rhin))`.
    package static func periodWithYears(_ project: Project, _ p: Int) -> String {
        let rp = project.layout.periods[p]
        guard project.layout.ranked, let vintages = project.vintages else { return rp.label }
        return "\(periodName(project, p)) (" + byDepartement(project, vintages) { $0.period(ranks: rp.start, rp.end)?.label } + ")"
    }

    /// The name of millésime `m` of the layout: `2021`, or `2e millésime`.
    package static func millesimeName(_ project: Project, _ m: Int) -> String {
        project.layout.ranked ? YearSpan.rankName(project.layout.millesimes[m]) : String(project.layout.millesimes[m])
    }

    /// The name of period `p` of the layout: `2019–2021`, or `1er → 2e millésime`.
    package static func periodName(_ project: Project, _ p: Int) -> String {
        let rp = project.layout.periods[p]
        return PortraitView(period: rp, millesime: rp.end, ranked: project.layout.ranked).label
    }

    /// `2018 (Bas-Rhin), 2019 (Haut-Rhin)`: each département's value, the same values grouped.
    static func byDepartement(_ project: Project, _ vintages: CommuneVintages, _ value: (Vintage) -> String?) -> String {
        var names: [String: [String]] = [:], order: [String] = []
        for d in project.catalog.all(.departement) {
            guard let v = vintages.byCommune[d.communeIndices[0]], let text = value(v) else { continue }
            if names[text] == nil { order.append(text) }
            names[text, default: []].append(d.name)
        }
        return order.map { "\($0) (\(FrenchText.and(names[$0]!)))" }.joined(separator: ", ")
    }
}
