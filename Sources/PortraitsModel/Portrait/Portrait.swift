import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// Everything a reader sees in one portrait (a territory at one view, a period or a single
/// millésime): who the territory is, its key figures, the caveats, the land-cover table and chart,
/// and one theme per subject, each with its figures, sentences, charts and tables. Made once by
/// the compute stage (`PortraitStore`); the web page, the PDF and the page's CSV only lay it out.
package struct Portrait: Sendable {
    /// A territory the portrait links to: a parent or a child.
    package struct Link: Sendable {
        package let id: TerritoryID
        package let name: String
    }

    /// A class of the land-cover table: its surface at the view's millésime and, for a period, at
    /// its start.
    package struct StockRow: Sendable {
        package let code: String, label: String, shortLabel: String, color: RGBColor
        /// Square metres and share of the territory's area.
        package let after: Double, afterShare: Double
        package let before: Double?, beforeShare: Double?
        package var delta: Double? { before.map { after - $0 } }
    }

    /// The themes of a period view.
    package struct Themes: Sendable {
        package let evolution: EvolutionTheme
        package let mutations: MutationsTheme
        package let sealing: SealingTheme
        package let consumption: ConsumptionTheme
        package let artificialisation: ArtificialisationTheme
        package let zan: ZANTheme?
        package let comparison: ComparisonTheme
    }

    /// What the figures cannot say or say with a reservation.
    package struct Caveats: Sendable {
        /// The land cover does not cover the whole territory.
        package var coverage: String?
        /// Delivered polygons overlap.
        package var overlap: String?
        /// Codes absent from the nomenclature.
        package var unclassified: String?
    }

    package let territory: TerritoryID
    package let name: String
    package let view: PortraitView
    /// The years this territory's figures sum for the view.
    package let years: ViewYears
    /// Parents, from the nearest (EPCI) up; children (communes, or EPCI then communes outside any).
    package let parents: [Link]
    package let children: [Link]
    /// "EPCI du territoire (12)"; nil without children.
    package let childrenTitle: String?
    /// The children with their key figures for this view (empty without children).
    package let members: MemberTable
    /// A département's communes with their key figures (its atlas lists them all); nil elsewhere.
    package let communes: MemberTable?
    package let area: Figure
    package let coveredShare: Figure
    /// Number of communes, for territories above the commune.
    package let communeCount: Figure?
    package let caveats: Caveats
    /// What a reader must see first, on the page and on the PDF's page 1.
    package let message: KeyMessage
    /// "couverture du sol, niveau 4": the dimension and level of charts, maps and tables.
    package let levelName: String
    package let stockTitle: String
    package let stockCaption: String
    package let stockRows: [StockRow]
    package let stockChart: Chart
    package let mapAlt: String
    package let mapCaption: String
    /// A period view's themes; nil for a single millésime.
    package let themes: Themes?
    /// A single millésime's stock figures; nil for a period.
    package let stockOnly: StockOnlyTheme?

    /// Every chart of the portrait, in reading order: what the graphics benchmark draws.
    package var charts: [Chart] {
        var all = [stockChart]
        if let t = themes {
            all += [t.evolution.chart, t.mutations.flowChart, t.mutations.matrixChart, t.sealing.stackChart, t.sealing.fluxChart,
                    t.consumption.chart, t.artificialisation.chart]
            if let zan = t.zan { all.append(zan.chart) }
            all.append(t.comparison.chart)
        }
        return all
    }

    package var totalAfter: Double { stockRows.reduce(0) { $0 + $1.after } }
    package var totalBefore: Double { stockRows.reduce(0) { $0 + ($1.before ?? 0) } }
}
