import PortraitsCore
import PortraitsProject

/// Where each page and file of the site lives. All links are relative: a page prefixes site paths
/// with its `root` ("../../" for a portrait), so the site works from any host and from disk.
package enum SitePaths {
    package static func folder(_ id: TerritoryID) -> String { "\(id.level.pathSegment)/\(id.code)" }
    package static func portrait(_ id: TerritoryID, _ view: PortraitView) -> String { "\(folder(id))/\(view.id).html" }
    package static func csv(_ id: TerritoryID, _ view: PortraitView) -> String { "\(folder(id))/\(view.id).csv" }
    package static func map(_ id: TerritoryID, millesime: Int, raster: Bool) -> String { "\(folder(id))/carte-\(millesime).\(raster ? "png" : "svg")" }
    package static func changeMap(_ id: TerritoryID, _ period: Period, raster: Bool) -> String { "\(folder(id))/carte-changements-\(period).\(raster ? "png" : "svg")" }
    package static func portraitPDF(_ t: Territory, _ view: PortraitView) -> String {
        "\(folder(t.id))/portrait-\(t.id.code)-\(Slug.of(t.name))-\(view.id).pdf"
    }
    package static func atlasPDF(_ t: Territory, _ view: PortraitView) -> String {
        "\(folder(t.id))/atlas-\(t.id.code)-\(Slug.of(t.name))-\(view.id).pdf"
    }
    /// A territory's stock of every class at every millésime, and its transitions of a period.
    /// The file name of a site path, as a page links to a file of its own folder.
    package static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    package static let stockFile = "stock-toutes-classes.csv"
    package static func transitionsFile(_ period: Period) -> String { "mutations-\(period).csv" }
    package static func stockCSV(_ id: TerritoryID) -> String { "\(folder(id))/\(stockFile)" }
    package static func transitionsCSV(_ id: TerritoryID, _ period: Period) -> String { "\(folder(id))/\(transitionsFile(period))" }
    /// The description of the folder's CSV files (W3C CSV on the Web).
    /// The CSV on the Web metadata beside a folder's CSV files.
    package static let csvMetadataFile = "csv-metadata.json"
    package static func csvMetadata(_ id: TerritoryID) -> String { "\(folder(id))/\(csvMetadataFile)" }
    /// The folder's `index.html`, so that `commune/67482/` opens the portrait.
    package static func folderIndex(_ id: TerritoryID) -> String { "\(folder(id))/index.html" }
    /// Whether a site path is a territory folder's `index.html` (`level/code/index.html`).
    package static func isFolderIndex(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[2] == "index.html"
    }
    package static func explorer(_ id: TerritoryID) -> String { "\(folder(id))/explorateur.html" }
    package static func overlay(_ id: TerritoryID, _ layer: ExtraLayerData, raster: Bool) -> String { "\(folder(id))/couche-\(layer.slug).\(raster ? "png" : "svg")" }
    /// The council's report on artificialisation, prefilled: `rapport-artificialisation-67482-strasbourg-2019-2021.odt` (and `.pdf`).
    package static func report(_ t: Territory, _ view: PortraitView, pdf: Bool) -> String {
        "\(folder(t.id))/rapport-artificialisation-\(t.id.code)-\(Slug.of(t.name))-\(view.id).\(pdf ? "pdf" : "odt")"
    }
    package static func territoryXLSX(_ t: Territory) -> String { "\(folder(t.id))/donnees-\(t.id.code)-\(Slug.of(t.name)).xlsx" }
    package static func levelIndex(_ level: TerritoryLevel) -> String { "\(level.pathSegment)/index.html" }
    package static func doc(_ slug: String) -> String { "doc/\(slug).html" }
    package static let stylesheet = "assets/style.css"

    /// "../" repeated once per folder of `path`.
    package static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

