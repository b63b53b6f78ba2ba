import Foundation
import PortraitsCore

/// The territories of a level map as simplified outlines in the map frame's pixels, for the page to
/// lay over the map as links (each territory opens its portrait): the same projection as
/// `LandCoverMap.frame`, outlines simplified to `tolerance` px, one decimal.
public enum MapLinkAreas {
    /// SVG path data of each outline (`M … Z` per ring), in the order given; an outline outside the
    /// frame or too small to draw gives "".
    public static func paths(_ outlines: [[PolygonRings]], frame outline: [PolygonRings], mapWidth: Double = LandCoverMap.defaultMapWidth,
                             tolerance: Double = 1.5) -> [String] {
        let projection = LandCoverMap.projection(outline: outline, mapWidth: mapWidth)
        return outlines.map { polygons in
            var d = ""
            for p in polygons {
                guard let q = projection.project(p, tolerance: tolerance) else { continue }
                for ring in q.rings where ring.count >= 3 {
                    for (k, pt) in ring.enumerated() {
                        d += (k == 0 ? "M" : "L") + number(pt.x) + " " + number(pt.y)
                    }
                    d += "Z"
                }
            }
            return d
        }
    }

    static func number(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : String(format: "%.1f", Double(tenths) / 10)
    }
}
