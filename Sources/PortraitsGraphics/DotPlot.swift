import PortraitsCore

/// Indicators of a territory beside its parents: one row per indicator, its own scale from 0 to the
/// largest value of the row, one marked dot per territory (the territory itself larger and dark).
public enum DotPlot {
    public struct Row: Sendable {
        public var label: String
        /// (territory name, value) — the first is the territory itself.
        public var values: [(String, Double)]
        public var format: ValueFormat

        public init(label: String, values: [(String, Double)], format: ValueFormat) {
            self.label = label
            self.values = values
            self.format = format
        }
    }

    static let shades: [RGBColor] = [RGBColor(r: 0x16, g: 0x16, b: 0x16), RGBColor(r: 0x6a, g: 0x6a, b: 0xf4),
                                     RGBColor(r: 0xe1, g: 0x8b, b: 0x63), RGBColor(r: 0x3a, g: 0xa8, b: 0x6b), RGBColor(r: 0xa5, g: 0x58, b: 0xa0)]

    public static func scene(rows: [Row], width: Double = 720) -> Scene {
        // Compact (phone): each indicator's label on its own line above its scale.
        let compact = ChartLayout.isCompact(width)
        let size = 11.0, labelRoom = compact ? 20.0 : 0, rowHeight = 44.0 + labelRoom
        let names = rows.first?.values.map(\.0) ?? []
        // Legend: one mark per territory, wrapping to as many lines as the width needs.
        let placed = ChartLayout.flow(names, size: size, markWidth: 16, spacing: 20, width: width)
        let top = 34.0 + Double(placed.last?.line ?? 0) * 18
        let height = top + Double(max(rows.count, 1)) * rowHeight + 6
        var scene = Scene(width: width, height: height)
        for (i, (n, at)) in zip(names, placed).enumerated() {
            let y = 12 + Double(at.line) * 18
            addMark(&scene, i, Point(at.x + 6, y))
            scene.add(.text(n, at: Point(at.x + 16, y + 4), style: TextStyle(size: size)))
        }
        let labelWidth = compact ? width : 230.0, plotLeft = compact ? 10 : labelWidth + 10, plotRight = width - (compact ? 40 : 70)
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight + 16 + labelRoom
            let label = Typography.truncated(row.label, toWidth: labelWidth, size: size)
            if compact {
                scene.add(.text(label, at: Point(0, y - 26), style: TextStyle(size: size)))
            } else {
                scene.add(.text(label, at: Point(0, y + 4), style: TextStyle(size: size)))
            }
            let finite = row.values.map { $0.1.isFinite ? max($0.1, 0) : 0 }
            let maxValue = max(finite.max() ?? 0, 1e-9)
            let scale = Scales.linear(domain: (0, maxValue), range: (plotLeft, plotRight))
            scene.add(.polyline([Point(plotLeft, y), Point(plotRight, y)], stroke: Stroke(Palette.grid, width: 2)))
            for (i, v) in finite.enumerated().reversed() {
                addMark(&scene, i, Point(scale(v), y))
                let name = i < row.values.count ? row.values[i].0 : ""
                scene.add(.hotspot(x: scale(v) - 9, y: y - 9, width: 18, height: 18, label: "\(name), \(row.label.prefix(1).lowercased() + row.label.dropFirst()) : \(row.format.text(row.values[i].1))"))
            }
            if let own = finite.first {
                // Centred over its mark, but never past the chart's edges (a 0 at the left end).
                let text = row.format.text(own), half = Typography.estimatedWidth(text, size: size) / 2
                let x = min(max(scale(own), half), width - half)
                scene.add(.text(text, at: Point(x, y - 10), style: TextStyle(size: size, anchor: .middle)))
            }
        }
        return scene
    }

    /// Territory i: a shape of its own and a shade of its own, so that the marks stay apart in grey
    /// and for a reader who does not tell the colours apart: the territory a large dark square,
    /// then a diamond, a triangle, a triangle pointing down, a hollow square. Four vertices at most,
    /// so that the page's inline chart stays light.
    static func addMark(_ scene: inout Scene, _ i: Int, _ p: Point) {
        let s = i == 0 ? 7.0 : 5.5
        let c = shades[i % shades.count]
        let ring: [Point]
        switch i % 5 {
        case 0:
            scene.add(.rect(x: p.x - s, y: p.y - s, width: 2 * s, height: 2 * s, fill: c, stroke: Stroke(Palette.white, width: 1)))
            return
        case 1: ring = [Point(p.x, p.y - s - 1), Point(p.x + s + 1, p.y), Point(p.x, p.y + s + 1), Point(p.x - s - 1, p.y)]
        case 2: ring = [Point(p.x, p.y - s - 1), Point(p.x + s + 1, p.y + s), Point(p.x - s - 1, p.y + s)]
        case 3: ring = [Point(p.x, p.y + s + 1), Point(p.x + s + 1, p.y - s), Point(p.x - s - 1, p.y - s)]
        default:
            scene.add(.rect(x: p.x - s + 1, y: p.y - s + 1, width: 2 * s - 2, height: 2 * s - 2, fill: Palette.white, stroke: Stroke(c, width: 2)))
            return
        }
        scene.add(.polygons([PolygonRings(rings: [ring + [ring[0]]])], fill: c, stroke: Stroke(Palette.white, width: 1)))
    }
}
