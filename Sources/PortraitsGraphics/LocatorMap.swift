import Foundation
import PortraitsCore

/// A small map placing a territory in its région: the région's outline light, the département's
/// outline darker, the territory filled in the accent colour (and marked by a ring when it is too
/// small to see). No text: the page says what it shows.
public enum LocatorMap {
    public static let accent = RGBColor(r: 0xc9, g: 0x19, b: 0x1e)

    /// Outlines simplified to 2.5 px (région), 1.5 px (département), 0.4 px (territory) at `size`:
    /// the locator is shown at 120 px or less, and its région outline is on every page.
    public static func scene(region: [PolygonRings], departement: [PolygonRings], territory: [PolygonRings], size: Double = 180) -> Scene {
        var bounds = BoundingBox.empty
        for p in region + departement + territory { bounds.formUnion(p.bounds) }
        if bounds.isEmpty { bounds = BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1) }
        let projection = MapProjection(fitting: bounds, x: 0, y: 0, maxWidth: size, maxHeight: size)
        var scene = Scene(width: size, height: projection.frameHeight, background: nil)
        let r = region.compactMap { projection.project($0, tolerance: 2.5) }
        scene.add(.polygons(r, fill: Palette.context, stroke: Stroke(Palette.contextStroke, width: 0.8)))
        let d = departement.compactMap { projection.project($0, tolerance: 1.5) }
        if !d.isEmpty { scene.add(.polygons(d, fill: RGBColor(r: 0xdd, g: 0xdd, b: 0xdd), stroke: Stroke(Palette.muted, width: 1))) }
        let t = territory.compactMap { projection.project($0, tolerance: 0.4) }
        if !t.isEmpty { scene.add(.polygons(t, fill: accent, stroke: Stroke(accent, width: 0.8))) }
        // A territory smaller than a few pixels gets a ring around it.
        var tb = BoundingBox.empty
        for p in territory { tb.formUnion(p.bounds) }
        if !tb.isEmpty, max(tb.width, tb.height) * projection.scale < 6 {
            let c = projection.project(Point((tb.minX + tb.maxX) / 2, (tb.minY + tb.maxY) / 2))
            var ring: [Point] = []
            for k in 0...24 {
                let a = Double(k) / 24 * 2 * Double.pi
                ring.append(Point(c.x + 7 * cos(a), c.y + 7 * sin(a)))
            }
            scene.add(.polyline(ring, stroke: Stroke(accent, width: 1.5)))
        }
        return scene
    }
}
