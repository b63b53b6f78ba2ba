import PortraitsCore

/// One horizontal bar of a stacked bar chart: a label (a millésime) and its parts, in order.
public struct StackedBarRow: Sendable, Equatable {
    public var label: String
    /// Values of the parts, in the order of the chart's legend (m²).
    public var values: [Double]

    public init(label: String, values: [Double]) {
        self.label = label
        self.values = values
    }
}

/// Horizontal stacked bars on one scale (so two dates compare by length), each part in its
/// legend colour with a dark outline, its share of the bar printed inside where it fits, the
/// bar's total at its end. Used for imperméabilisation: sealed, urbanised not sealed, other land.
public enum StackedBarChart {
    public static func scene(rows: [StackedBarRow], legend: [LegendEntry], width: Double = 720) -> Scene {
        let compact = ChartLayout.isCompact(width)
        let size = 11.0, barHeight = 22.0, rowHeight = 34.0, valueRoom = compact ? 72.0 : 100.0
        // Room for the widest label (a year, or « 2021 ou 2022 » where communes differ), within 40 % of the width.
        let widest = rows.map { Typography.estimatedWidth($0.label, size: size, bold: true) }.max() ?? 0
        let labelWidth = max(compact ? 34.0 : 60.0, min(width * 0.4, widest + 2))
        // Legend, wrapping to as many lines as the width needs.
        let placed = ChartLayout.flow(legend.map(\.label), size: size, markWidth: 20, spacing: 14, width: width)
        let top = 40.0 + Double(placed.last?.line ?? 0) * 18
        var scene = Scene(width: width, height: top + Double(max(rows.count, 1)) * rowHeight + 6)
        for (e, at) in zip(legend, placed) {
            let y = 8 + Double(at.line) * 18
            scene.add(.rect(x: at.x, y: y, width: 14, height: 12, fill: e.color, stroke: Stroke(Palette.outline, width: 0.8)))
            scene.add(.text(e.label, at: Point(at.x + 20, y + 10), style: TextStyle(size: size)))
        }
        func clean(_ v: Double) -> Double { v.isFinite && v > 0 ? v : 0 }
        let totals = rows.map { $0.values.reduce(0) { $0 + clean($1) } }
        guard let maxTotal = totals.max(), maxTotal > 0 else {
            scene.add(.text("Aucune donnée", at: Point(0, top + 14), style: TextStyle(size: size, color: Palette.muted)))
            return scene
        }
        let left = labelWidth + 10
        // Room for the widest total at the end of its bar.
        let room = max(valueRoom, (totals.map { Typography.estimatedWidth(FrenchNumber.hectares($0), size: size) }.max() ?? 0) + 10)
        let scale = Scales.linear(domain: (0, maxTotal), range: (0, width - left - room))
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            scene.add(.text(row.label, at: Point(labelWidth, y + barHeight / 2 + 4), style: TextStyle(size: size, bold: true, anchor: .end)))
            var x = left
            for (k, v) in row.values.enumerated() where k < legend.count {
                let w = scale(clean(v))
                guard w > 0 else { continue }
                let color = legend[k].color
                scene.add(.rect(x: x, y: y, width: w, height: barHeight, fill: color, stroke: Stroke(Palette.outline, width: 0.8)))
                let share = FrenchNumber.percent(clean(v) / totals[r])
                scene.add(.hotspot(x: x, y: y, width: w, height: barHeight, label: "\(row.label), \(legend[k].label) : \(FrenchNumber.hectares(clean(v))) (\(share))"))
                if Typography.estimatedWidth(share, size: size) + 8 <= w {
                    scene.add(.text(share, at: Point(x + w / 2, y + barHeight / 2 + 4),
                                    style: TextStyle(size: size, color: color.luminance < 0.3 ? Palette.white : Palette.text, anchor: .middle)))
                }
                x += w
            }
            scene.add(.text(FrenchNumber.hectares(totals[r]), at: Point(x + 6, y + barHeight / 2 + 4), style: TextStyle(size: size, color: Palette.muted)))
        }
        return scene
    }
}
