/// The units of output of a site, in the order a build makes them. A unit is a set of files made
/// together and reused together: when the last build of the same output folder made it under the
/// same key, its files are linked instead of made again (`UnitCache`). Its key hashes the figures
/// and what `inputs` names; each unit's files are written through its own sink
/// (`OutputWriter.unit`), so the build knows which paths each unit wrote (the sitemap reads them).
package enum OutputUnit: String, CaseIterable, Sendable {
    /// Every territory's land-cover maps, change maps and the explorer's overlays (`MapsUnit`).
    case maps
    /// Every territory's portraits, explorer, CSV files, workbook and compare data (`TerritoryPagesUnit`).
    case territoryPages = "territory-pages"
    /// The map of each level's page (`LevelMapsUnit`).
    case levelMaps = "level-maps"
    /// The site-wide tables: CSV, workbook, GeoPackage (`DownloadsUnit`).
    case downloads
    /// The home, level, documentation, search, comparison and downloads pages, the 404 page, the
    /// sitemap, robots.txt and the assets (`SitePagesUnit`).
    case site
    /// The portrait PDFs and the bundles (`PDFUnit`).
    case pdf

    /// What a unit's files depend on besides the figures.
    package struct Inputs: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        /// The templates (built-in and the project's).
        package static let templates = Inputs(rawValue: 1)
        /// The documentation's titles (every page's menu), not its text.
        package static let navigation = Inputs(rawValue: 2)
        /// The documentation's text.
        package static let content = Inputs(rawValue: 4)
        /// The publishing options: base URL, title, notices, attribution, PDFs asked for.
        package static let publishing = Inputs(rawValue: 8)
    }

    package var inputs: Inputs {
        switch self {
        case .maps, .levelMaps, .downloads: return []
        case .territoryPages: return [.templates, .navigation, .publishing]
        case .site: return [.templates, .content, .publishing]
        case .pdf: return [.publishing]
        }
    }
}
