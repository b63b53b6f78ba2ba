import Foundation
import PortraitsCairo
import PortraitsCore
import PortraitsGraphics
import PortraitsModel
import PortraitsProject
import PortraitsWeb

/// The maps unit: each territory's land cover at every millésime, its changes over every period
/// (SVG, PNG above `TerritoryMaps.rasterThreshold` vertices), their pieces for a tap or a deep zoom
/// (`MapPiecesScript`) and the explorer's overlays, drawn
/// from the territory's scenes in the render job that also prints it. Key: the figures only.
package enum MapsUnit {
    /// Draws a territory's maps; returns what its pages need to know about them.
    package static func draw(_ scenes: TerritoryScenes, project: Project, writer: FileSink) throws -> TerritoryMapsMeta {
        let t = scenes.territory
        // Every millésime: the portraits show the end of their period, the explorer any of them.
        let years = project.layout.millesimes
        var meta = TerritoryMapsMeta()
        let spans = project.years(t.id)
        for (m, year) in years.enumerated() {
            let map = scenes.landCover(year)
            let path = SitePaths.map(t.id, millesime: year, raster: map.raster)
            try writer.write(path, try file(map.frame, raster: map.raster, title: "Occupation du sol \(FrenchText.de(t.id, t.name)) en \(spans.millesimes[m]?.label ?? String(year))"))
            meta.maps[year] = MapFile(path: path, width: map.frame.width, height: map.frame.height, legend: map.legend).meta
        }
        for (p, period) in project.layout.periods.enumerated() {
            let map = scenes.changes(p)
            let path = SitePaths.changeMap(t.id, period, raster: map.raster)
            try writer.write(path, try file(map.frame, raster: map.raster, title: "Changements d’occupation du sol \(FrenchText.de(t.id, t.name)), \(spans.periods[p]?.label ?? period.label)"))
            meta.changes[p] = MapFile(path: path, width: map.frame.width, height: map.frame.height, legend: map.legend).meta
        }
        // The pieces a tap asks about, in tiles the page draws over a picture when it is zoomed.
        let raster = years.contains { scenes.landCover($0).raster } || project.layout.periods.indices.contains { scenes.changes($0).raster }
        if let pieces = MapPieces.make(t, maps: scenes.maps, raster: raster) {
            for file in MapPiecesScript.files(pieces, folder: SitePaths.folder(t.id)) { try writer.write(file.path, Array(file.text.utf8)) }
            meta.pieces = true
        }
        // The explorer's extra layers, in the same frame as the maps.
        let anyMap = meta.maps[years.last!]!
        for (i, layer) in project.extraLayers.enumerated() {
            guard let o = ExplorerPage.overlay(layer, territory: t, project: project, mapSize: (anyMap.width, anyMap.height)) else { continue }
            let raster = o.vertices > TerritoryMaps.rasterThreshold
            let path = SitePaths.overlay(t.id, layer, raster: raster)
            try writer.write(path, try file(o.scene, raster: raster, title: "\(layer.name) : \(t.name)"))
            meta.overlays.append(.init(layer: i, path: path, categories: o.categories))
        }
        return meta
    }

    /// A map's file: a PNG at 1.5× when raster, else the SVG with its title.
    static func file(_ scene: Scene, raster: Bool, title: String) throws -> [UInt8] {
        raster ? try CairoRenderer.png(scene, scale: 1.5) : SVGTitle.titled(try CairoRenderer.svg(scene), title)
    }
}

/// What the pages need to know about a territory's maps (their files and sizes, the explorer's
/// overlays): kept in the build state so that pages can be rendered
/// again without drawing the maps.
package struct TerritoryMapsMeta: Codable {
    package struct Map: Codable {
        package var path: String
        package var width: Double
        package var height: Double
        package var legend: MapLegendRecord
    }

    package struct Overlay: Codable {
        package var layer: Int
        package var path: String
        package var categories: [Int]
    }

    package var maps: [Int: Map] = [:]
    package var changes: [Int: Map] = [:]
    package var overlays: [Overlay] = []
    /// Whether the territory's map pieces were written (`MapPiecesScript`): the page then lets a
    /// tap ask what a piece is.
    package var pieces = false
}

extension MapFile {
    package var meta: TerritoryMapsMeta.Map {
        TerritoryMapsMeta.Map(path: path, width: width, height: height, legend: MapLegendRecord(legend))
    }

    package init(_ m: TerritoryMapsMeta.Map) {
        self.init(path: m.path, width: m.width, height: m.height, legend: m.legend.legend)
    }
}
