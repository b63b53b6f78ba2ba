import PortraitsCore
import PortraitsProject

/// The years one territory's portrait shows for a view: the period's years (one pair, or each
/// commune's when départements differ) and the millésime's. Every title, sentence, caption and
/// footer of a portrait names its years from here, never from the view's keys.
package struct ViewYears: Sendable, Equatable {
    /// Nil for a view of one millésime.
    package var period: PeriodSpan?
    /// The view's millésime (the period's end).
    package var millesime: YearSpan
    /// The facts scaled by each commune's years, where the period's lengths differ.
    package var scaled: AreaFacts?

    package init(period: PeriodSpan?, millesime: YearSpan, scaled: AreaFacts? = nil) {
        self.period = period
        self.millesime = millesime
        self.scaled = scaled
    }

    package static func of(_ view: PortraitView, _ id: TerritoryID, project: Project) -> ViewYears {
        let layout = project.layout, years = project.years(id)
        let m = layout.index(of: view.millesime)!
        let millesime = years.millesimes[m] ?? YearSpan(view.millesime)
        guard let period = view.period, let p = layout.periods.firstIndex(of: period) else { return ViewYears(period: nil, millesime: millesime) }
        return ViewYears(period: years.periods[p] ?? PeriodSpan(period), millesime: millesime, scaled: years.scaledByYears[p])
    }

    /// `2018–2021` or `2021`; `2018–2021 ou 2019–2022` where communes differ: selectors, titles.
    package var short: String { period?.description ?? millesime.description }

    /// `période 2018–2021` or `millésime 2021`; by commune `période 2018–2021 ou 2019–2022 selon les communes`.
    package var named: String { period.map { "période \($0.label)" } ?? "millésime \(millesime.label)" }

    /// `période 2018–2021 ou 2019–2022`: `named` without « selon les communes », for a footer's one line.
    package var namedShort: String { period.map { "période \($0.description)" } ?? "millésime \(millesime.description)" }

    /// `Période 2018–2021`, `Millésime 2021`: a title.
    package var Named: String { named.prefix(1).uppercased() + named.dropFirst() }

    /// `période 2018–2021 (millésimes 2018 et 2021)`, or with each commune's years
    /// `période … selon les communes (2018–2021 (3 communes) et 2019–2022 (6 communes))`.
    package var detailed: String {
        guard let p = period else { return named }
        return p.single != nil ? "période \(p.label) (millésimes \(p.start) et \(p.end))" : "période \(p.label) (\(p.detail))"
    }
}
