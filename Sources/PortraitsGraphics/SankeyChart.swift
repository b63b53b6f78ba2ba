import PortraitsCore

/// What a flow diagram of mutations shows: the classes (in nomenclature order) and the transition
/// matrix of a period, in m² (rows: class at t0, columns: class at t1).
public struct MutationFlows: Sendable, Equatable {
    public var labels: [String]
    public var colors: [RGBColor]
    public var matrix: [[Double]]
    public var beforeLabel: String
    public var afterLabel: String

    public init(labels: [String], colors: [RGBColor], matrix: [[Double]], beforeLabel: String, afterLabel: String) {
        self.labels = labels
        self.colors = colors
        self.matrix = matrix
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
    }

    /// The value of a cell, or 0 when it cannot be drawn (negative, NaN, infinite, outside the matrix).
    func value(_ i: Int, _ j: Int) -> Double {
        guard i < matrix.count, j < matrix[i].count else { return 0 }
        let v = matrix[i][j]
        return v.isFinite && v > 0 ? v : 0
    }

    var count: Int { min(labels.count, colors.count, matrix.count) }
}

/// Mutations as a flow diagram (sankey): on the left the classes that lost land at t0, on the
/// right the classes that gained it at t1, a band for each change of class, as wide as its area.
/// Only changes are drawn: land that kept its class (usually most of it) would flatten the rest,
/// and the page says how much it is. Bands take a tint of their origin's colour, nodes the full
/// colour with a dark outline, so the diagram reads in grey print.
public enum SankeyChart {
    public static func scene(_ flows: MutationFlows, width: Double = 720) -> Scene {
        let n = flows.count
        // Compact (phone): the two columns of nodes at the edges, their labels inside, over the
        // bands on a white ground, each in its half of the width.
        let compact = ChartLayout.isCompact(width)
        let size = 11.0, top = 30.0, nodeWidth = 12.0, gap = 12.0, textRoom = compact ? 0 : 235.0
        let out = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + (i != $1 ? flows.value(i, $1) : 0) } }
        let inc = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + (j != $1 ? flows.value($1, j) : 0) } }
        let sources = (0..<n).filter { out[$0] > 0 }, targets = (0..<n).filter { inc[$0] > 0 }
        let gross = out.reduce(0, +)
        let rows = max(sources.count, targets.count)
        // Each node's label: the class name broken between words into lines that fit its column,
        // its area after it; never cut. The plot is tall enough for every column of labels.
        let lineHeight = 13.0
        let room = compact ? width / 2 - nodeWidth - 14 : textRoom - 14
        func labelLines(_ i: Int, _ total: Double) -> [String] {
            var lines = Typography.wrap(flows.labels[i], width: room, size: size)
            if lines.isEmpty { lines = [""] }
            let value = "(\(FrenchNumber.hectares(total)))"
            if Typography.estimatedWidth(lines[lines.count - 1] + " " + value, size: size) <= room { lines[lines.count - 1] += " " + value }
            else { lines.append(value) }
            return lines
        }
        let leftLines = Dictionary(uniqueKeysWithValues: sources.map { ($0, labelLines($0, out[$0])) })
        let rightLines = Dictionary(uniqueKeysWithValues: targets.map { ($0, labelLines($0, inc[$0])) })
        let labelsHeight = max(leftLines.values.reduce(0) { $0 + Double($1.count) * lineHeight + 4 },
                               rightLines.values.reduce(0) { $0 + Double($1.count) * lineHeight + 4 })
        let plotHeight = max(150, Double(rows) * 32, labelsHeight)
        var scene = Scene(width: width, height: top + plotHeight + 14)
        guard gross > 0, !sources.isEmpty else {
            scene.height = 40
            scene.add(.text("Aucune mutation entre \(flows.beforeLabel) et \(flows.afterLabel)", at: Point(0, 20), style: TextStyle(size: size, color: Palette.muted)))
            return scene
        }
        let x0 = textRoom, x1 = width - textRoom - nodeWidth
        let k = min((plotHeight - gap * Double(sources.count - 1)) / gross, (plotHeight - gap * Double(targets.count - 1)) / gross)
        if compact {
            scene.add(.text(flows.beforeLabel, at: Point(x0, 16), style: TextStyle(size: size, bold: true)))
            scene.add(.text(flows.afterLabel, at: Point(x1 + nodeWidth, 16), style: TextStyle(size: size, bold: true, anchor: .end)))
        } else {
            scene.add(.text(flows.beforeLabel, at: Point(x0 + nodeWidth / 2, 16), style: TextStyle(size: size, bold: true, anchor: .middle)))
            scene.add(.text(flows.afterLabel, at: Point(x1 + nodeWidth / 2, 16), style: TextStyle(size: size, bold: true, anchor: .middle)))
        }

        // Node positions, top to bottom in nomenclature order, centred vertically.
        func layout(_ nodes: [Int], _ totals: [Double]) -> [Int: Double] {
            let used = nodes.reduce(0.0) { $0 + totals[$1] * k } + gap * Double(nodes.count - 1)
            var y = top + (plotHeight - used) / 2
            var pos: [Int: Double] = [:]
            for i in nodes { pos[i] = y; y += totals[i] * k + gap }
            return pos
        }
        let sourceY = layout(sources, out), targetY = layout(targets, inc)

        // Bands: leave each source in target order, enter each target in source order.
        var sourceCursor = sourceY, targetCursor = targetY
        for i in sources {
            for j in targets where j != i {
                let v = flows.value(i, j)
                guard v > 0 else { continue }
                let h = v * k
                let ys = sourceCursor[i]!, yt = targetCursor[j]!
                sourceCursor[i] = ys + h
                targetCursor[j] = yt + h
                let band = bandPolygon(from: Point(x0 + nodeWidth, ys), to: Point(x1, yt), height: max(h, 0.5))
                scene.add(.polygons([band], fill: Palette.tint(flows.colors[i], 0.45), stroke: Stroke(Palette.tint(flows.colors[i], 0.2), width: 0.4)))
            }
        }
        // Nodes and their labels.
        func node(_ i: Int, x: Double, y: Double, total: Double, left: Bool) -> (lines: [String], y: Double, at: Double) {
            scene.add(.rect(x: x, y: y, width: nodeWidth, height: max(total * k, 1), fill: flows.colors[i], stroke: Stroke(Palette.outline, width: 0.8)))
            scene.add(.hotspot(x: x - 4, y: y - 2, width: nodeWidth + 8, height: max(total * k, 1) + 4, label: left
                ? "\(flows.labels[i]) en \(flows.beforeLabel), devenu une autre classe en \(flows.afterLabel) : \(FrenchNumber.hectares(total))"
                : "\(flows.labels[i]) en \(flows.afterLabel), venu d’une autre classe de \(flows.beforeLabel) : \(FrenchNumber.hectares(total))"))
            let lines = (left ? leftLines : rightLines)[i]!
            let at = compact ? (left ? x + nodeWidth + 4 : x - 4) : (left ? x - 6 : x + nodeWidth + 6)
            // The block of lines centred on the node.
            return (lines, y + total * k / 2 + 4 - Double(lines.count - 1) * lineHeight / 2, at)
        }
        let leftLabels = sources.map { node($0, x: x0, y: sourceY[$0]!, total: out[$0], left: true) }
        let rightLabels = targets.map { node($0, x: x1, y: targetY[$0]!, total: inc[$0], left: false) }
        let anchors: (TextAnchor, TextAnchor) = compact ? (.start, .end) : (.end, .start)
        for (labels, anchor) in [(leftLabels, anchors.0), (rightLabels, anchors.1)] {
            for (lines, y, x) in spread(labels, lineHeight: lineHeight, top: top + 6) {
                for (n, line) in lines.enumerated() {
                    let ly = y + Double(n) * lineHeight
                    if compact {
                        let w = Typography.estimatedWidth(line, size: size)
                        scene.add(.rect(x: anchor == .start ? x - 2 : x - w - 2, y: ly - 10, width: w + 4, height: lineHeight, fill: Palette.white, stroke: nil))
                    }
                    scene.add(.text(line, at: Point(x, ly), style: TextStyle(size: size, anchor: anchor)))
                    scene.height = max(scene.height, ly + 8)
                }
            }
        }
        return scene
    }

    /// A band between two vertical edges: a cubic curve along the top, back along the bottom.
    static func bandPolygon(from a: Point, to b: Point, height h: Double, steps: Int = 16) -> PolygonRings {
        func curve(_ y0: Double, _ y1: Double) -> [Point] {
            (0...steps).map { s in
                let t = Double(s) / Double(steps)
                let u = 1 - t
                // Control points at mid-x: x follows the Bézier, y eases from y0 to y1.
                let x = u * u * u * a.x + 3 * u * u * t * (a.x + b.x) / 2 + 3 * u * t * t * (a.x + b.x) / 2 + t * t * t * b.x
                let y = (u * u * u + 3 * u * u * t) * y0 + (3 * u * t * t + t * t * t) * y1
                return Point(x, y)
            }
        }
        let upper = curve(a.y, b.y)
        let lower = curve(a.y + h, b.y + h).reversed()
        return PolygonRings(rings: [upper + lower + [upper[0]]])
    }

    /// Moves blocks of label lines down where they would overlap, keeping their order: each block
    /// starts at least one line below the previous block's last line.
    static func spread(_ labels: [(lines: [String], y: Double, at: Double)], lineHeight: Double, top: Double) -> [([String], Double, Double)] {
        var ys = labels.map(\.y)
        for i in ys.indices {
            let floor = i == 0 ? top : ys[i - 1] + Double(labels[i - 1].lines.count) * lineHeight
            if ys[i] < floor { ys[i] = floor }
        }
        return labels.indices.map { (labels[$0].lines, ys[$0], labels[$0].at) }
    }
}
