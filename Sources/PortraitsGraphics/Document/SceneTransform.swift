import PortraitsCore

extension Scene {
    /// The scene's marks moved by (`dx`, `dy`) and scaled by `scale` about the origin, to place a
    /// chart or a map on a page. Sizes (stroke widths, font sizes, dashes) scale with it; the
    /// background becomes a rectangle.
    public func placed(dx: Double, dy: Double, scale: Double) -> [Mark] {
        func p(_ q: Point) -> Point { Point(dx + q.x * scale, dy + q.y * scale) }
        func s(_ st: Stroke?) -> Stroke? { st.map { Stroke($0.color, width: $0.width * scale, dash: $0.dash.map { $0 * scale }) } }
        var out: [Mark] = []
        out.reserveCapacity(marks.count + 3)
        out.append(.clipBegin(x: dx, y: dy, width: width * scale, height: height * scale))
        if let background { out.append(.rect(x: dx, y: dy, width: width * scale, height: height * scale, fill: background, stroke: nil)) }
        for mark in marks {
            switch mark {
            case let .rect(x, y, w, h, fill, stroke):
                out.append(.rect(x: dx + x * scale, y: dy + y * scale, width: w * scale, height: h * scale, fill: fill, stroke: s(stroke)))
            case let .polygons(polys, fill, stroke):
                out.append(.polygons(polys.map { PolygonRings(rings: $0.rings.map { $0.map(p) }) }, fill: fill, stroke: s(stroke)))
            case let .polyline(points, stroke):
                out.append(.polyline(points.map(p), stroke: s(stroke)!))
            case let .hatched(polys, fill, stroke, spacing, lineWidth):
                out.append(.hatched(polys.map { PolygonRings(rings: $0.rings.map { $0.map(p) }) }, fill: fill, stroke: s(stroke), spacing: spacing * scale, lineWidth: lineWidth * scale))
            case let .text(t, at, style):
                var st = style
                st.size *= scale
                out.append(.text(t, at: p(at), style: st))
            case let .clipBegin(x, y, w, h):
                out.append(.clipBegin(x: dx + x * scale, y: dy + y * scale, width: w * scale, height: h * scale))
            case .clipEnd:
                out.append(.clipEnd)
            case let .link(x, y, w, h, target):
                out.append(.link(x: dx + x * scale, y: dy + y * scale, width: w * scale, height: h * scale, target: target))
            case .hotspot:
                continue
            case .tag:
                out.append(mark)
            case let .raster(scene, x, y, w, h, dpi):
                out.append(.raster(scene, x: dx + x * scale, y: dy + y * scale, width: w * scale, height: h * scale, dpi: dpi))
            }
        }
        out.append(.clipEnd)
        return out
    }
}

extension Scene {
    /// The scene as print draws it: every fill of a colour in `fills` takes its print colour and,
    /// when it has one, its hatch (lines `spacing` apart and `width` wide, in the scene's units);
    /// strokes of such a colour (a class's seam) take the print colour.
    public func printed(_ fills: [RGBColor: PrintFill], spacing: Double, width: Double) -> Scene {
        guard !fills.isEmpty else { return self }
        func s(_ st: Stroke?) -> Stroke? { st.map { Stroke(fills[$0.color]?.color ?? $0.color, width: $0.width, dash: $0.dash) } }
        var out = self
        out.marks = []
        out.marks.reserveCapacity(marks.count + fills.count)
        for mark in marks {
            switch mark {
            case let .rect(x, y, w, h, fill, stroke):
                if let f = fill.flatMap({ fills[$0] }) {
                    if f.hatch == nil {
                        out.marks.append(.rect(x: x, y: y, width: w, height: h, fill: f.color, stroke: s(stroke)))
                    } else {
                        let ring = [Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h)]
                        out.marks.append(f.mark([PolygonRings(rings: [ring])], stroke: s(stroke), spacing: spacing, width: width))
                    }
                } else {
                    out.marks.append(.rect(x: x, y: y, width: w, height: h, fill: fill, stroke: s(stroke)))
                }
            case let .polygons(polys, fill, stroke):
                if let f = fill.flatMap({ fills[$0] }) {
                    out.marks.append(f.mark(polys, stroke: s(stroke), spacing: spacing, width: width))
                } else {
                    out.marks.append(.polygons(polys, fill: fill, stroke: s(stroke)))
                }
            case let .polyline(points, stroke):
                out.marks.append(.polyline(points, stroke: s(stroke)!))
            default:
                out.marks.append(mark)
            }
        }
        return out
    }
}
