import PortraitsCore

/// What to draw, independent of any backend: a canvas in pixels and marks in painting order.
/// Backends (SVG, PNG, PDF through Cairo) draw a scene mark by mark; they add nothing.
public struct Scene: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var background: RGBColor?
    public var marks: [Mark]

    public init(width: Double, height: Double, background: RGBColor? = RGBColor(r: 255, g: 255, b: 255), marks: [Mark] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.marks = marks
    }

    public mutating func add(_ mark: Mark) { marks.append(mark) }
}

/// A stroke: colour, width in pixels, optional dash pattern.
public struct Stroke: Sendable, Equatable {
    public var color: RGBColor
    public var width: Double
    public var dash: [Double]

    public init(_ color: RGBColor, width: Double = 1, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

public enum TextAnchor: Sendable { case start, middle, end }

/// Text style; the font family is the one of `Typography`.
public struct TextStyle: Sendable, Equatable {
    public var size: Double
    public var bold: Bool
    public var color: RGBColor
    public var anchor: TextAnchor
    /// Rotation about the anchor point, in degrees, clockwise (−90: read upwards).
    public var rotation: Double

    public init(size: Double = 12, bold: Bool = false, color: RGBColor = Palette.text, anchor: TextAnchor = .start, rotation: Double = 0) {
        self.size = size
        self.bold = bold
        self.color = color
        self.anchor = anchor
        self.rotation = rotation
    }
}

/// The marks of a scene. Coordinates are pixels, origin top-left, y down.
public enum Mark: Sendable, Equatable {
    case rect(x: Double, y: Double, width: Double, height: Double, fill: RGBColor?, stroke: Stroke?)
    /// Polygons (even-odd fill, holes as inner rings).
    case polygons([PolygonRings], fill: RGBColor?, stroke: Stroke?)
    case polyline([Point], stroke: Stroke)
    /// Polygons (even-odd) filled with a printed class's ground and hatch (`PrintFill`): lines
    /// `lineWidth` wide, `spacing` apart (centre to centre); `stroke` as for `polygons`.
    case hatched([PolygonRings], fill: PrintFill, stroke: Stroke?, spacing: Double, lineWidth: Double)
    /// Text on a baseline at `at`.
    case text(String, at: Point, style: TextStyle)
    /// Marks up to the matching `clipEnd` are drawn only inside this rectangle.
    case clipBegin(x: Double, y: Double, width: Double, height: Double)
    case clipEnd
    /// A clickable area (PDF): nothing is drawn; backends without links ignore it.
    case link(x: Double, y: Double, width: Double, height: Double, target: LinkTarget)
    /// An area that says what it shows (a bar, a dot, a band: its label and exact value) when a
    /// reader points at it or moves the focus to it. Nothing is drawn; only the SVG backend writes
    /// it (an invisible rectangle with the text as its title), print ignores it.
    case hotspot(x: Double, y: Double, width: Double, height: Double, label: String)
    /// The start or the end of an element of a printed document's structure (a heading, a
    /// paragraph, a table cell, a figure and its text alternative): the PDF's tags, which screen
    /// readers and reflowing readers follow. Nothing is drawn; backends other than the PDF's
    /// ignore it.
    case tag(StructureTag)
    /// A scene drawn as an image at `dpi` in the rectangle (a printed map too dense to stay vector:
    /// its picture at print resolution weighs less than its polygons). Backends that draw no image
    /// draw the scene itself.
    indirect case raster(Scene, x: Double, y: Double, width: Double, height: Double, dpi: Double)
}

/// An element of a tagged PDF's structure tree (ISO 32000-1, 14.8.4 standard structure types).
public enum StructureTag: Sendable, Equatable {
    /// Opens an element: "H1", "H2", "H3", "P", "Figure", "Table", "TR", "TH", "TD", "Div".
    /// `alt`: a figure's text alternative.
    case begin(String, alt: String? = nil)
    case end(String)
}

/// Where a link leads: a web address, or a page of the same document (1-based).
public enum LinkTarget: Sendable, Equatable {
    case uri(String)
    case page(Int)
}
