import PortraitsCore

/// Horizontal bars either side of a zero line: gains to the right, losses to the left, in the
/// rows' colours with a dark outline (readable in grey print), the value at the end of each bar.
/// Used for the evolution by class and for flux (artificialisation / désartificialisation / net).
public enum DivergingBarChart {
    public static func scene(rows input: [BarRow], format: ValueFormat = .hectares(signed: true), width: Double = 720,
                             keepZeros: Bool = false) -> Scene {
        let rows = keepZeros ? input : input.filter { $0.finite != 0 }
        let size = 11.0, barHeight = 14.0, rowHeight = 24.0, top = 10.0
        let labelWidth = min(230, max(60, rows.map { Typography.estimatedWidth($0.label, size: size) }.max() ?? 60))
        let height = top + Double(max(rows.count, 1)) * rowHeight + 10
        var scene = Scene(width: width, height: height)
        guard !rows.isEmpty else {
            scene.add(.text("Aucun changement", at: Point(0, top + 14), style: TextStyle(size: size, color: Palette.muted)))
            return scene
        }
        let maxAbs = max(rows.map { abs($0.finite) }.max() ?? 0, 1e-9)
        let plotLeft = labelWidth + 16, valueRoom = 96.0
        let plotWidth = width - plotLeft - 2 * valueRoom
        let hasNegative = rows.contains { $0.finite < 0 }, hasPositive = rows.contains { $0.finite > 0 }
        // Zero line placed so that both sides have room only when needed.
        let zeroX: Double
        switch (hasNegative, hasPositive) {
        case (true, true): zeroX = plotLeft + valueRoom + plotWidth / 2
        case (true, false): zeroX = plotLeft + valueRoom + plotWidth
        default: zeroX = plotLeft
        }
        let half = (hasNegative && hasPositive) ? plotWidth / 2 : plotWidth
        let scale = Scales.linear(domain: (0, maxAbs), range: (0, half))
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            scene.add(.text(Typography.truncated(r.label, toWidth: labelWidth, size: size), at: Point(labelWidth + 4, y + barHeight - 3), style: TextStyle(size: size, anchor: .end)))
            let w = scale(abs(r.finite))
            let x = r.finite < 0 ? zeroX - w : zeroX
            scene.add(.rect(x: x, y: y, width: w, height: barHeight, fill: r.color, stroke: Stroke(Palette.outline, width: 0.8)))
            let label = format.text(r.finite)
            if r.finite < 0 {
                scene.add(.text(label, at: Point(x - 5, y + barHeight - 3), style: TextStyle(size: size, anchor: .end)))
            } else {
                scene.add(.text(label, at: Point(x + w + 5, y + barHeight - 3), style: TextStyle(size: size)))
            }
        }
        scene.add(.polyline([Point(zeroX, top - 4), Point(zeroX, height - 6)], stroke: Stroke(Palette.outline, width: 1)))
        return scene
    }
}
