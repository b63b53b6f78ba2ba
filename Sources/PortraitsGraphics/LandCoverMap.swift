import Foundation
import PortraitsCore

/// A legend entry of a map.
public struct LegendEntry: Sendable, Equatable {
    public var label: String
    public var color: RGBColor
    /// How print draws it, when chosen for every class the map's kind can show (a class then
    /// prints alike in every document); nil: print chooses from the legend's own entries.
    public var print: PrintFill?

    public init(label: String, color: RGBColor, print: PrintFill? = nil) {
        self.label = label
        self.color = color
        self.print = print
    }
}

/// A map's legend and source, as print draws them beside the map and the web writes them in the page.
public struct MapLegend: Sendable, Equatable {
    public var title: String
    /// The classes drawn, then the base (land no piece covers) when there is one.
    public var entries: [LegendEntry]
    public var source: String

    public init(title: String, entries: [LegendEntry], source: String) {
        self.title = title
        self.entries = entries
        self.source = source
    }
}

/// What a land-cover map shows: polygons by class, the territory's outline, its surroundings.
public struct LandCoverMapInput: Sendable {
    /// Land cover: for each polygon the index of its class in `legend`.
    public var pieces: [(legendIndex: Int, polygon: PolygonRings)]
    public var legend: [LegendEntry]
    public var outline: [PolygonRings]
    /// Neighbouring communes or territories, drawn light.
    public var context: [PolygonRings]
    /// The outline of the territory's parent (EPCI of a commune, département of an EPCI…), dashed.
    public var parentOutline: [PolygonRings]
    /// "Source : … · millésime 2021"
    public var source: String
    /// Drawn under the pieces over the whole territory and listed last in the legend: the land
    /// that no piece covers (on a change map, the land that did not change).
    public var base: LegendEntry?
    public var legendTitle: String
    /// Boundaries drawn thin and white over the pieces (between the territories of a choropleth).
    public var boundaries: [PolygonRings] = []

    /// Its legend (the classes, then the base) and source.
    public var mapLegend: MapLegend {
        MapLegend(title: legendTitle, entries: legend + (base.map { [$0] } ?? []), source: source)
    }

    public init(pieces: [(legendIndex: Int, polygon: PolygonRings)], legend: [LegendEntry], outline: [PolygonRings],
                context: [PolygonRings], parentOutline: [PolygonRings] = [], source: String, base: LegendEntry? = nil,
                legendTitle: String = "Légende") {
        self.pieces = pieces
        self.legend = legend
        self.outline = outline
        self.context = context
        self.parentOutline = parentOutline
        self.source = source
        self.base = base
        self.legendTitle = legendTitle
    }
}

/// A thematic map of a territory: pieces by class inside it (land cover by class, or changes by
/// kind), the neighbours in light grey, the parent's outline dashed, the territory's outline, a
/// legend, a scale bar, a north arrow and the source.
public enum LandCoverMap {
    /// Width of the map frame in a map scene (the legend is on its right).
    public static let defaultMapWidth = 460.0

    /// The projection of a territory's maps: its outline fitted in the map frame.
    public static func projection(outline: [PolygonRings], mapWidth: Double) -> MapProjection {
        var bounds = BoundingBox.empty
        for p in outline { bounds.formUnion(p.bounds) }
        if bounds.isEmpty { bounds = BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1) }
        return MapProjection(fitting: bounds, x: 0, y: 0, maxWidth: mapWidth, maxHeight: 460)
    }

    /// A transparent layer of the same size and projection as the territory's maps (`width` ×
    /// `height` of its scene), to stack over them: each polygon outlined in its category's colour
    /// over a white halo, inside the map frame.
    public static func overlay(outline: [PolygonRings], polygons: [(colorIndex: Int, polygon: PolygonRings)], colors: [RGBColor],
                               width: Double, height: Double, mapWidth: Double = defaultMapWidth) -> Scene {
        let projection = projection(outline: outline, mapWidth: mapWidth)
        var scene = Scene(width: width, height: height, background: nil)
        let frame = projection.bounds
        var byColor = [[PolygonRings]](repeating: [], count: colors.count)
        for (i, p) in polygons where p.bounds.intersects(frame) {
            if let q = projection.project(p, tolerance: 0.4) { byColor[i].append(q) }
        }
        scene.add(.clipBegin(x: 0, y: 0, width: mapWidth, height: projection.frameHeight))
        let all = byColor.flatMap { $0 }
        if !all.isEmpty { scene.add(.polygons(all, fill: nil, stroke: Stroke(Palette.white, width: 3.2))) }
        for (i, polys) in byColor.enumerated() where !polys.isEmpty {
            scene.add(.polygons(polys, fill: nil, stroke: Stroke(colors[i], width: 1.6)))
        }
        scene.add(.clipEnd)
        return scene
    }

    /// Size of the map frame's own text (north arrow, scale bar): the web shows the frame alone,
    /// 460 px wide, shrunk to 328 px on a 360 px phone, where 15 px stays above 10 CSS px.
    public static let frameLabelSize = 15.0

    /// The map and its legend beside it, the source below: what print lays out.
    public static func scene(_ input: LandCoverMapInput, width: Double = 720, mapWidth: Double = defaultMapWidth) -> Scene {
        withLegend(frame(input, mapWidth: mapWidth), input.mapLegend, width: width, mapWidth: mapWidth)
    }

    /// The map frame alone (pieces, outlines, north arrow, scale bar), `mapWidth` wide: what the web
    /// shows, with its legend and source written in the page (`MapLegend`), beside the map on a wide
    /// screen and below it on a phone.
    public static func frame(_ input: LandCoverMapInput, mapWidth: Double = defaultMapWidth) -> Scene {
        let projection = projection(outline: input.outline, mapWidth: mapWidth)
        var scene = Scene(width: mapWidth, height: projection.frameHeight)
        let frame = projection.bounds
        func visible(_ p: PolygonRings) -> Bool { p.bounds.intersects(frame) }

        scene.add(.clipBegin(x: 0, y: 0, width: mapWidth, height: projection.frameHeight))
        // Context: neighbours, light.
        let context = input.context.filter(visible).compactMap { projection.project($0, tolerance: 0.6) }
        if !context.isEmpty { scene.add(.polygons(context, fill: Palette.context, stroke: Stroke(Palette.contextStroke, width: 0.6))) }
        let outline = input.outline.compactMap { projection.project($0, tolerance: 0.3) }
        if let base = input.base, !outline.isEmpty { scene.add(.polygons(outline, fill: base.color, stroke: nil)) }
        // Land cover, one mark per class: its pieces as one even-odd path without the edges they
        // share (the same fill, fewer vertices to print; see `SharedEdges`).
        var byClass = [[PolygonRings]](repeating: [], count: input.legend.count)
        for piece in input.pieces { byClass[piece.legendIndex].append(piece.polygon) }
        for (i, polys) in byClass.enumerated() where !polys.isEmpty {
            let loops = SharedEdges.dissolved(polys).compactMap { projection.project(PolygonRings(rings: [$0]))?.rings[0] }
            guard !loops.isEmpty else { continue }
            scene.add(.polygons([PolygonRings(rings: loops)], fill: input.legend[i].color, stroke: Stroke(input.legend[i].color, width: 0.3)))
        }
        let boundaries = input.boundaries.filter(visible).compactMap { projection.project($0, tolerance: 0.5) }
        if !boundaries.isEmpty { scene.add(.polygons(boundaries, fill: nil, stroke: Stroke(Palette.white, width: 0.6))) }
        // The parent's outline, then the territory's, on top.
        let parent = input.parentOutline.filter(visible).compactMap { projection.project($0, tolerance: 0.5) }
        if !parent.isEmpty { scene.add(.polygons(parent, fill: nil, stroke: Stroke(Palette.muted, width: 1.2, dash: [5, 3]))) }
        scene.add(.polygons(outline, fill: nil, stroke: Stroke(Palette.outline, width: 1.6)))
        scene.add(.clipEnd)
        // Frame.
        scene.add(.rect(x: 0.5, y: 0.5, width: mapWidth - 1, height: projection.frameHeight - 1, fill: nil, stroke: Stroke(Palette.contextStroke, width: 1)))

        addNorthArrow(to: &scene, x: mapWidth - 24, y: 12)
        addScaleBar(to: &scene, projection: projection, x: 10, y: projection.frameHeight - 14)
        return scene
    }

    /// A map frame with its legend on its right and its source below, `width` wide in all.
    public static func withLegend(_ frame: Scene, _ legend: MapLegend, width: Double = 720, mapWidth: Double = defaultMapWidth) -> Scene {
        let legendHeight = Double(legend.entries.count) * 20 + 30
        let sourceLines = wrap(legend.source, width: width, size: 11)
        var scene = frame
        scene.width = width
        scene.height = max(frame.height, legendHeight) + 8 + Double(sourceLines.count) * 15
        let lx = mapWidth + 20
        scene.add(.text(legend.title, at: Point(lx, 16), style: TextStyle(size: 11, bold: true)))
        for (i, e) in legend.entries.enumerated() {
            let y = 30 + Double(i) * 20
            scene.add(.rect(x: lx, y: y, width: 16, height: 12, fill: e.color, stroke: Stroke(Palette.outline, width: 0.6)))
            scene.add(.text(Typography.truncated(e.label, toWidth: width - lx - 26, size: 11), at: Point(lx + 22, y + 10.5), style: TextStyle(size: 11)))
        }
        for (i, line) in sourceLines.enumerated() {
            scene.add(.text(line, at: Point(0, frame.height + 18 + Double(i) * 15), style: TextStyle(size: 11, color: Palette.muted)))
        }
        return scene
    }

    /// Splits text at " · " into lines that fit `width` (estimated).
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in text.components(separatedBy: " · ") {
            let candidate = current.isEmpty ? part : current + " · " + part
            if !current.isEmpty && Typography.estimatedWidth(candidate, size: size) > width {
                lines.append(current)
                current = part
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The arrow and its « N » on a white ground, like the scale bar: a border or a class under
    /// them (a parent's dashed outline running through the corner) would otherwise cross them.
    static func addNorthArrow(to scene: inout Scene, x: Double, y: Double) {
        scene.add(.rect(x: x - 11, y: y - 4, width: 22, height: 44, fill: Palette.white, stroke: nil))
        let tri = PolygonRings(rings: [[Point(x, y), Point(x + 7, y + 20), Point(x, y + 15), Point(x - 7, y + 20), Point(x, y)]])
        scene.add(.polygons([tri], fill: Palette.outline, stroke: Stroke(Palette.white, width: 1)))
        scene.add(.text("N", at: Point(x, y + 35), style: TextStyle(size: frameLabelSize, bold: true, anchor: .middle)))
    }

    /// A scale bar about a fifth of the map wide, rounded to 1, 2 or 5 × 10ⁿ metres.
    static func addScaleBar(to scene: inout Scene, projection: MapProjection, x: Double, y: Double) {
        let target = projection.frameWidth / 5 / projection.scale
        guard target.isFinite, target > 0 else { return }
        var unit = 1.0
        while unit * 10 <= target { unit *= 10 }
        let metres = target >= 5 * unit ? 5 * unit : (target >= 2 * unit ? 2 * unit : unit)
        let px = metres * projection.scale
        scene.add(.rect(x: x - 4, y: y - 19, width: px + 8, height: 25, fill: Palette.white, stroke: nil))
        scene.add(.rect(x: x, y: y, width: px, height: 4, fill: Palette.outline, stroke: nil))
        let label = metres >= 1000 ? FrenchNumber.format(metres / 1000, decimals: 0) + "\u{00A0}km" : FrenchNumber.format(metres, decimals: 0) + "\u{00A0}m"
        scene.add(.text(label, at: Point(x + px / 2, y - 4), style: TextStyle(size: frameLabelSize, anchor: .middle)))
    }
}
