import PortraitsCore

/// Vertical bars, one per period, with the value above each bar; the current period is drawn in
/// the accent colour, the others light with an outline. Used for the consumption per year.
public enum PeriodBarChart {
    public static func scene(rows input: [BarRow], highlighted: Int?, format: ValueFormat = .hectares(signed: false),
                             width: Double = 480, height: Double = 220) -> Scene {
        var scene = Scene(width: width, height: height)
        let size = 11.0, top = 22.0, bottom = 28.0
        guard !input.isEmpty else {
            scene.add(.text("Aucune période", at: Point(0, 20), style: TextStyle(size: size, color: Palette.muted)))
            return scene
        }
        let maxValue = max(input.map { max($0.finite, 0) }.max() ?? 0, 1e-9)
        let plotHeight = height - top - bottom
        let slot = width / Double(input.count)
        let barWidth = min(90, slot * 0.6)
        let scale = Scales.linear(domain: (0, maxValue), range: (0, plotHeight))
        for (i, r) in input.enumerated() {
            let h = scale(max(r.finite, 0))
            let x = Double(i) * slot + (slot - barWidth) / 2
            let y = top + plotHeight - h
            let current = i == highlighted
            scene.add(.rect(x: x, y: y, width: barWidth, height: h, fill: current ? r.color : Palette.tint(r.color, 0.6), stroke: Stroke(Palette.outline, width: 0.8)))
            scene.add(.hotspot(x: Double(i) * slot, y: 0, width: slot, height: height, label: "\(r.label) : \(format.text(r.finite))"))
            scene.add(.text(format.text(r.finite), at: Point(x + barWidth / 2, y - 6), style: TextStyle(size: size, anchor: .middle)))
            scene.add(.text(r.label, at: Point(x + barWidth / 2, height - 10), style: TextStyle(size: size, bold: current, anchor: .middle)))
        }
        scene.add(.polyline([Point(0, top + plotHeight), Point(width, top + plotHeight)], stroke: Stroke(Palette.outline, width: 1)))
        return scene
    }
}
