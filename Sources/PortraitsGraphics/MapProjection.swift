import PortraitsCore

/// Lambert-93 metres to pixels in a frame: uniform scale, north up, the bounds centred.
public struct MapProjection: Sendable {
    public let bounds: BoundingBox
    public let frameX: Double
    public let frameY: Double
    public let frameWidth: Double
    public let frameHeight: Double
    /// Pixels per metre.
    public let scale: Double
    private let offsetX: Double
    private let offsetY: Double

    /// Fits `bounds` (grown by 4 %) into a frame `maxWidth` wide and at most `maxHeight` high; the
    /// frame's height follows the territory's shape.
    public init(fitting b: BoundingBox, x: Double, y: Double, maxWidth: Double, maxHeight: Double) {
        let margin = max(b.width, b.height) * 0.04 + 1
        let g = b.expanded(by: margin)
        let s = min(maxWidth / g.width, maxHeight / g.height)
        bounds = g
        scale = s.isFinite && s > 0 ? s : 1
        frameX = x
        frameY = y
        frameWidth = maxWidth
        frameHeight = min(maxHeight, max(g.height * scale, maxHeight * 0.5))
        offsetX = x + (maxWidth - g.width * scale) / 2
        offsetY = y + (frameHeight - g.height * scale) / 2
    }

    @inline(__always)
    public func project(_ p: Point) -> Point {
        Point(offsetX + (p.x - bounds.minX) * scale, offsetY + (bounds.maxY - p.y) * scale)
    }

    /// The frame grown by `FrameClip.margin`: what a map can show of a polygon.
    public var clip: FrameClip { FrameClip(x: frameX, y: frameY, width: frameWidth, height: frameHeight) }

    /// A polygon in pixels, with vertices closer than `tolerance` pixels to the previous one
    /// dropped (a map need not draw detail it cannot show), and its rings cut to the frame
    /// (`FrameClip`: what lies beyond the frame is not drawn). Nil when its exterior shrinks below
    /// a triangle or lies outside the frame.
    public func project(_ poly: PolygonRings, tolerance: Double = 0.35) -> PolygonRings? {
        let clip = self.clip
        var rings: [[Point]] = []
        for (i, ring) in poly.rings.enumerated() {
            var out: [Point] = []
            out.reserveCapacity(ring.count)
            var bounds = BoundingBox.empty
            for p in ring {
                let q = project(p)
                if let last = out.last, abs(last.x - q.x) < tolerance && abs(last.y - q.y) < tolerance { continue }
                out.append(q)
                bounds.include(q)
            }
            guard out.count >= 3, let cut = clip.cut(out, bounds: bounds) else {
                if i == 0 { return nil } else { continue }
            }
            rings.append(cut)
        }
        return PolygonRings(rings: rings)
    }
}
