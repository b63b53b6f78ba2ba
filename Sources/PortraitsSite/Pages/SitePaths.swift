import PortraitsCore

/// Where each page and file of the site lives. All links are relative: a page prefixes site paths
/// with its `root` ("../../" for a portrait), so the site works from any host and from disk.
enum SitePaths {
    static func folder(_ id: TerritoryID) -> String { "\(id.level.pathSegment)/\(id.code)" }
    static func portrait(_ id: TerritoryID, _ view: PortraitView) -> String { "\(folder(id))/\(view.id).html" }
    static func csv(_ id: TerritoryID, _ view: PortraitView) -> String { "\(folder(id))/\(view.id).csv" }
    static func map(_ id: TerritoryID, millesime: Int, raster: Bool) -> String { "\(folder(id))/carte-\(millesime).\(raster ? "png" : "svg")" }
    static func changeMap(_ id: TerritoryID, _ period: Period, raster: Bool) -> String { "\(folder(id))/carte-changements-\(period).\(raster ? "png" : "svg")" }
    static func portraitPDF(_ t: Territory, _ view: PortraitView) -> String {
        "\(folder(t.id))/portrait-\(t.id.code)-\(PortraitPDF.slug(t.name))-\(view.id).pdf"
    }
    static func bundlePDF(_ t: Territory, _ view: PortraitView) -> String {
        "\(folder(t.id))/recueil-\(t.id.code)-\(PortraitPDF.slug(t.name))-\(view.id).pdf"
    }
    static func stockCSV(_ id: TerritoryID) -> String { "\(folder(id))/\(TerritoryCSV.stockFile)" }
    static func transitionsCSV(_ id: TerritoryID, _ period: Period) -> String { "\(folder(id))/\(TerritoryCSV.transitionsFile(period))" }
    /// The description of the folder's CSV files (W3C CSV on the Web).
    static func csvMetadata(_ id: TerritoryID) -> String { "\(folder(id))/\(CSVMetadata.fileName)" }
    static func explorer(_ id: TerritoryID) -> String { "\(folder(id))/explorateur.html" }
    static func overlay(_ id: TerritoryID, _ layer: ExtraLayerData, raster: Bool) -> String { "\(folder(id))/couche-\(layer.slug).\(raster ? "png" : "svg")" }
    static func territoryXLSX(_ t: Territory) -> String { "\(folder(t.id))/donnees-\(t.id.code)-\(PortraitPDF.slug(t.name)).xlsx" }
    static func levelIndex(_ level: TerritoryLevel) -> String { "\(level.pathSegment)/index.html" }
    static func doc(_ slug: String) -> String { "doc/\(slug).html" }
    static let stylesheet = "assets/style.css"

    /// "../" repeated once per folder of `path`.
    static func root(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

/// What one portrait page shows: a period (t0 → t1), or a single millésime when the land cover has
/// only one date.
public struct PortraitView: Sendable, Equatable {
    public var period: Period?
    public var millesime: Int

    /// `2019-2021` or `2018`: the page's file name.
    public var id: String { period.map(\.description) ?? String(millesime) }
    public var label: String { period.map(\.label) ?? String(millesime) }

    /// The views of a build: one per period; with no period, one per millésime.
    public static func all(_ layout: FactsLayout) -> [PortraitView] {
        if layout.periods.isEmpty { return layout.millesimes.map { PortraitView(period: nil, millesime: $0) } }
        return layout.periods.map { PortraitView(period: $0, millesime: $0.end) }
    }

    /// The view index pages link to: the longest period (first → last), else the latest millésime.
    public static func main(_ views: [PortraitView]) -> PortraitView {
        views.max { a, b in
            let la = a.period?.years ?? 0, lb = b.period?.years ?? 0
            return la != lb ? la < lb : a.millesime < b.millesime
        }!
    }
}
