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

    /// Whether the chart has a layout for a phone. The mutation matrix has none: its cells need the
    /// width of a desktop column, and the page's table shows the same matrix.
    package var hasNarrowLayout: Bool {
        if case .matrix = data { return false }
        return true
    }
}
