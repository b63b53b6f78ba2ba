import PortraitsCore

/// A map frame's rectangle, a few pixels larger than the frame, to which rings are cut before they
/// are drawn.
///
/// A map is drawn inside a clip the size of its frame (`Mark.clipBegin`): nothing outside it shows,
/// yet Cairo prints every vertex of every path it is given. A commune's neighbours and the outline
/// of its EPCI reach far beyond the frame; before this cut they were more than half of the numbers
/// of a commune's map file.
///
/// Each ring is cut against the rectangle's four sides in turn (Sutherland–Hodgman). For every point
/// inside the rectangle, the cut ring winds around it as the whole ring did, so an even-odd fill is
/// unchanged inside the frame. The edges the cut adds run along the rectangle, `margin` pixels
/// outside the frame: more than half the widest stroke of a map (3.2 px), so no stroke of them
/// shows either. What can move is the phase of a dash pattern, which starts where the path starts.
public struct FrameClip: Sendable {
    public let minX: Double
    public let minY: Double
    public let maxX: Double
    public let maxY: Double

    /// Pixels between the frame and the rectangle rings are cut to.
    public static let margin = 4.0

    /// The frame `x`, `y`, `width` × `height`, grown by `margin` on every side.
    public init(x: Double, y: Double, width: Double, height: Double, margin: Double = FrameClip.margin) {
        minX = x - margin
        minY = y - margin
        maxX = x + width + margin
        maxY = y + height + margin
    }

    /// The part of `ring` inside the rectangle, as a ring (its first point not repeated at its end
    /// when it was cut); `ring` itself when it lies inside; nil when fewer than three points remain.
    public func cut(_ ring: [Point]) -> [Point]? {
        var bounds = BoundingBox.empty
        for p in ring { bounds.include(p) }
        return cut(ring, bounds: bounds)
    }

    /// `cut(ring)` for a ring whose bounds are known.
    public func cut(_ ring: [Point], bounds b: BoundingBox) -> [Point]? {
        if b.minX >= minX, b.maxX <= maxX, b.minY >= minY, b.maxY <= maxY { return ring.count >= 3 ? ring : nil }
        // Entirely beside the rectangle: nothing of it shows, and it cannot enclose the rectangle.
        if b.maxX < minX || b.minX > maxX || b.maxY < minY || b.minY > maxY { return nil }
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        var next: [Point] = []
        next.reserveCapacity(points.count + 8)
        for side in 0..<4 {
            next.removeAll(keepingCapacity: true)
            guard var previous = points.last else { return nil }
            var previousIn = keeps(previous, side)
            for p in points {
                let pIn = keeps(p, side)
                if pIn != previousIn { next.append(crossing(previous, p, side)) }
                if pIn { next.append(p) }
                previous = p
                previousIn = pIn
            }
            swap(&points, &next)
        }
        return points.count >= 3 ? points : nil
    }

    /// Whether `p` is on the rectangle's side of side `side` (0 left, 1 right, 2 top, 3 bottom).
    @inline(__always)
    private func keeps(_ p: Point, _ side: Int) -> Bool {
        switch side {
        case 0: return p.x >= minX
        case 1: return p.x <= maxX
        case 2: return p.y >= minY
        default: return p.y <= maxY
        }
    }

    /// Where the segment `a`–`b`, which crosses the line of side `side`, meets it.
    @inline(__always)
    private func crossing(_ a: Point, _ b: Point, _ side: Int) -> Point {
        switch side {
        case 0, 1:
            let x = side == 0 ? minX : maxX
            return Point(x, a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y))
        default:
            let y = side == 2 ? minY : maxY
            return Point(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x), y)
        }
    }
}
