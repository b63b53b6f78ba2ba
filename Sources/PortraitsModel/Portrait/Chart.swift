import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// A chart of a portrait: the data it shows, what it is (`kind`, as the graphics benchmark names
/// it) and its text alternative. The page and the PDF lay out the same `scene`.
package struct Chart: Sendable {
    package enum Data: Sendable {
        case stockComparison([StockComparisonRow], before: String?, after: String)
        case divergingBars([BarRow], keepZeros: Bool)
        case periodBars([BarRow], highlighted: Int?)
        case sankey(MutationFlows)
        case matrix(MutationFlows)
        case stackedBars([StackedBarRow], legend: [LegendEntry])
        case dots([DotPlot.Row])
        case trajectory(TrajectoryChart.Input)
    }

    package let kind: String
    package let data: Data
    package let alt: String

    /// The chart laid out for print (PortraitsGraphics); drawing it is the renderer's job.
    package var scene: Scene { scene(width: ChartLayout.print) }

    /// The chart laid out at `width` (a narrow width gets the chart's compact layout).
    package func scene(width: Double) -> Scene {
        switch data {
        case let .stockComparison(rows, before, after): return StockComparisonChart.scene(rows: rows, beforeLabel: before, afterLabel: after, width: width)
        case let .divergingBars(rows, keepZeros): return DivergingBarChart.scene(rows: rows, width: width, keepZeros: keepZeros)
        case let .periodBars(rows, highlighted): return PeriodBarChart.scene(rows: rows, highlighted: highlighted, width: min(width, 480))
        case let .sankey(flows): return SankeyChart.scene(flows, width: width)
        case let .matrix(flows): return MutationMatrixChart.scene(flows, width: min(width, ChartLayout.print))
        case let .stackedBars(rows, legend): return StackedBarChart.scene(rows: rows, legend: legend, width: width)
        case let .dots(rows): return DotPlot.scene(rows: rows, width: width)
        case let .trajectory(input): return TrajectoryChart.scene(input, width: width)
        }
    }

    /// What replaces the chart when it would show nothing (bars all at zero, no flow between
    /// classes, a comparison with nothing but the territory itself); nil when it shows something.
    /// The printed portrait prints this sentence instead of an empty frame.
    package var emptySentence: String? {
        switch data {
        case let .divergingBars(rows, _), let .periodBars(rows, _):
            return rows.allSatisfy({ $0.value == 0 }) ? "Pas de graphique : toutes les valeurs sont nulles sur la période." : nil
        case let .sankey(flows), let .matrix(flows):
            let moved = flows.matrix.enumerated().contains { i, row in row.enumerated().contains { j, v in i != j && v > 0 } }
            return moved ? nil : "Pas de graphique : aucune surface n’a changé de classe sur la période."
        case let .dots(rows):
            return rows.allSatisfy({ $0.values.count < 2 }) ? "Pas de graphique : aucun territoire parent auquel comparer." : nil
        case .stockComparison, .stackedBars, .trajectory:
            return nil
        }
    }

    /// Whether the chart has a layout for a phone. The mutation matrix has none: its cells need the
    /// width of a desktop column, and the page's table shows the same matrix.
    package var hasNarrowLayout: Bool {
        if case .matrix = data { return false }
        return true
    }
}
