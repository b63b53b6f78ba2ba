import PortraitsCore

/// Horizontal bars either side of a zero line: gains to the right, losses to the left, in the
/// rows' colours with a dark outline (readable in grey print), the value at the end of each bar.
/// Used for the evolution by class and for flux (artificialisation / désartificialisation / net).
public enum DivergingBarChart {
    public static func scene(rows input: [BarRow], format: ValueFormat = .hectares(signed: true), width: Double = 720,
                             keepZeros: Bool = false) -> Scene {
        let rows = keepZeros ? input : input.filter { $0.finite != 0 }
        // Compact (phone): each label on its own line above its bar; the plot takes the whole width.
        let compact = ChartLayout.isCompact(width)
        let size = 11.0, barHeight = 14.0, labelRoom = compact ? 15.0 : 0, rowHeight = 24.0 + labelRoom, top = 10.0
        let labelWidth = compact ? width : min(230, max(60, rows.map { Typography.estimatedWidth($0.label, size: size) }.max() ?? 60))
        let height = top + Double(max(rows.count, 1)) * rowHeight + 10
        var scene = Scene(width: width, height: height)
        guard !rows.isEmpty else {
            scene.add(.text("Aucun changement", at: Point(0, top + 14), style: TextStyle(size: size, color: Palette.muted)))
            return scene
        }
        let maxAbs = max(rows.map { abs($0.finite) }.max() ?? 0, 1e-9)
        let widestValue = rows.map { Typography.estimatedWidth(format.text($0.finite), size: size) }.max() ?? 60
        let plotLeft = compact ? 0 : labelWidth + 16, valueRoom = compact ? widestValue + 8 : 96.0
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
            let label = Typography.truncated(r.label, toWidth: labelWidth, size: size)
            if compact {
                scene.add(.text(label, at: Point(0, top + Double(i) * rowHeight + 11), style: TextStyle(size: size)))
            } else {
                scene.add(.text(label, at: Point(labelWidth + 4, top + Double(i) * rowHeight + barHeight - 3), style: TextStyle(size: size, anchor: .end)))
            }
            let y = top + Double(i) * rowHeight + labelRoom
            let w = scale(abs(r.finite))
            let x = r.finite < 0 ? zeroX - w : zeroX
            scene.add(.rect(x: x, y: y, width: w, height: barHeight, fill: r.color, stroke: Stroke(Palette.outline, width: 0.8)))
            scene.add(.hotspot(x: 0, y: y - labelRoom - 4, width: width, height: rowHeight, label: "\(r.label) : \(format.text(r.finite))"))
            let value = format.text(r.finite)
            if r.finite < 0 {
                scene.add(.text(value, at: Point(x - 5, y + barHeight - 3), style: TextStyle(size: size, anchor: .end)))
            } else {
                scene.add(.text(value, at: Point(x + w + 5, y + barHeight - 3), style: TextStyle(size: size)))
            }
        }
        // The zero line, under each bar only in the compact layout (it would cross the labels).
        if compact {
            for i in rows.indices {
                let y = top + Double(i) * rowHeight + labelRoom
                scene.add(.polyline([Point(zeroX, y - 2), Point(zeroX, y + barHeight + 2)], stroke: Stroke(Palette.outline, width: 1)))
            }
        } else {
            scene.add(.polyline([Point(zeroX, top - 4), Point(zeroX, height - 6)], stroke: Stroke(Palette.outline, width: 1)))
        }
        return scene
    }
}
