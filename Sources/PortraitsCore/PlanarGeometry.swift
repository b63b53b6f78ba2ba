/// A point in projected metres (Lambert-93) or in drawing units.
public struct Point: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// A polygon as plain coordinates: the exterior ring first, then the holes. Rings read from GEOS
/// and OGR are closed (first point repeated last); a ring cut to a map's frame (`FrameClip`) is
/// not, and every reader closes a ring itself.
public struct PolygonRings: Sendable, Equatable {
    public var rings: [[Point]]

    public init(rings: [[Point]]) { self.rings = rings }

    public var vertexCount: Int { rings.reduce(0) { $0 + $1.count } }
}

/// An axis-aligned rectangle.
public struct BoundingBox: Sendable, Equatable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public static let empty = BoundingBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    public var isEmpty: Bool { minX > maxX || minY > maxY }
    public var width: Double { isEmpty ? 0 : maxX - minX }
    public var height: Double { isEmpty ? 0 : maxY - minY }

    public mutating func formUnion(_ b: BoundingBox) {
        minX = Swift.min(minX, b.minX); minY = Swift.min(minY, b.minY)
        maxX = Swift.max(maxX, b.maxX); maxY = Swift.max(maxY, b.maxY)
    }

    public mutating func include(_ p: Point) {
        minX = Swift.min(minX, p.x); minY = Swift.min(minY, p.y)
        maxX = Swift.max(maxX, p.x); maxY = Swift.max(maxY, p.y)
    }

    public func intersects(_ b: BoundingBox) -> Bool {
        !(b.minX > maxX || b.maxX < minX || b.minY > maxY || b.maxY < minY)
    }

    /// The box grown by `margin` on every side.
    public func expanded(by margin: Double) -> BoundingBox {
        BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }
}

extension PolygonRings {
    public var bounds: BoundingBox {
        var b = BoundingBox.empty
        for p in rings.first ?? [] { b.include(p) }
        return b
    }
}

extension PolygonRings {
    /// Planar area (shoelace): the exterior ring less the holes, whatever their orientation.
    public var area: Double {
        var total = 0.0
        for (i, ring) in rings.enumerated() where ring.count >= 3 {
            var s = 0.0
            for k in 0..<(ring.count - 1) { s += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
            if ring.first != ring.last, let f = ring.first, let l = ring.last { s += l.x * f.y - f.x * l.y }
            total += i == 0 ? abs(s) / 2 : -abs(s) / 2
        }
        return max(0, total)
    }
}
