import PortraitsCore
import PortraitsGeo

/// Reads the explorer's extra layers (`explorer.layers`); categories in alphabetical order.
package enum ExtraLayers {
    package static func read(_ config: ProjectConfig.ExtraLayer) throws -> ExtraLayerData {
        let features = try ExtraLayerReader.read(config.layer, categoryField: config.category)
        let categories = Array(Set(features.map(\.category))).sorted()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        return ExtraLayerData(name: config.name, slug: Slug.of(config.name), categories: categories,
                              features: features.map { (index[$0.category]!, $0) })
    }

    /// Outline colours of the categories, in order (then repeated).
    package static let palette: [RGBColor] = [
        RGBColor(r: 0xc8, g: 0x10, b: 0x2e), RGBColor(r: 0x00, g: 0x55, b: 0xa4), RGBColor(r: 0x7b, g: 0x2d, b: 0x8e),
        RGBColor(r: 0xa8, g: 0x52, b: 0x00), RGBColor(r: 0x00, g: 0x6e, b: 0x62), RGBColor(r: 0x33, g: 0x33, b: 0x33),
    ]
    package static func color(_ i: Int) -> RGBColor { palette[i % palette.count] }
}
