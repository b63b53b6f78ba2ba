import Foundation
import PortraitsCore

/// The ZAN trajectory 2021–2031: cumulative consumption at the current pace (a line), at the
/// reference pace (dashed) and the allowance (a horizontal line), with the year it is reached.
public enum TrajectoryChart {
    public struct Input: Sendable {
        /// m² per year.
        public var currentPace: Double
        public var referencePace: Double
        /// m² for 2021–2030.
        public var allowance: Double

        public init(currentPace: Double, referencePace: Double, allowance: Double) {
            self.currentPace = currentPace
            self.referencePace = referencePace
            self.allowance = allowance
        }
    }

    public static let accent = RGBColor(r: 0xc9, g: 0x19, b: 0x1e)
    public static let allowanceColor = RGBColor(r: 0x00, g: 0x00, b: 0x91)

    public static func scene(_ input: Input, width: Double = 720, height: Double = 280) -> Scene {
        let size = 11.0
        let compact = ChartLayout.isCompact(width)
        let legend: [(String, RGBColor, [Double])] = [("Enveloppe 2021–2030", allowanceColor, [8.0, 4.0]), ("Rythme de référence", Palette.muted, [3.0, 3.0]), ("Rythme actuel", accent, [])]
        // The legend wraps on a narrow chart; the plot starts below its last line.
        let placed = ChartLayout.flow(legend.map(\.0), size: size, markWidth: 32, spacing: 14, width: width)
        let legendLines = Double(placed.last?.line ?? 0)
        let current = input.currentPace.isFinite ? max(input.currentPace, 0) : 0
        let reference = input.referencePace.isFinite ? max(input.referencePace, 0) : 0
        let allowance = input.allowance.isFinite ? max(input.allowance, 0) : 0
        // The axis tops at a 1-2-5 tick above every line, with room for the exhaustion label.
        let ticks = Scales.niceTicks(upTo: max(current * 10, reference * 10, allowance, 1e-9) * 1.05)
        let maxValue = ticks.last!
        let stepHa = (ticks[1] - ticks[0]) / 10_000
        let decimals = stepHa >= 1 ? 0 : min(3, Int((-log10(stepHa)).rounded(.up)))
        let tickLabels = ticks.map { FrenchNumber.hectares($0, decimals: decimals) }
        // The plot starts right of the widest tick label.
        let widestTick = tickLabels.map { Typography.estimatedWidth($0, size: size) }.max() ?? 40
        let left = max(compact ? 40.0 : 90.0, widestTick + 12), right = compact ? 12.0 : 20.0, top = 40.0 + legendLines * 18, bottom = 30.0
        let height = height + legendLines * 18
        var scene = Scene(width: width, height: height)
        let x = Scales.linear(domain: (2021, 2031), range: (left, width - right))
        let y = Scales.linear(domain: (0, maxValue), range: (height - bottom, top))
        // Axes and ticks.
        scene.add(.polyline([Point(left, top - 10), Point(left, height - bottom), Point(width - right, height - bottom)], stroke: Stroke(Palette.outline, width: 1)))
        for year in stride(from: 2021, through: 2031, by: compact ? 3 : 2) {
            scene.add(.text(String(year), at: Point(x(Double(year)), height - 10), style: TextStyle(size: size, anchor: .middle)))
        }
        for (v, label) in zip(ticks, tickLabels) {
            scene.add(.polyline([Point(left, y(v)), Point(width - right, y(v))], stroke: Stroke(Palette.grid, width: 0.6)))
            scene.add(.text(label, at: Point(left - 6, y(v) + 4), style: TextStyle(size: size, anchor: .end)))
        }
        // Allowance, reference pace, current pace.
        scene.add(.polyline([Point(left, y(allowance)), Point(width - right, y(allowance))], stroke: Stroke(allowanceColor, width: 2, dash: [8, 4])))
        scene.add(.polyline([Point(x(2021), y(0)), Point(x(2031), y(reference * 10))], stroke: Stroke(Palette.muted, width: 1.5, dash: [3, 3])))
        scene.add(.polyline([Point(x(2021), y(0)), Point(x(2031), y(current * 10))], stroke: Stroke(accent, width: 2.5)))
        // Each year: the three values, where the reader points along the axis.
        let columnWidth = (x(2031) - x(2021)) / 10
        for year in 2021...2031 {
            let n = Double(year - 2021)
            let x0 = max(0, x(Double(year)) - columnWidth / 2), x1 = min(width, x(Double(year)) + columnWidth / 2)
            scene.add(.hotspot(x: x0, y: top, width: x1 - x0, height: height - bottom - top,
                               label: "Au 1er janvier \(year), depuis 2021 : \(FrenchNumber.hectares(current * n)) au rythme actuel, \(FrenchNumber.hectares(reference * n)) au rythme de référence, enveloppe \(FrenchNumber.hectares(allowance))"))
        }
        if current > 0, allowance > 0, allowance / current <= 10 {
            let year = 2021 + allowance / current
            scene.add(.rect(x: x(year) - 4, y: y(allowance) - 4, width: 8, height: 8, fill: accent, stroke: Stroke(Palette.white, width: 1)))
            // The year said as the text says it (the envelope runs out during that year), so that a
            // marker late in 2024 is not read as 2025 from the axis.
            // Where no line crosses it: above the envelope and left of the marker (the current pace
            // is below the envelope there), or, with no room on the left, below it and right of the
            // marker (the current pace is above it there).
            let label = "épuisée en \(Int(year))"
            let w = Typography.estimatedWidth(label, size: size, bold: true)
            var style = TextStyle(size: size, bold: true, color: accent, anchor: .end)
            var at = Point(x(year) - 8, y(allowance) - 8)
            if at.x - w < left {
                style.anchor = .start
                at = Point(x(year) + 8, y(allowance) + size + 6)
            }
            // On a white ground: the reference pace's dotted line may still pass there.
            let x0 = style.anchor == .end ? at.x - w : at.x
            scene.add(.rect(x: x0 - 2, y: at.y - size, width: w + 4, height: size + 4, fill: Palette.white, stroke: nil))
            scene.add(.text(label, at: at, style: style))
        }
        // Legend.
        for ((label, color, dash), at) in zip(legend, placed) {
            let y = 14 + Double(at.line) * 18
            scene.add(.polyline([Point(at.x, y), Point(at.x + 26, y)], stroke: Stroke(color, width: 2.5, dash: dash)))
            scene.add(.text(label, at: Point(at.x + 32, y + 4), style: TextStyle(size: size)))
        }
        return scene
    }
}
