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
        var scene = Scene(width: width, height: height)
        let size = 11.0
        let left = 90.0, right = 20.0, top = 40.0, bottom = 30.0
        let current = input.currentPace.isFinite ? max(input.currentPace, 0) : 0
        let reference = input.referencePace.isFinite ? max(input.referencePace, 0) : 0
        let allowance = input.allowance.isFinite ? max(input.allowance, 0) : 0
        let maxValue = max(current * 10, reference * 10, allowance, 1e-9) * 1.08
        let x = Scales.linear(domain: (2021, 2031), range: (left, width - right))
        let y = Scales.linear(domain: (0, maxValue), range: (height - bottom, top))
        // Axes and ticks.
        scene.add(.polyline([Point(left, top - 10), Point(left, height - bottom), Point(width - right, height - bottom)], stroke: Stroke(Palette.outline, width: 1)))
        for year in stride(from: 2021, through: 2031, by: 2) {
            scene.add(.text(String(year), at: Point(x(Double(year)), height - 10), style: TextStyle(size: size, anchor: .middle)))
        }
        for k in 0...4 {
            let v = maxValue / 1.08 * Double(k) / 4
            scene.add(.polyline([Point(left, y(v)), Point(width - right, y(v))], stroke: Stroke(Palette.grid, width: 0.6)))
            scene.add(.text(FrenchNumber.hectares(v, decimals: 0), at: Point(left - 6, y(v) + 4), style: TextStyle(size: size, anchor: .end)))
        }
        // Allowance, reference pace, current pace.
        scene.add(.polyline([Point(left, y(allowance)), Point(width - right, y(allowance))], stroke: Stroke(allowanceColor, width: 2, dash: [8, 4])))
        scene.add(.polyline([Point(x(2021), y(0)), Point(x(2031), y(reference * 10))], stroke: Stroke(Palette.muted, width: 1.5, dash: [3, 3])))
        scene.add(.polyline([Point(x(2021), y(0)), Point(x(2031), y(current * 10))], stroke: Stroke(accent, width: 2.5)))
        if current > 0, allowance > 0, allowance / current <= 10 {
            let year = 2021 + allowance / current
            scene.add(.rect(x: x(year) - 4, y: y(allowance) - 4, width: 8, height: 8, fill: accent, stroke: Stroke(Palette.white, width: 1)))
            // The year said as the text says it (the envelope runs out during that year), so that a
            // marker late in 2024 is not read as 2025 from the axis.
            scene.add(.text("épuisée en \(Int(year))", at: Point(x(year), y(allowance) - 9), style: TextStyle(size: size, bold: true, color: accent, anchor: year > 2028 ? .end : .middle)))
        }
        // Legend.
        var lx = 0.0
        for (label, color, dash) in [("Enveloppe 2021–2030", allowanceColor, [8.0, 4.0]), ("Rythme de référence", Palette.muted, [3.0, 3.0]), ("Rythme actuel", accent, [])] {
            scene.add(.polyline([Point(lx, 14), Point(lx + 26, 14)], stroke: Stroke(color, width: 2.5, dash: dash)))
            scene.add(.text(label, at: Point(lx + 32, 18), style: TextStyle(size: size)))
            lx += 46 + Typography.estimatedWidth(label, size: size)
        }
        return scene
    }
}
