import PortraitsCore

/// One class of a stock comparison: its label, colour and area at t0 and t1 (m²).
public struct StockComparisonRow: Sendable, Equatable {
    public var label: String
    public var color: RGBColor
    public var before: Double
    public var after: Double

    public init(label: String, color: RGBColor, before: Double, after: Double) {
        self.label = label
        self.color = color
        self.before = before
        self.after = after
    }
}

/// Land-cover stock at two millésimes by class: grouped horizontal bars, one row per class, sorted
/// by the later area; the earlier bar is a light tint with a dark outline, the later one the class
/// colour, so the pair reads in grey print too. With one millésime, one bar per class.
public enum StockComparisonChart {
    public static func scene(rows input: [StockComparisonRow], beforeLabel: String?, afterLabel: String,
                             width: Double = 720) -> Scene {
        // Non-finite values cannot be drawn: they count as zero.
        let finite: [StockComparisonRow] = input.map { r in
            StockComparisonRow(label: r.label, color: r.color, before: r.before.isFinite ? r.before : 0, after: r.after.isFinite ? r.after : 0)
        }
        let rows: [StockComparisonRow] = finite.filter { $0.before > 0 || $0.after > 0 }.sorted { a, b in
            a.after != b.after ? a.after > b.after : a.label < b.label
        }
        let paired = beforeLabel != nil
        let labelSize = 11.0, valueSize = 11.0
        // Compact (phone): each label on its own line above its bars, which start at the left edge.
        let compact = ChartLayout.isCompact(width)
        let labelWidth = compact ? width : min(250, max(80, rows.map { Typography.estimatedWidth($0.label, size: labelSize) }.max() ?? 80))
        let barHeight = 12.0, labelRoom = compact ? 16.0 : 0
        let rowHeight = (paired ? 2 * barHeight + 14 : barHeight + 14) + labelRoom
        // Compact: room on the right for the widest value label, however large the territory.
        // Each value written once (its label, its hotspot and the room it needs read the same text).
        let values = rows.map { (before: FrenchNumber.hectares($0.before), after: FrenchNumber.hectares($0.after)) }
        let widestValue = values.map { max(Typography.estimatedWidth($0.before, size: valueSize),
                                           Typography.estimatedWidth($0.after, size: valueSize)) }.max() ?? 60
        let top = 34.0, left = compact ? 0 : labelWidth + 16, right = compact ? widestValue + 10 : 104.0
        let height = top + Double(max(rows.count, 1)) * rowHeight + 12
        var scene = Scene(width: width, height: height)
        // Legend
        var lx = 0.0
        if let beforeLabel {
            scene.add(.rect(x: lx, y: 8, width: 14, height: 12, fill: Palette.tint(Palette.muted, 0.7), stroke: Stroke(Palette.outline, width: 1)))
            scene.add(.text(beforeLabel, at: Point(lx + 20, 18), style: TextStyle(size: labelSize)))
            lx += 30 + Typography.estimatedWidth(beforeLabel, size: labelSize)
        }
        scene.add(.rect(x: lx, y: 8, width: 14, height: 12, fill: Palette.muted, stroke: nil))
        scene.add(.text(afterLabel, at: Point(lx + 20, 18), style: TextStyle(size: labelSize)))
        guard !rows.isEmpty else {
            scene.add(.text("Aucune donnée d’occupation du sol", at: Point(0, top + 16), style: TextStyle(size: labelSize, color: Palette.muted)))
            return scene
        }
        let maxValue = rows.map { max($0.before, $0.after, 0) }.max() ?? 0
        let plotWidth = width - left - right
        let scale = Scales.linear(domain: (0, max(maxValue, 1)), range: (0, plotWidth))
        for (i, r) in rows.enumerated() {
            let y0 = top + Double(i) * rowHeight
            let label = Typography.truncated(r.label, toWidth: labelWidth, size: labelSize)
            if compact {
                scene.add(.text(label, at: Point(0, y0 + 11), style: TextStyle(size: labelSize)))
            } else {
                scene.add(.text(label, at: Point(left - 8, y0 + (paired ? barHeight + 5 : barHeight - 1)), style: TextStyle(size: labelSize, anchor: .end)))
            }
            var y = y0 + labelRoom
            if paired {
                let w = scale(max(r.before, 0))
                scene.add(.rect(x: left, y: y, width: w, height: barHeight, fill: Palette.tint(r.color, 0.65), stroke: Stroke(Palette.outline, width: 0.8)))
                scene.add(.hotspot(x: 0, y: y - 1, width: width, height: barHeight + 2, label: "\(r.label), \(beforeLabel ?? "") : \(values[i].before)"))
                scene.add(.text(values[i].before, at: Point(left + w + 6, y + barHeight - 2), style: TextStyle(size: valueSize, color: Palette.muted)))
                y += barHeight + 2
            }
            let w = scale(max(r.after, 0))
            scene.add(.rect(x: left, y: y, width: w, height: barHeight, fill: r.color, stroke: Stroke(Palette.outline, width: 0.8)))
            scene.add(.hotspot(x: 0, y: y - 1, width: width, height: barHeight + 2, label: "\(r.label), \(afterLabel) : \(values[i].after)"))
            scene.add(.text(values[i].after, at: Point(left + w + 6, y + barHeight - 2), style: TextStyle(size: valueSize)))
        }
        if !compact { scene.add(.polyline([Point(left, top - 4), Point(left, height - 8)], stroke: Stroke(Palette.outline, width: 1))) }
        return scene
    }
}
