import PortraitsCore
import PortraitsGraphics

/// Everything a reader sees in one portrait (a territory at one view, a period or a single
/// millésime): who the territory is, its key figures, the caveats, the land-cover table and chart,
/// and one theme per subject, each with its figures, sentences, charts and tables. Made once by
/// the compute stage (`PortraitStore`); the web page, the PDF and the page's CSV only lay it out.
struct Portrait: Sendable {
    /// A territory the portrait links to: a parent or a child.
    struct Link: Sendable {
        let id: TerritoryID
        let name: String
    }

    /// A class of the land-cover table: its surface at the view's millésime and, for a period, at
    /// its start.
    struct StockRow: Sendable {
        let code: String, label: String, shortLabel: String, color: RGBColor
        /// Square metres and share of the territory's area.
        let after: Double, afterShare: Double
        let before: Double?, beforeShare: Double?
        var delta: Double? { before.map { after - $0 } }
    }

    /// The themes of a period view.
    struct Themes: Sendable {
        let evolution: EvolutionTheme
        let mutations: MutationsTheme
        let sealing: SealingTheme
        let consumption: ConsumptionTheme
        let artificialisation: ArtificialisationTheme
        let zan: ZANTheme?
        let comparison: ComparisonTheme
    }

    /// What the figures cannot say or say with a reservation.
    struct Caveats: Sendable {
        /// The land cover does not cover the whole territory.
        var coverage: String?
        /// Delivered polygons overlap.
        var overlap: String?
        /// Codes absent from the nomenclature.
        var unclassified: String?
    }

    let territory: TerritoryID
    let name: String
    let view: PortraitView
    /// Parents, from the nearest (EPCI) up; children (communes, or EPCI then communes outside any).
    let parents: [Link]
    let children: [Link]
    /// "EPCI du territoire (12)"; nil without children.
    let childrenTitle: String?
    let area: Figure
    let coveredShare: Figure
    /// Number of communes, for territories above the commune.
    let communeCount: Figure?
    let caveats: Caveats
    /// The cover of the printed portrait: its value and what it is, in the order they are read.
    let keyFigures: [LabelledFigure]
    /// "couverture du sol, niveau 4": the dimension and level of charts, maps and tables.
    let levelName: String
    let stockTitle: String
    let stockCaption: String
    let stockRows: [StockRow]
    let stockChart: Chart
    let mapAlt: String
    let mapCaption: String
    /// A period view's themes; nil for a single millésime.
    let themes: Themes?
    /// A single millésime's stock figures; nil for a period.
    let stockOnly: StockOnlyTheme?

    /// Every chart of the portrait, in reading order: what the graphics benchmark draws.
    var charts: [Chart] {
        var all = [stockChart]
        if let t = themes {
            all += [t.evolution.chart, t.mutations.flowChart, t.mutations.matrixChart, t.sealing.stackChart, t.sealing.fluxChart,
                    t.consumption.chart, t.artificialisation.chart]
            if let zan = t.zan { all.append(zan.chart) }
            all.append(t.comparison.chart)
        }
        return all
    }

    var totalAfter: Double { stockRows.reduce(0) { $0 + $1.after } }
    var totalBefore: Double { stockRows.reduce(0) { $0 + ($1.before ?? 0) } }
}
