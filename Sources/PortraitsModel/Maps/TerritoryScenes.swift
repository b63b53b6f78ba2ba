import Foundation
import PortraitsCore
import PortraitsGraphics
import PortraitsProject

/// The map scenes of one territory: its land cover at each millésime, its changes over each
/// period, its locator. Each is laid out once, when first asked for, and then shared by everything
/// that draws the territory in the same job: the web map files and the printed portraits read the
/// same scene. A job's value, used by one thread; it holds only one territory's scenes, so that a
/// build never keeps every map in memory.
package final class TerritoryScenes {
    /// A laid-out map and what its file format depends on.
    package struct Map {
        /// The map frame, laid out once: the web's map file.
        package let frame: Scene
        /// Its legend and source, which the web page writes beside the file.
        package let legend: MapLegend
        /// Vertices drawn: above `TerritoryMaps.rasterThreshold` the web file is a PNG.
        package let vertices: Int
        package var raster: Bool { vertices > TerritoryMaps.rasterThreshold }
        /// The frame with its legend beside it and its source below: what print draws.
        package var scene: Scene { LandCoverMap.withLegend(frame, legend) }
    }

    package let territory: Territory
    package let maps: TerritoryMaps
    private var landCovers: [Int: Map] = [:]
    private var changeMaps: [Int: Map] = [:]
    private var locatorScene: (scene: Scene, title: String)??

    /// Scenes laid out by every `TerritoryScenes` of the process (maps and locators): what a test
    /// counts to check that a build lays out each map once.
    package static let laidOut = Counter()

    package init(_ territory: Territory, maps: TerritoryMaps) {
        self.territory = territory
        self.maps = maps
    }

    private var credit: String { maps.project.config.site.mapCredit }

    /// The land cover at `millesime`.
    package func landCover(_ millesime: Int) -> Map {
        if let m = landCovers[millesime] { return m }
        let year = maps.project.years(territory.id).millesimes[maps.project.layout.index(of: millesime)!] ?? YearSpan(millesime)
        let input = maps.input(for: territory, millesime: millesime, source: "Millésime\(year.single == nil ? "s" : "") \(year.detail) · \(credit)")
        let m = Map(frame: LandCoverMap.frame(input), legend: input.mapLegend, vertices: maps.vertexCount(input))
        Self.laidOut.add()
        landCovers[millesime] = m
        return m
    }

    /// The changes over the period of index `period` in the project's layout.
    package func changes(_ period: Int) -> Map {
        if let m = changeMaps[period] { return m }
        let label = maps.project.years(territory.id).periods[period]?.detail ?? maps.project.layout.periods[period].label
        let input = maps.changeInput(for: territory, periodIndex: period, source: "Changements \(label) · \(credit)")
        let m = Map(frame: LandCoverMap.frame(input), legend: input.mapLegend, vertices: maps.vertexCount(input))
        Self.laidOut.add()
        changeMaps[period] = m
        return m
    }

    /// The locator map and its description; nil for a région.
    package var locator: (scene: Scene, title: String)? {
        if let made = locatorScene { return made }
        let made = maps.locator(for: territory)
        if made != nil { Self.laidOut.add() }
        locatorScene = .some(made)
        return made
    }

    /// A count shared by threads.
    package final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        package var value: Int { lock.lock(); defer { lock.unlock() }; return count }
        func add() { lock.lock(); count += 1; lock.unlock() }
    }
}
