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

    /// The chart laid out (PortraitsGraphics); drawing it is the renderer's job.
    package var scene: Scene {
        switch data {
        case let .stockComparison(rows, before, after): return StockComparisonChart.scene(rows: rows, beforeLabel: before, afterLabel: after)
        case let .divergingBars(rows, keepZeros): return DivergingBarChart.scene(rows: rows, keepZeros: keepZeros)
        case let .periodBars(rows, highlighted): return PeriodBarChart.scene(rows: rows, highlighted: highlighted)
        case let .sankey(flows): return SankeyChart.scene(flows)
        case let .matrix(flows): return MutationMatrixChart.scene(flows)
        case let .stackedBars(rows, legend): return StackedBarChart.scene(rows: rows, legend: legend)
        case let .dots(rows): return DotPlot.scene(rows: rows)
        case let .trajectory(input): return TrajectoryChart.scene(input)
        }
    }
}
