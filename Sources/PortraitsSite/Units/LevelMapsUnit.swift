import PortraitsCore
import PortraitsProject
import PortraitsWeb

/// The level maps unit: the map of each level's page (every EPCI, SCoT or département of the
/// région, coloured by a headline figure), but the région's, whose page lists one territory.
/// Key: the figures only.
package enum LevelMapsUnit {
    /// Draws the maps; returns each level's file, by the level's name (the unit's meta).
    package static func make(_ index: IndexPages, context: RenderContext, writer: FileSink) throws -> [String: LevelMapFile] {
        var files: [String: LevelMapFile] = [:]
        for level in context.levels where level != .region {
            let m = try index.mapFile(level, credit: context.project.config.site.mapCredit)
            try writer.write(m.path, m.bytes)
            files[level.rawValue] = LevelMapFile(file: m.path, alt: m.alt, width: m.width, height: m.height, legend: m.legend, links: m.links)
        }
        return files
    }

    /// The meta read back by level.
    package static func byLevel(_ meta: [String: LevelMapFile]) -> [TerritoryLevel: LevelMapFile] {
        Dictionary(uniqueKeysWithValues: meta.compactMap { k, v in TerritoryLevel(rawValue: k).map { ($0, v) } })
    }
}
