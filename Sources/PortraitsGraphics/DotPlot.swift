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
        let size = 11.0, rowHeight = 44.0, top = 34.0
        let names = rows.first?.values.map(\.0) ?? []
        let height = top + Double(max(rows.count, 1)) * rowHeight + 6
        var scene = Scene(width: width, height: height)
        // Legend: one mark per territory.
        var lx = 0.0
        for (i, n) in names.enumerated() {
            addMark(&scene, i, Point(lx + 6, 12))
            scene.add(.text(n, at: Point(lx + 16, 16), style: TextStyle(size: size)))
            lx += 36 + Typography.estimatedWidth(n, size: size)
        }
        let labelWidth = 230.0, plotLeft = labelWidth + 10, plotRight = width - 70
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight + 16
            scene.add(.text(Typography.truncated(row.label, toWidth: labelWidth, size: size), at: Point(0, y + 4), style: TextStyle(size: size)))
            let finite = row.values.map { $0.1.isFinite ? max($0.1, 0) : 0 }
            let maxValue = max(finite.max() ?? 0, 1e-9)
            let scale = Scales.linear(domain: (0, maxValue), range: (plotLeft, plotRight))
            scene.add(.polyline([Point(plotLeft, y), Point(plotRight, y)], stroke: Stroke(Palette.grid, width: 2)))
            for (i, v) in finite.enumerated().reversed() { addMark(&scene, i, Point(scale(v), y)) }
            if let own = finite.first {
                scene.add(.text(row.format.text(own), at: Point(scale(own), y - 10), style: TextStyle(size: size, anchor: .middle)))
            }
        }
        return scene
    }

    /// Territory i: the first a large dark disc-like square, the others smaller shapes of other shades.
    static func addMark(_ scene: inout Scene, _ i: Int, _ p: Point) {
        let s = i == 0 ? 7.0 : 5.0
        let c = shades[i % shades.count]
        if i % 2 == 0 {
            scene.add(.rect(x: p.x - s, y: p.y - s, width: 2 * s, height: 2 * s, fill: c, stroke: Stroke(Palette.white, width: 1)))
        } else {
            let diamond = PolygonRings(rings: [[Point(p.x, p.y - s - 1), Point(p.x + s + 1, p.y), Point(p.x, p.y + s + 1), Point(p.x - s - 1, p.y), Point(p.x, p.y - s - 1)]])
            scene.add(.polygons([diamond], fill: c, stroke: Stroke(Palette.white, width: 1)))
        }
    }
}
