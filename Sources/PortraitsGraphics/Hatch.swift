import PortraitsCore

/// A texture over a printed class's fill: parallel lines, so that classes too many to stay apart by
/// lightness alone are told apart in grey by their texture.
public enum Hatch: Sendable, Equatable, CaseIterable {
    /// Lines rising to the right (« / »).
    case diagonal
    /// Lines both ways (« × »).
    case crossed

    /// The share of the ground the lines cover, `width` wide every `spacing`.
    public func coverage(width: Double, spacing: Double) -> Double {
        let f = min(1, width / spacing)
        switch self {
        case .diagonal: return f
        case .crossed: return 2 * f - f * f
        }
    }

    /// Distance between two lines and their width on the printed page, in points: 3.3 lines per
    /// millimetre would blur into a grey, one per 3 mm is too coarse for a small commune's pieces.
    public static let spacing = 2.6
    public static let width = 0.5
    /// How far the lines' grey level is from their ground's: darker on a light ground, lighter on
    /// a dark one.
    public static let contrast = 85.0
}

/// How a class is printed: its colour (moved in lightness, `GreyLegibility`) and an optional
/// hatch of lines in a darker (or, on a dark ground, lighter) shade of it.
public struct PrintFill: Sendable, Equatable, Hashable {
    public var color: RGBColor
    public var hatch: Hatch?
    public var lineColor: RGBColor

    public init(color: RGBColor, hatch: Hatch? = nil, lineColor: RGBColor? = nil) {
        self.color = color
        self.hatch = hatch
        self.lineColor = lineColor ?? color
    }

    /// The mark that paints `polygons` with this fill (and `stroke`, a seam): a plain fill, or the
    /// ground and its hatch in one (lines `spacing` apart and `width` wide in the scene's units).
    public func mark(_ polygons: [PolygonRings], stroke: Stroke?, spacing: Double, width: Double) -> Mark {
        hatch == nil ? .polygons(polygons, fill: color, stroke: stroke) : .hatched(polygons, fill: self, stroke: stroke, spacing: spacing, lineWidth: width)
    }
}
