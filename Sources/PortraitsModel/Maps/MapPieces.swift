import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// The land-cover pieces of a territory as its web maps show them, with what a reader who taps one
/// is told: its class at each millésime, its kind of change over each period and its area. The
/// geometry is in the pixels of the territory's map frame (every map of a territory shares its
/// projection), so that the page can find the piece under a tap and, where the map file is a PNG,
/// draw the pieces sharply over it when the reader zooms in.
///
/// A territory whose maps are all vector has one tile, drawn with the maps' own tolerance. One whose
/// map is rasterised is cut into a grid of tiles of at most `tileVertices` vertices, drawn finely
/// enough for the deepest zoom; the page loads only the tiles in view. A territory whose pieces
/// would exceed `maxVertices` (a département, a région at OCS density) has none: its maps stay
/// pictures.
package struct MapPieces: Sendable {
    package struct Piece: Sendable, Equatable {
        /// Area in square metres (of the piece, not of its drawing).
        package var area: Double
        /// Index in `MapPieces.classes` at each millésime, -1 where the piece is not described.
        package var classes: [Int]
        /// `ChangeKind.rawValue` over each period, 0 where it did not change.
        package var kinds: [Int]
        /// Rings in frame pixels.
        package var rings: [[Point]]
        package var bounds: BoundingBox
    }

    /// A class a piece can have: the primary nomenclature's leaf, drawn in its display class's colour.
    package struct LeafClass: Sendable, Equatable {
        package var code: String
        package var label: String
        package var color: RGBColor
    }

    package var width: Double
    package var height: Double
    package var millesimes: [Int]
    /// Each millésime's name for this territory: its year, or where départements differ its years
    /// (`2021 ou 2022`); the keys (`millesimes`) are then ranks, as the map files are named.
    package var millesimeLabels: [String]
    /// Period ids as the change maps' file names spell them (`2010-2019`).
    package var periods: [String]
    package var periodLabels: [String]
    package var classes: [LeafClass]
    /// Columns and rows of the tile grid over the frame; 1 × 1 for a territory whose maps are vector.
    package var columns: Int
    package var rows: Int
    /// Per tile (row-major), the pieces whose bounds meet it.
    package var tiles: [[Piece]]
    /// The territory's outline in frame pixels, drawn over the pieces where tiles cover a picture.
    package var outline: [[Point]]

    /// The deepest zoom of the page's maps (`MAX_ZOOM` in portraits.js).
    package static let maxZoom = 8.0
    /// Vertex tolerance, in frame pixels, of the pieces of a tiled territory: a fraction of a screen
    /// pixel at the deepest zoom.
    package static let fineTolerance = 0.35 / maxZoom
    package static let tileVertices = 24_000
    package static let maxVertices = 1_500_000

    package var tileCount: Int { columns * rows }
    package var isTiled: Bool { tileCount > 1 }

    /// The tile of a point of the frame.
    package func tile(atX x: Double, y: Double) -> Int {
        let c = min(columns - 1, max(0, Int(x / width * Double(columns))))
        let r = min(rows - 1, max(0, Int(y / height * Double(rows))))
        return r * columns + c
    }

    /// The pieces of `territory`; `raster`: whether any of its maps is a picture. Nil when there
    /// would be too many (see the type's comment) or none.
    package static func make(_ territory: Territory, maps: TerritoryMaps, raster: Bool, tileVertices: Int = tileVertices) -> MapPieces? {
        let project = maps.project
        let outline = project.outlines[territory.id] ?? []
        let projection = LandCoverMap.projection(outline: outline, mapWidth: LandCoverMap.defaultMapWidth)
        let frame = projection.bounds
        let tolerance = raster ? fineTolerance : 0.35
        let layout = project.layout
        let periodIndices: [(a: Int, b: Int)] = layout.periods.map { (layout.index(of: $0.start)!, layout.index(of: $0.end)!) }
        var pieces: [Piece] = []
        var vertices = 0
        for c in territory.communeIndices {
            for piece in project.tabulation.pieces[c] where piece.polygon.bounds.intersects(frame) {
                guard let drawn = projection.project(piece.polygon, tolerance: tolerance) else { continue }
                var bounds = BoundingBox.empty
                for p in drawn.rings[0] { bounds.formUnion(BoundingBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)) }
                let kinds = periodIndices.indices.map { Int(piece.changes[$0]?.kind(atLevel: project.displayLevel)?.rawValue ?? 0) }
                pieces.append(Piece(area: piece.polygon.area, classes: piece.classes.map(Int.init), kinds: kinds, rings: drawn.rings, bounds: bounds))
                vertices += drawn.vertexCount
                if vertices > maxVertices { return nil }
            }
        }
        guard !pieces.isEmpty else { return nil }
        let width = projection.frameWidth, height = projection.frameHeight
        var columns = 1, rows = 1
        if raster {
            let n = Double(max(1, (vertices + tileVertices - 1) / tileVertices))
            columns = max(1, Int((n * width / height).squareRoot().rounded(.up)))
            rows = max(1, Int((n / Double(columns)).rounded(.up)))
        }
        var tiles = [[Piece]](repeating: [], count: columns * rows)
        for piece in pieces {
            let b = piece.bounds
            let c0 = max(0, Int(b.minX / width * Double(columns))), c1 = min(columns - 1, Int(b.maxX / width * Double(columns)))
            let r0 = max(0, Int(b.minY / height * Double(rows))), r1 = min(rows - 1, Int(b.maxY / height * Double(rows)))
            guard c0 <= c1, r0 <= r1 else { continue }
            for r in r0...r1 { for c in c0...c1 { tiles[r * columns + c].append(piece) } }
        }
        let dim = project.nomenclature.primary
        let classes = dim.leaves.enumerated().map { (i, leaf) in
            LeafClass(code: dim.classes[leaf].code, label: dim.classes[leaf].label, color: maps.legendClasses[maps.leafToLegend[i]].color)
        }
        let years = project.years(territory.id)
        return MapPieces(width: width, height: height, millesimes: layout.millesimes,
                         millesimeLabels: layout.millesimes.indices.map { years.millesimes[$0]?.description ?? String(layout.millesimes[$0]) },
                         periods: layout.periods.map(\.description),
                         periodLabels: layout.periods.indices.map { years.periods[$0]?.description ?? layout.periods[$0].label }, classes: classes, columns: columns, rows: rows, tiles: tiles,
                         outline: outline.compactMap { projection.project($0, tolerance: tolerance)?.rings }.flatMap { $0 })
    }
}
