import PortraitsGraphics

/// A map's legend as template keys (`map-legend.mustache`): the map files hold the map frame
/// alone, and the page writes the legend and the source, so that they are text at the page's
/// size, beside the map on a wide screen and below it on a phone.
enum MapLegendContext {
    static func context(_ legend: MapLegend) -> [String: Any] {
        ["title": legend.title, "source": legend.source,
         "entries": legend.entries.map { ["label": $0.label, "color": $0.color.hex] }]
    }
}
